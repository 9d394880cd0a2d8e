package dev.twinpath.datapath.run;

/**
 * What a {@link FailoverRun} tells its caller while it runs: a note at each stage and a progress
 * report every progress interval.
 * <p>
 * Called on the thread that runs the {@link FailoverRun}; must return quickly.
 */
public interface RunListener
{
    /** A listener that ignores everything. */
    RunListener NONE = new RunListener()
    {
    };

    /** A stage began or ended, e.g. {@code "2 VMs on their VFs after 4.1 ms; the wire peer starts"}. */
    default void onNote(final String note)
    {
    }

    /**
     * The measured run's lab is built, its applications attached, and it has not started: the place to tap it (e.g.
     * a capture, live counters). Not called for the warm-up.
     */
    default void onLabReady(final dev.twinpath.datapath.lab.Lab lab)
    {
    }

    /** Live figures, once per progress interval. */
    default void onProgress(final RunProgress progress)
    {
    }

    /**
     * Asked about once per progress interval and whenever the run wakes: true ends the sending early (e.g.
     * Ctrl-C), and the run then stops, drains and audits as at its normal end. Any thread may make it true.
     */
    default boolean stopRequested()
    {
        return false;
    }
}
