package dev.twinpath.datapath.run;

import java.util.Locale;

/**
 * One timed step of a lab's schedule, run by the control thread of a {@link FailoverRun} when its time
 * comes (measured from the start of the traffic): migrate a VM, revoke or offer its VF, change its
 * IovWeight, take a team member's link down or up, or inject a fault ({@link dev.twinpath.datapath.lab.LabFaults}).
 * <p>
 * Immutable, any thread.
 *
 * @param atNanos       when, from the start of the traffic.
 * @param kind          what.
 * @param vm            the VM it concerns (null for {@link Kind#EXHAUST_POOL}, {@link Kind#HOST_DOWN}, {@link Kind#HOST_UP}).
 * @param target        the destination host of a migration, the host of {@code HOST_*}, the adapter of the
 *                      other kinds (may be null: the VM's first adapter).
 * @param value         the IovWeight of {@link Kind#SET_IOV_WEIGHT}, the message count of the control faults,
 *                      the frames before a {@link Kind#SURPRISE_REMOVE} (0: at once); unused otherwise.
 * @param durationNanos the delay of {@link Kind#DELAY_CONTROL}, how long {@link Kind#STALL_GUEST} and
 *                      {@link Kind#EXHAUST_POOL} last; 0 otherwise.
 * @param option        the direction of the control faults ({@code to-guest}, {@code to-host}), the
 *                      migration step of a {@link Kind#HOST_DOWN} during a migration; null otherwise.
 */
public record LabAction(long atNanos, Kind kind, String vm, String target, int value, long durationNanos, String option)
{
    /** What a {@link LabAction} does. */
    public enum Kind
    {
        MIGRATE, REVOKE_VF, OFFER_VF, SET_IOV_WEIGHT, LINK_DOWN, LINK_UP,
        SURPRISE_REMOVE, LOSE_CONTROL, DELAY_CONTROL, FILL_CONTROL_RING, STALL_GUEST, EXHAUST_POOL, HOST_DOWN, HOST_UP;

        /** @return true for the kinds that inject a fault. */
        public boolean isFault()
        {
            return ordinal() >= SURPRISE_REMOVE.ordinal();
        }

        /** @return the kind's name as commands and files spell it ({@code migrate}, {@code revoke-vf}, ...). */
        public String spelling()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** An action without a duration or option. */
    public LabAction(final long atNanos, final Kind kind, final String vm, final String target, final int value)
    {
        this(atNanos, kind, vm, target, value, 0, null);
    }

    public static LabAction migrate(final long atNanos, final String vm, final String toHost)
    {
        return new LabAction(atNanos, Kind.MIGRATE, vm, toHost, 0);
    }

    public static LabAction revokeVf(final long atNanos, final String vm)
    {
        return new LabAction(atNanos, Kind.REVOKE_VF, vm, null, 0);
    }

    public static LabAction offerVf(final long atNanos, final String vm)
    {
        return new LabAction(atNanos, Kind.OFFER_VF, vm, null, 0);
    }

    public static LabAction setIovWeight(final long atNanos, final String vm, final int weight)
    {
        return new LabAction(atNanos, Kind.SET_IOV_WEIGHT, vm, null, weight);
    }

    /** @return e.g. {@code 2.000 s migrate vm1 -> B}. */
    public String describe()
    {
        final String what = switch (kind)
        {
            case MIGRATE -> "migrate " + vm + " -> " + target;
            case SET_IOV_WEIGHT -> "set-iov-weight " + vm + " " + value;
            case SURPRISE_REMOVE -> "surprise-remove " + vm + (target == null ? "" : " " + target) +
                (value == 0 ? "" : " after " + value + " frames");
            case LOSE_CONTROL, FILL_CONTROL_RING -> kind.spelling() + " " + vm + (target == null ? "" : " " + target) + " " +
                option + " x" + value;
            case DELAY_CONTROL -> kind.spelling() + " " + vm + (target == null ? "" : " " + target) + " " + option + " x" +
                value + String.format(Locale.ROOT, " by %.1f ms", durationNanos / 1e6);
            case STALL_GUEST -> String.format(Locale.ROOT, "stall-guest %s for %.1f ms", vm, durationNanos / 1e6);
            case EXHAUST_POOL -> String.format(Locale.ROOT, "exhaust-pool for %.1f ms", durationNanos / 1e6);
            case HOST_DOWN -> "host-down " + target + (option == null ? "" : " during a migration to it (" + option + ")");
            case HOST_UP -> "host-up " + target;
            default -> kind.spelling() + " " + vm + (target == null ? "" : " " + target);
        };
        return String.format(Locale.ROOT, "%.3f s %s", atNanos / 1e9, what);
    }
}
