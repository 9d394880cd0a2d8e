package dev.twinpath.datapath.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@value TwinpathEvents#MIGRATION}: one live migration of a VM between two hosts of a lab, from its
 * start to its end (completed, or given up with the VM left where it was). Its JFR duration is the migration;
 * the blackout (the guest paused) is a field.
 * <p>
 * Built and committed by {@link MigrationTrace} on the thread that runs the migration (the lab's control thread).
 */
@Name(TwinpathEvents.MIGRATION)
@Label("Live Migration")
@Category({"Twinpath", "Migration"})
@Description("A VM's live migration between two hosts, with its blackout and the frames forwarded and held")
@StackTrace(false)
public final class MigrationEvent extends jdk.jfr.Event
{
    @Label("VM")
    public String vm;

    @Label("Source Host")
    public String sourceHost;

    @Label("Destination Host")
    public String destinationHost;

    @Label("Outcome")
    @Description("completed, or gave up")
    public String outcome;

    @Label("Reason")
    @Description("Why it gave up; or, when completed without a VF at the destination, why no VF was offered")
    public String reason;

    @Label("Blackout")
    @Description("How long the guest was paused, on the lab's clock")
    @Timespan(Timespan.NANOSECONDS)
    public long blackout;

    @Label("Forwarded")
    @Description("Frames that reached the source host after the VM left and were forwarded to the destination")
    public long forwarded;

    @Label("Held")
    @Description("Frames the destination held until the forwarded stream ended")
    public long held;

    @Label("VF Offered")
    @Description("True when the destination offered the VM a VF again")
    public boolean vfOffered;
}
