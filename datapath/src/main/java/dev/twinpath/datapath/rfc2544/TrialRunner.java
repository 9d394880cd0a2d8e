package dev.twinpath.datapath.rfc2544;

/**
 * Runs one RFC 2544 trial. {@link LabTrialRunner} runs it on a lab; a test may model a device instead.
 * <p>
 * Called on the search's thread only.
 */
@FunctionalInterface
public interface TrialRunner
{
    /** Rate value of an unpaced trial: as fast as the lab takes frames. */
    long UNPACED = 0;

    /**
     * @param path        the path under test.
     * @param size        the frame size.
     * @param ratePps     frames per second, or {@link #UNPACED}.
     * @param trialNanos  how long to send.
     * @return what was measured.
     */
    Trial run(TestedPath path, FrameSize size, long ratePps, long trialNanos);
}
