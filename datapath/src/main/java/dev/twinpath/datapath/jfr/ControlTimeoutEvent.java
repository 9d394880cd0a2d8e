package dev.twinpath.datapath.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value TwinpathEvents#CONTROL_TIMEOUT}: a control-plane wait of a NetVSC adapter ran out and took
 * its fallback (G7), the JFR twin of the event log's CONTROL_TIMEOUT. An instant event.
 * <p>
 * Committed by {@code SwitchTrace} on the adapter's guest thread.
 */
@Name(TwinpathEvents.CONTROL_TIMEOUT)
@Label("Control Timeout")
@Category({"Twinpath", "Steering"})
@Description("A control-plane wait of a NetVSC adapter ran out and took its fallback")
@StackTrace(false)
public final class ControlTimeoutEvent extends jdk.jfr.Event
{
    @Label("Host")
    public String host;

    @Label("Adapter")
    public String adapter;

    @Label("VF Index")
    @Description("The virtual function concerned, -1 for none")
    public int vf;

    @Label("What")
    @Description("Which wait ran out and the fallback taken")
    public String what;
}
