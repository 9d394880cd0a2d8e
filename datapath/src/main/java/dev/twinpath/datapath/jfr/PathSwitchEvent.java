package dev.twinpath.datapath.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@value TwinpathEvents#PATH_SWITCH}: one data path switch of a NetVSC adapter, from its start (the
 * VF offer bound, the revoke received, the surprise removal seen) to its end (both directions on the VF with
 * nothing held back, or the VF released to the host). Its JFR duration is the switch, so JDK Mission Control
 * draws it as a bar of that length on the adapter's guest thread.
 * <p>
 * Built and committed by {@code SwitchTrace} on the adapter's guest thread, once per switch, never per packet.
 */
@Name(TwinpathEvents.PATH_SWITCH)
@Label("Path Switch")
@Category({"Twinpath", "Steering"})
@Description("A NetVSC adapter's data path switch between the VF and the synthetic path, from request to settled")
@StackTrace(false)
public final class PathSwitchEvent extends jdk.jfr.Event
{
    @Label("Host")
    @Description("The Hyper-V host the adapter's VM runs on")
    public String host;

    @Label("Adapter")
    @Description("The VM network adapter, vm/eth")
    public String adapter;

    @Label("From Path")
    @Description("vf or synthetic")
    public String fromPath;

    @Label("To Path")
    @Description("vf or synthetic")
    public String toPath;

    @Label("Trigger")
    @Description("What started the switch: offer, revoke, timeout, surprise removal, taken back")
    public String trigger;

    @Label("VF Index")
    @Description("The virtual function's index on its NIC")
    public int vf;

    @Label("Drained")
    @Description("Packets read from the old path's RX queues after the switch began, until its end markers")
    public long drained;

    @Label("Held Back")
    @Description("Packets of the new path held back until the old path had drained (RX and TX)")
    public long held;

    @Label("Released")
    @Description("Held packets released in order when the old path closed")
    public long released;

    @Label("Completed")
    @Description("True when the adapter ended on the path it switched to; false when it fell back")
    public boolean completed;

    @Label("Outcome")
    @Description("completed, fell back (and why), superseded, or how the VF was released")
    public String outcome;

    @Label("Switch Time")
    @Description("The switch's duration on the lab's clock (what switch_time_us of a run summary counts)")
    @Timespan(Timespan.NANOSECONDS)
    public long switchTime;
}
