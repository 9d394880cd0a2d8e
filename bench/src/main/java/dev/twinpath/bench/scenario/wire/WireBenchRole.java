package dev.twinpath.bench.scenario.wire;

/**
 * One process's part in a trial of suite {@code wire-proc}: A sends, the ToR relays, B receives. The child's main
 * loop ({@link WireProcessRole}) runs {@link #doWork()} with a backoff idle strategy and prints {@link #report()}
 * once {@link #finished(long)}.
 * <p>
 * Threading: owned by the child's main thread.
 */
interface WireBenchRole extends AutoCloseable
{
    /** @return true once every Aeron end of this process is connected to its peer. */
    boolean connected();

    /**
     * The start time every process of the trial shares ({@code System.nanoTime()} is {@code CLOCK_MONOTONIC}, one clock
     * for every process of this machine): warm-up from it, then the measurement window.
     */
    void start(long startNanos);

    /** B: how many units (frames, or raw messages) A sent in all; B reports once it has them all. */
    default void expect(final long units, final long nowNanos)
    {
    }

    /** @return work done in one duty cycle, 0 when idle. */
    int doWork();

    /** @return true when this process has its one line to report. */
    boolean finished(long nowNanos);

    /** @return the line to report ({@code SENT ...} or {@code RESULT ...}), {@code key=value} pairs after the word. */
    String report();

    /** @return the counters printed when the process ends, {@code key=value} pairs. */
    String stats();

    @Override
    void close();
}
