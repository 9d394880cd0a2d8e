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
}
