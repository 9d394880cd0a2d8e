package dev.twinpath.datapath.labfile;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the fault entries of a lab's {@code schedule} (the entry's action key is one of
 * {@link LabSchema#FAULT_KEYS}):
 * <pre>
 * - {at: 1s, surpriseRemove: vm1, afterFrames: 50}        # the VF vanishes (mid-burst after 50 more frames)
 * - {at: 1s, loseControl: vm1, direction: toHost, count: 1}
 * - {at: 1s, delayControl: vm1, direction: toGuest, count: 2, delay: 50ms}
 * - {at: 1s, fillControlRing: vm1, direction: toGuest}
 * - {at: 1s, stallGuest: vm1, duration: 200ms}
 * - {at: 1s, exhaustPool: 200ms}
 * - {at: 1s, hostDown: B, during: pausing}                 # or without during: down at once
 * - {at: 2s, hostUp: B}
 * </pre>
 * Used by one reading, on the caller's thread.
 */
final class FaultEntries
{
    static final long MAX_FAULT_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX_COUNT = 1_000;
    static final long MAX_AFTER_FRAMES = 1_000_000_000L;

    private enum Direction
    {
        TO_GUEST("toGuest", "to-guest"), TO_HOST("toHost", "to-host");

        final String spelling;
        final String option;

        Direction(final String spelling, final String option)
        {
            this.spelling = spelling;
            this.option = option;
        }
    }

    private enum Step
    {
        PREPARED, FORWARDING, PAUSING;

        String spelling()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private FaultEntries()
    {
    }

    /** @return the fault, or null after a problem (reported). */
    static ScheduleAction.Fault read(
        final Fields entry, final String key, final long atNanos, final Map<String, HostSpec> hosts,
        final Map<String, VmSpec> vms, final VmReader vmReader)
    {
        final String range = "more than 0 and at most " + Quantities.formatDuration(MAX_FAULT_NANOS);
        switch (key)
        {
            case "exhaustPool":
            {
                final long nanos = entry.duration(key, 1, MAX_FAULT_NANOS, Fields.REQUIRED, range);
                return atNanos == Quantities.INVALID || nanos == Fields.REQUIRED ? null :
                    new ScheduleAction.Fault(atNanos, key, null, null, null, null, 0, nanos);
            }
            case "hostDown", "hostUp":
            {
                final String host = host(entry, key, hosts);
                final Step step = "hostDown".equals(key) && entry.has("during") ?
                    entry.choice("during", null, Step.values(), Step::spelling) : null;
                if (entry.has("during") && step == null)
                {
                    return null;
                }
                return atNanos == Quantities.INVALID || host == null ? null :
                    new ScheduleAction.Fault(atNanos, key, null, null, host, step == null ? null : step.spelling(), 0, 0);
            }
            default:
                break;
        }
        final VmSpec vm = vmReader.vm(entry, key, vms);
        final String adapter = "stallGuest".equals(key) ? null : vmReader.adapter(entry, vm);
        long count = 0;
        long nanos = 0;
        Direction direction = null;
        switch (key)
        {
            case "surpriseRemove" -> count = entry.integer("afterFrames", 1, MAX_AFTER_FRAMES, 0);
            case "stallGuest" -> nanos = entry.duration("duration", 1, MAX_FAULT_NANOS, Fields.REQUIRED, range);
            default ->
            {
                direction = entry.choice("direction", Direction.TO_GUEST, Direction.values(), d -> d.spelling);
                count = entry.integer("count", 1, MAX_COUNT, 1);
                if ("delayControl".equals(key))
                {
                    nanos = entry.duration("delay", 1, MAX_FAULT_NANOS, Fields.REQUIRED, range);
                }
            }
        }
        if (atNanos == Quantities.INVALID || vm == null || (!"stallGuest".equals(key) && adapter == null) ||
            count == Fields.REQUIRED || nanos == Fields.REQUIRED)
        {
            return null;
        }
        return new ScheduleAction.Fault(atNanos, key, vm.name(), adapter, null,
            direction == null ? null : direction.option, count, nanos);
    }

    private static String host(final Fields entry, final String key, final Map<String, HostSpec> hosts)
    {
        final String name = entry.text(key, null, LabSchema.NAME, "the name of a host");
        if (null != name && !hosts.containsKey(name))
        {
            entry.problems().add(entry.child(key), entry.value(key), LabSchema.noSuch("host", name, hosts.keySet()));
            return null;
        }
        return name;
    }

    /** The VM and adapter lookups of {@link ScheduleReader}. */
    interface VmReader
    {
        VmSpec vm(Fields entry, String key, Map<String, VmSpec> vms);

        String adapter(Fields entry, VmSpec vm);
    }
}
