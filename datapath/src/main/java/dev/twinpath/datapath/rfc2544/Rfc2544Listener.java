package dev.twinpath.datapath.rfc2544;

/**
 * What an {@link Rfc2544Benchmark} tells its caller while it runs: each trial with its verdict, and notes.
 * <p>
 * Called on the benchmark's thread; must return quickly.
 */
public interface Rfc2544Listener
{
    /** A listener that ignores everything. */
    Rfc2544Listener NONE = new Rfc2544Listener()
    {
    };

    /**
     * A trial ended.
     *
     * @param phase   {@code warm-up} (not counted), {@code max-rate}, {@code ndr}, {@code pdr} or {@code latency}.
     * @param trial   what it measured.
     * @param verdict e.g. {@code "NDR pass, PDR pass"}, {@code "NDR fail, PDR pass"}, {@code "invalid: ..."}.
     */
    default void onTrial(final String phase, final Trial trial, final String verdict)
    {
    }

    /** A stage began or ended, e.g. {@code "vf 64: NDR 1.234 Mpps after 9 trials"}. */
    default void onNote(final String note)
    {
    }
}
