package dev.twinpath.datapath.run;

import java.util.Locale;

/**
 * One timed step of a lab's schedule, run by the control thread of a {@link FailoverRun} when its time
 * comes (measured from the start of the traffic): migrate a VM, revoke or offer its VF, change its
 * IovWeight, take a team member's link down or up.
 * <p>
 * Immutable, any thread.
 *
 * @param atNanos when, from the start of the traffic.
 * @param kind    what.
 * @param vm      the VM it concerns.
 * @param target  the destination host of a migration, the adapter of the other kinds (may be null).
 * @param value   the IovWeight of {@link Kind#SET_IOV_WEIGHT}; unused otherwise.
 */
public record LabAction(long atNanos, Kind kind, String vm, String target, int value)
{
    /** What a {@link LabAction} does. */
    public enum Kind
    {
        MIGRATE, REVOKE_VF, OFFER_VF, SET_IOV_WEIGHT, LINK_DOWN, LINK_UP;

        /** @return the kind's name as commands and files spell it ({@code migrate}, {@code revoke-vf}, ...). */
        public String spelling()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
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
            default -> kind.spelling() + " " + vm + (target == null ? "" : " " + target);
        };
        return String.format(Locale.ROOT, "%.3f s %s", atNanos / 1e9, what);
    }
}
