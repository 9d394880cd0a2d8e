package dev.twinpath.datapath.lab;

/**
 * What one live migration cost: where the VM went, how long each phase took (from the start of the
 * migration, in nanoseconds of the lab's clock), the blackout (the guest stopped), the frames that
 * reached the old host after the VM left and were forwarded to the new one, the frames the new host
 * held until the forwarded stream ended, whether a VF carries the VM again, and the unicast frames other
 * VMs of the old host sent to the VM after its old port had closed ({@code lostAfterClose}: freed, a loss).
 * <p>
 * Immutable, any thread.
 */
public record MigrationReport(
    String vm,
    String from,
    String to,
    long startNanos,
    long vfClosedNanos,
    long pausedNanos,
    long blackoutNanos,
    long forwardingDoneNanos,
    long totalNanos,
    long forwarded,
    long heldAtDestination,
    boolean vfOfferedAtDestination,
    String vfReason,
    long lostAfterClose)
{
    /** @return one line for a person. */
    public String format()
    {
        return String.format("%s %s -> %s: blackout %.3f ms, %d forwarded from %s, %d held at %s, total %.3f ms, %s",
            vm, from, to, blackoutNanos / 1e6, forwarded, from, heldAtDestination, to, totalNanos / 1e6,
            vfOfferedAtDestination ? "VF offered at " + to : "synthetic at " + to + " (" + vfReason + ")");
    }

    /** @return the report as a JSON object. */
    public String toJson()
    {
        return "{\"vm\":\"" + vm + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"start_ns\":" + startNanos +
            ",\"vf_closed_ns\":" + vfClosedNanos + ",\"paused_ns\":" + pausedNanos + ",\"blackout_ns\":" + blackoutNanos +
            ",\"forwarding_done_ns\":" + forwardingDoneNanos + ",\"total_ns\":" + totalNanos + ",\"forwarded\":" + forwarded +
            ",\"held_at_destination\":" + heldAtDestination + ",\"vf_offered_at_destination\":" + vfOfferedAtDestination +
            ",\"vf_reason\":\"" + dev.twinpath.datapath.event.JsonText.escape(vfReason) + "\",\"lost_after_close\":" +
            lostAfterClose + "}";
    }
}
