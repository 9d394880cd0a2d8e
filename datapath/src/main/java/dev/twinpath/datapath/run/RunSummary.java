package dev.twinpath.datapath.run;

import dev.twinpath.datapath.event.SteeringEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FailoverRun} measured, at the quiescent point after the lab drained: the traffic
 * accounting (offered, delivered, lost, reordered, duplicates, drops by cause), latency per path,
 * the switches and their durations, the hold-back high-water mark, the pool audit, the per-interval
 * throughput and the event log. {@link #problems()} lists the broken invariants; {@link #toJson()}
 * writes the figures for programs.
 * <p>
 * Immutable (the timeline array and event list are not copied: do not change them), any thread.
 *
 * @param setup             what ran.
 * @param traffic           packet accounting.
 * @param droppedByCause    non-zero drop counters, e.g. {@code nic.DROP_RX_RESET}, {@code vswitch.RING_FULL}.
 * @param latencyVf         latency from the intended send time of packets delivered by the VF, ns.
 * @param latencySynthetic  the same for the synthetic path.
 * @param switching         the data path switches.
 * @param timeline          packets delivered per interval.
 * @param leakedBuffers     pool slots still allocated after the drain.
 * @param eventsByLevel     events recorded per level ({@code INFORMATION}, {@code WARNING}, {@code ERROR}).
 * @param firstError        the first error an agent reported, or null.
 * @param events            the events the log kept, oldest first.
 * @param warmup            the warm-up run before this one, or null.
 * @param guestTx           what the VMs sent to the wire peer, or null when they sent nothing.
 * @param schedule          the outcome of each action of the lab's schedule, in order ({@code FAILED: ...} when it failed).
 * @param migrations        the live migrations of the run.
 */
public record RunSummary(
    Setup setup,
    Traffic traffic,
    Map<String, Long> droppedByCause,
    Percentiles latencyVf,
    Percentiles latencySynthetic,
    Switching switching,
    Timeline timeline,
    long leakedBuffers,
    Map<String, Long> eventsByLevel,
    String firstError,
    List<SteeringEvent> events,
    RunSummary warmup,
    GuestTx guestTx,
    List<String> schedule,
    List<dev.twinpath.datapath.lab.MigrationReport> migrations)
{
    /** Below this share of the intended packets, the wire peer fell behind its schedule. */
    public static final double BEHIND_SCHEDULE = 0.99;

    /**
     * @param vms                 VMs.
     * @param totalVfs            VFs of the NIC.
     * @param flows               flows of the wire peer.
     * @param frameLength         frame length without FCS.
     * @param ratePps             configured rate, 0 for max.
     * @param threading           threading mode.
     * @param durationNanos       configured duration.
     * @param sendNanos           how long the wire peer sent, measured.
     * @param switchIntervalNanos time between two revokes of one VM, 0 for none.
     * @param syntheticTimeNanos  time on the synthetic path per cycle.
     */
    public record Setup(
        int vms, int totalVfs, int flows, int frameLength, long ratePps, String threading, long durationNanos,
        long sendNanos, long switchIntervalNanos, long syntheticTimeNanos)
    {
    }

    /**
     * @param offered            packets the NIC took from the wire peer.
     * @param intended           packets the schedule called for while sending (the rate times the send time),
     *                           or {@code offered} at max rate.
     * @param delivered          packets the guest applications received (first arrivals).
     * @param deliveredVf        of which by the VF.
     * @param deliveredSynthetic of which by the synthetic path.
     * @param lost               offered, never delivered.
     * @param reordered          delivered after a later packet of their flow.
     * @param duplicates         delivered more than once (the extra copies).
     * @param foreign            frames that were not the wire peer's.
     * @param dropped            sum of the drop counters.
     */
    public record Traffic(
        long offered, long intended, long delivered, long deliveredVf, long deliveredSynthetic, long lost,
        long reordered, long duplicates, long foreign, long dropped, long tooOld)
    {
        /**
         * @return true when every sequence counted lost is matched by an arrival too late for the checker's window:
         * as many missing as too-late arrivals, no other duplicate, and every packet offered arrived once.
         */
        public boolean lostOnlyLate()
        {
            return lost == tooOld && duplicates == tooOld && offered == delivered + tooOld;
        }
    }

    /**
     * The VMs' own traffic to the wire peer (their TX moves with the VF as their RX does).
     *
     * @param offered    packets the adapters took from the guest applications.
     * @param delivered  packets the wire peer received (first arrivals).
     * @param lost       offered, never delivered.
     * @param reordered  delivered after a later packet of their flow.
     * @param duplicates delivered more than once.
     * @param foreign    frames at the wire that were not the guests'.
     * @param latency    from the intended send time to the wire peer.
     */
    public record GuestTx(
        long offered, long delivered, long lost, long reordered, long duplicates, long foreign, Percentiles latency,
        long tooOld)
    {
        /**
         * @return true when every sequence counted lost is matched by an arrival too late for the checker's window:
         * as many missing as too-late arrivals, no other duplicate, and every packet offered arrived once.
         */
        public boolean lostOnlyLate()
        {
            return lost == tooOld && duplicates == tooOld && offered == delivered + tooOld;
        }
    }

    /**
     * @param pathSwitches      data path switches the adapters completed (the first offers included).
     * @param planned           revokes and offers the schedule issued.
     * @param refused           of which the lab refused.
     * @param timeNanos         durations of the switches, ns.
     * @param heldBackMax       most packets one adapter held back at once, RX or TX.
     * @param controlTimeouts   control-plane waits that ran out (G7 fallbacks).
     * @param releasedOnTimeout held packets released by the hold-back timeout instead of a marker.
     * @param flapsDamped       offers deferred by the minimum dwell time.
     */
    public record Switching(
        long pathSwitches, long planned, long refused, Percentiles timeNanos, long heldBackMax, long controlTimeouts,
        long releasedOnTimeout, long flapsDamped)
    {
    }

    /**
     * Packets delivered per interval from the start of sending; the window is the whole intervals
     * while the peer sent, without the first and the last.
     *
     * @param intervalNanos interval width.
     * @param delivered     packets per interval (shared array: do not change).
     * @param first         first interval of the window.
     * @param end           one past the last interval of the window.
     */
    public record Timeline(long intervalNanos, long[] delivered, int first, int end)
    {
        /** @return the lowest rate of an interval in the window, pps (0 when the window is empty). */
        public double minPps()
        {
            long min = Long.MAX_VALUE;
            for (int i = first; i < end; i++)
            {
                min = Math.min(min, delivered[i]);
            }
            return end > first ? min * 1e9 / intervalNanos : 0;
        }

        /** @return the highest rate of an interval in the window, pps. */
        public double maxPps()
        {
            long max = 0;
            for (int i = first; i < end; i++)
            {
                max = Math.max(max, delivered[i]);
            }
            return max * 1e9 / intervalNanos;
        }

        /** @return the mean rate over the window, pps. */
        public double meanPps()
        {
            long sum = 0;
            for (int i = first; i < end; i++)
            {
                sum += delivered[i];
            }
            return end > first ? sum * 1e9 / ((double)intervalNanos * (end - first)) : 0;
        }
    }

    /** @return delivered packets per second of sending, in millions. */
    public double throughputMpps()
    {
        return setup.sendNanos() > 0 ? traffic.delivered() * 1e3 / setup.sendNanos() : 0;
    }

    /** @return true when the wire peer sent less than {@value #BEHIND_SCHEDULE} of its schedule. */
    public boolean behindSchedule()
    {
        return traffic.offered() < traffic.intended() * BEHIND_SCHEDULE;
    }

    /** @return this summary with the guests' transmit figures. */
    public RunSummary withGuestTx(final GuestTx tx)
    {
        return new RunSummary(setup, traffic, droppedByCause, latencyVf, latencySynthetic, switching, timeline,
            leakedBuffers, eventsByLevel, firstError, events, warmup, tx, schedule, migrations);
    }

    /** @return true when the schedule pulled a cable (a team member's link went down). */
    public boolean cablesPulled()
    {
        return schedule != null && schedule.stream().anyMatch(line -> line.contains(" link-down ") && !line.contains(": FAILED: "));
    }

    /** @return the fault actions of the schedule that ran (see {@link LabAction.Kind#isFault()}). */
    public long faultsInjected()
    {
        return schedule == null ? 0 : schedule.stream().filter(RunSummary::isFaultLine).count();
    }

    private static boolean isFaultLine(final String line)
    {
        for (final LabAction.Kind kind : LabAction.Kind.values())
        {
            if (kind.isFault() && line.contains(" s " + kind.spelling() + " ") && !line.contains(": FAILED: "))
            {
                return true;
            }
        }
        return false;
    }

    /** @return this summary with the outcomes of the lab's schedule and its migrations. */
    public RunSummary withSchedule(final List<String> outcomes, final List<dev.twinpath.datapath.lab.MigrationReport> moves)
    {
        return new RunSummary(setup, traffic, droppedByCause, latencyVf, latencySynthetic, switching, timeline,
            leakedBuffers, eventsByLevel, firstError, events, warmup, guestTx, outcomes, moves);
    }

    /** @return this summary with the warm-up that ran before it. */
    public RunSummary withWarmup(final RunSummary warmupSummary)
    {
        return new RunSummary(setup, traffic, droppedByCause, latencyVf, latencySynthetic, switching, timeline,
            leakedBuffers, eventsByLevel, firstError, events, warmupSummary, guestTx, schedule, migrations);
    }

    /**
     * @return the broken invariants (loss, reordering, duplicates, drops, leaks, errors), the warm-up's
     * included; empty when the run passed.
     */
    public List<String> problems()
    {
        final List<String> problems = new ArrayList<>();
        if (warmup != null)
        {
            warmup.problems().forEach(p -> problems.add("warm-up: " + p));
        }
        if (firstError != null)
        {
            problems.add("lab error: " + firstError);
        }
        if (schedule != null)
        {
            schedule.stream().filter(line -> line.contains(": FAILED: ")).forEach(line -> problems.add("schedule: " + line));
        }
        if (migrations != null)
        {
            migrations.stream().filter(m -> m.lostAfterClose() != 0).forEach(m -> problems.add("migration of " + m.vm() +
                ": " + m.lostAfterClose() + " frames from VMs of " + m.from() + " reached its closed old port (lost)"));
        }
        final Traffic t = traffic;
        final boolean cables = cablesPulled();
        // Under injected faults a loss is allowed when every lost packet is a counted drop (G5, G6).
        final boolean rxLate = cables && t.lostOnlyLate() ||
            faultsInjected() > 0 && t.lost() == t.dropped() && t.offered() == t.delivered() + t.lost() && t.duplicates() == 0;
        if (t.lost() != 0 && !rxLate)
        {
            problems.add(t.lost() + " lost");
        }
        if (t.reordered() != 0 && !cables)
        {
            problems.add(t.reordered() + " reordered");
        }
        if (t.duplicates() != 0 && !rxLate)
        {
            problems.add(t.duplicates() + " duplicates");
        }
        if (t.dropped() != 0 && !(rxLate && t.dropped() == t.lost()))
        {
            problems.add(t.dropped() + " dropped " + droppedByCause);
        }
        if (t.foreign() != 0)
        {
            problems.add(t.foreign() + " foreign frames");
        }
        if (leakedBuffers != 0)
        {
            problems.add(leakedBuffers + " leaked buffers");
        }
        if (t.offered() != t.delivered() && !rxLate)
        {
            problems.add("offered " + t.offered() + " != delivered " + t.delivered());
        }
        if (t.offered() == 0)
        {
            problems.add("nothing was offered");
        }
        final GuestTx tx = guestTx;
        if (tx != null)
        {
            final boolean txLate = cables && tx.lostOnlyLate();
            if (tx.lost() != 0 && !txLate)
            {
                problems.add("guest TX: " + tx.lost() + " lost");
            }
            if (tx.reordered() != 0 && !cables)
            {
                problems.add("guest TX: " + tx.reordered() + " reordered");
            }
            if (tx.duplicates() != 0 && !txLate)
            {
                problems.add("guest TX: " + tx.duplicates() + " duplicates");
            }
            if (tx.foreign() != 0)
            {
                problems.add("guest TX: " + tx.foreign() + " foreign frames at the wire");
            }
            if (tx.offered() != tx.delivered() && !txLate)
            {
                problems.add("guest TX: offered " + tx.offered() + " != delivered " + tx.delivered());
            }
        }
        return problems;
    }

    /** @return facts worth a look that break no invariant (refused switches, timeouts, a peer behind schedule). */
    public List<String> warnings()
    {
        final List<String> warnings = new ArrayList<>();
        if (switching.refused() != 0)
        {
            warnings.add(switching.refused() + " planned switches refused by the lab (see the event log)");
        }
        if (switching.controlTimeouts() != 0)
        {
            warnings.add(switching.controlTimeouts() + " control-plane timeouts took their fallback");
        }
        if (switching.releasedOnTimeout() != 0)
        {
            warnings.add(switching.releasedOnTimeout() + " held packets released by the hold-back timeout");
        }
        if (cablesPulled() && traffic.reordered() + traffic.tooOld() +
            (guestTx == null ? 0 : guestTx.reordered() + guestTx.tooOld()) > 0)
        {
            final long txReordered = guestTx == null ? 0 : guestTx.reordered();
            final long txLate = guestTx == null ? 0 : guestTx.tooOld();
            warnings.add(String.format("frames on a pulled cable's path arrived after newer ones on another path: %d " +
                "reordered and %d more than %d sequences late to the VMs, %d reordered and %d that late to the wire (none " +
                "lost: each sequence missing was matched by a late arrival)", traffic.reordered(), traffic.tooOld(),
                dev.twinpath.datapath.traffic.StreamChecker.WINDOW, txReordered, txLate));
        }
        if (setup.ratePps() != RunContext.MAX_RATE && behindSchedule())
        {
            warnings.add(String.format("the wire peer fell behind: offered %d of %d packets due (%.1f%%)",
                traffic.offered(), traffic.intended(), 100.0 * traffic.offered() / Math.max(1, traffic.intended())));
        }
        return warnings;
    }

    /** @return true when no invariant broke. */
    public boolean passed()
    {
        return problems().isEmpty();
    }

    /** @return the summary as a JSON document (figures only; the events go to their own file). */
    public String toJson()
    {
        return write(new JsonWriter()).toString();
    }

    /** Write the summary as one JSON object (the top level, or the value after a key). @return {@code json}. */
    public JsonWriter write(final JsonWriter json)
    {
        json.beginObject();
        json.key("passed").value(passed());
        json.key("problems").beginArray();
        problems().forEach(json::value);
        json.endArray();
        json.key("warnings").beginArray();
        warnings().forEach(json::value);
        json.endArray();
        json.key("schedule").beginArray();
        (schedule == null ? List.<String>of() : schedule).forEach(json::value);
        json.endArray();
        json.key("migrations").beginArray();
        for (final dev.twinpath.datapath.lab.MigrationReport m : migrations == null ? List.<dev.twinpath.datapath.lab.MigrationReport>of() : migrations)
        {
            json.beginObject().field("vm", m.vm()).field("from", m.from()).field("to", m.to())
                .field("blackout_ms", m.blackoutNanos() / 1e6, 3).field("total_ms", m.totalNanos() / 1e6, 3)
                .field("forwarded_packets", m.forwarded()).field("held_at_destination", m.heldAtDestination())
                .key("vf_offered_at_destination").value(m.vfOfferedAtDestination()).field("vf_reason", m.vfReason())
                .endObject();
        }
        json.endArray();
        json.field("duration_s", setup.sendNanos() / 1e9, 3);
        if (setup.ratePps() == RunContext.MAX_RATE)
        {
            json.field("rate_pps", "max");
        }
        else
        {
            json.field("rate_pps", setup.ratePps());
        }
        json.field("vms", setup.vms())
            .field("vfs", setup.totalVfs())
            .field("flows", setup.flows())
            .field("frame_length", setup.frameLength())
            .field("threading", setup.threading())
            .field("switch_interval_ms", setup.switchIntervalNanos() / 1e6, 3)
            .field("synthetic_time_ms", setup.syntheticTimeNanos() / 1e6, 3);
        json.field("offered_packets", traffic.offered())
            .field("intended_packets", traffic.intended())
            .field("delivered_packets", traffic.delivered())
            .key("delivered_by_path").beginObject()
            .field("vf", traffic.deliveredVf())
            .field("synthetic", traffic.deliveredSynthetic())
            .endObject()
            .field("lost_packets", traffic.lost())
            .field("reordered_packets", traffic.reordered())
            .field("duplicate_packets", traffic.duplicates())
            .field("foreign_packets", traffic.foreign());
        json.key("dropped_by_cause").beginObject();
        droppedByCause.forEach(json::field);
        json.endObject();
        json.field("throughput_mpps", throughputMpps(), 4);
        json.key("latency_ns").beginObject();
        latency(json.key("vf"), latencyVf);
        latency(json.key("synthetic"), latencySynthetic);
        json.endObject();
        json.field("path_switches", switching.pathSwitches())
            .field("planned_switches", switching.planned())
            .field("refused_switches", switching.refused());
        final Percentiles st = switching.timeNanos();
        json.key("switch_time_us").beginObject()
            .field("count", st.count())
            .field("p50", st.p50() / 1e3, 3)
            .field("p99", st.p99() / 1e3, 3)
            .field("max", st.max() / 1e3, 3)
            .endObject();
        json.field("held_back_max", switching.heldBackMax())
            .field("control_timeouts", switching.controlTimeouts())
            .field("released_on_timeout", switching.releasedOnTimeout())
            .field("flaps_damped", switching.flapsDamped())
            .field("leaked_buffers", leakedBuffers);
        json.key("interval_throughput_mpps").beginObject()
            .field("interval_ms", timeline.intervalNanos() / 1e6, 3)
            .field("min", timeline.minPps() / 1e6, 4)
            .field("mean", timeline.meanPps() / 1e6, 4)
            .field("max", timeline.maxPps() / 1e6, 4)
            .endObject();
        json.key("events_by_level").beginObject();
        eventsByLevel.forEach(json::field);
        json.endObject();
        if (guestTx != null)
        {
            json.key("guest_tx").beginObject()
                .field("offered_packets", guestTx.offered())
                .field("delivered_packets", guestTx.delivered())
                .field("lost_packets", guestTx.lost())
                .field("reordered_packets", guestTx.reordered())
                .field("duplicate_packets", guestTx.duplicates())
                .field("foreign_packets", guestTx.foreign());
            latency(json.key("latency_ns"), guestTx.latency());
            json.endObject();
        }
        json.field("first_error", firstError);
        if (warmup != null)
        {
            json.key("warmup").beginObject()
                .field("duration_s", warmup.setup().sendNanos() / 1e9, 3)
                .field("offered_packets", warmup.traffic().offered())
                .field("delivered_packets", warmup.traffic().delivered())
                .field("path_switches", warmup.switching().pathSwitches())
                .key("passed").value(warmup.passed())
                .endObject();
        }
        return json.endObject();
    }

    private static void latency(final JsonWriter json, final Percentiles p)
    {
        json.beginObject()
            .field("count", p.count())
            .field("p50", p.p50())
            .field("p90", p.p90())
            .field("p99", p.p99())
            .field("p999", p.p999())
            .field("p9999", p.p9999())
            .field("max", p.max())
            .endObject();
    }
}
