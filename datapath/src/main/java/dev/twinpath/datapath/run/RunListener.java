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

    /** Live figures, once per progress interval. */
    default void onProgress(final RunProgress progress)
    {
    }
}
