package dev.twinpath.datapath.traffic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A small block of counters with one writer and any number of readers, for the generator's and the
 * checker's progress: the owner adds with plain reads and release stores, a monitoring thread reads
 * with acquire loads and sees a recent, untorn value.
 * <p>
 * Threading: {@link #add(int, long)} and {@link #set(int, long)} by the owner thread only;
 * {@link #get(int)} by any thread.
 */
final class TrafficCounters
{
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values;

    TrafficCounters(final int count)
    {
        values = new long[count];
    }

    /** Owner thread: add {@code delta} to counter {@code id}. */
    void add(final int id, final long delta)
    {
        VALUES.setRelease(values, id, values[id] + delta); // release: pairs with getAcquire in get()
    }

    /** Owner thread: set counter {@code id}. */
    void set(final int id, final long value)
    {
        VALUES.setRelease(values, id, value); // release: pairs with getAcquire in get()
    }

    /** Owner thread: the current value, plain read. */
    long own(final int id)
    {
        return values[id];
    }

    /** Any thread: a recent value of counter {@code id}. */
    long get(final int id)
    {
        return (long)VALUES.getAcquire(values, id); // acquire: pairs with setRelease in add()/set()
    }
}
