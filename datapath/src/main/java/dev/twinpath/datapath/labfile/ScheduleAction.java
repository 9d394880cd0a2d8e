package dev.twinpath.datapath.labfile;

import java.util.Objects;

/**
 * One timed action of a lab's {@code schedule}: an entry with {@code at} and exactly one action key.
 * A lab's actions come sorted by time; entries at the same time keep their file order.
 * <p>
 * Immutable, any thread.
 */
public sealed interface ScheduleAction
{
    /**
     * @return nanoseconds from the start of the run, in {@code [0, duration)}.
     */
    long atNanos();

    /**
     * @return the name of the VM the action is about.
     */
    String vm();

    /**
     * @return the action key in a lab file, e.g. {@code migrate}.
     */
    String key();

    /**
     * {@code migrate: vm, to: host}: live-migrate the VM to another host.
     *
     * @param atNanos when.
     * @param vm      the VM.
     * @param toHost  the host it moves to, never the one it is on.
     */
    record Migrate(long atNanos, String vm, String toHost) implements ScheduleAction
    {
        public Migrate
        {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(toHost, "toHost");
        }

        public String key()
        {
            return "migrate";
        }
    }

    /**
     * {@code revokeVf: vm [, adapter]}: the host takes the adapter's VF away (planned); traffic moves to VMBus.
     *
     * @param atNanos when.
     * @param vm      the VM.
     * @param adapter the adapter; the VM's first adapter when the entry names none.
     */
    record RevokeVf(long atNanos, String vm, String adapter) implements ScheduleAction
    {
        public RevokeVf
        {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(adapter, "adapter");
        }

        public String key()
        {
            return "revokeVf";
        }
    }

    /**
     * {@code offerVf: vm [, adapter]}: the host offers the adapter a VF again.
     *
     * @param atNanos when.
     * @param vm      the VM.
     * @param adapter the adapter; the VM's first adapter when the entry names none.
     */
    record OfferVf(long atNanos, String vm, String adapter) implements ScheduleAction
    {
        public OfferVf
        {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(adapter, "adapter");
        }

        public String key()
        {
            return "offerVf";
        }
    }

    /**
     * {@code setIovWeight: vm, weight: w [, adapter]}: {@code Set-VMNetworkAdapter -IovWeight w}.
     *
     * @param atNanos when.
     * @param vm      the VM.
     * @param adapter the adapter; the VM's first adapter when the entry names none.
     * @param weight  0..100; 0 gives the VF back.
     */
    record SetIovWeight(long atNanos, String vm, String adapter, int weight) implements ScheduleAction
    {
        public SetIovWeight
        {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(adapter, "adapter");
        }

        public String key()
        {
            return "setIovWeight";
        }
    }

    /**
     * {@code linkDown: vm [, adapter]}: the adapter's link goes down (a team fails over from it).
     *
     * @param atNanos when.
     * @param vm      the VM.
     * @param adapter the adapter; the VM's first adapter when the entry names none.
     */
    record LinkDown(long atNanos, String vm, String adapter) implements ScheduleAction
    {
        public LinkDown
        {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(adapter, "adapter");
        }

        public String key()
        {
            return "linkDown";
        }
    }

    /**
     * {@code linkUp: vm [, adapter]}: the adapter's link comes back.
     *
     * @param atNanos when.
     * @param vm      the VM.
     * @param adapter the adapter; the VM's first adapter when the entry names none.
     */
    record LinkUp(long atNanos, String vm, String adapter) implements ScheduleAction
    {
        public LinkUp
        {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(adapter, "adapter");
        }

        public String key()
        {
            return "linkUp";
        }
    }

    /**
     * A fault ({@code surpriseRemove}, {@code loseControl}, {@code delayControl}, {@code fillControlRing},
     * {@code stallGuest}, {@code exhaustPool}, {@code hostDown}, {@code hostUp}); see docs/reliability.md.
     *
     * @param atNanos       when.
     * @param key           the action key.
     * @param vm            the VM, or null for {@code exhaustPool}, {@code hostDown} and {@code hostUp}.
     * @param adapter       the adapter of the VM faults that concern one, else null.
     * @param host          the host of {@code hostDown}/{@code hostUp}, else null.
     * @param option        {@code toGuest}/{@code toHost} for the control faults, the migration step of a
     *                      {@code hostDown} with {@code during}, else null.
     * @param count         messages of the control faults, frames before a {@code surpriseRemove} (0: at once).
     * @param durationNanos the delay of {@code delayControl}, how long {@code stallGuest} and
     *                      {@code exhaustPool} last; else 0.
     */
    record Fault(long atNanos, String key, String vm, String adapter, String host, String option, long count,
        long durationNanos) implements ScheduleAction
    {
        public Fault
        {
            Objects.requireNonNull(key, "key");
        }
    }
}
