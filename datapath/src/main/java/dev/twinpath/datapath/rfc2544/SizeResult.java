package dev.twinpath.datapath.rfc2544;

import java.util.List;

/**
 * What RFC 2544 measured for one path and frame size: the NDR, the PDR and the loss there, the latency at fractions
 * of the NDR, and every trial. A chart of throughput against frame size plots {@link #ndrMpps()} or
 * {@link #ndrGbps()} of the results of one path.
 * <p>
 * Immutable; any thread.
 *
 * @param path      the path.
 * @param size      the frame size.
 * @param ndrPps    non-drop rate: the highest rate found that lost no frame; 0 when none did down to the floor.
 * @param pdrPps    partial-drop rate: the highest rate found whose loss ratio was at most the PDR threshold.
 * @param lossAtPdr the loss ratio of the trial at the PDR.
 * @param latency   latency trials at fractions of the NDR (empty when the NDR is 0 or none were asked for).
 * @param trials    the search's trials in order (the warm-up not included).
 * @param note      why the search ended early (stopped, invalid trial, trial limit), or null when it converged.
 */
public record SizeResult(
    TestedPath path, FrameSize size, long ndrPps, long pdrPps, double lossAtPdr, List<LatencyPoint> latency,
    List<Trial> trials, String note)
{
    public SizeResult
    {
        latency = List.copyOf(latency);
        trials = List.copyOf(trials);
    }

    /** @return the NDR in millions of frames per second. */
    public double ndrMpps()
    {
        return ndrPps / 1e6;
    }

    /** @return the NDR in Gbit/s at layer 1 (frame, FCS, 20 bytes of preamble, start delimiter and gap). */
    public double ndrGbps()
    {
        return size.l1Gbps(ndrPps);
    }

    /** @return the PDR in millions of frames per second. */
    public double pdrMpps()
    {
        return pdrPps / 1e6;
    }

    /** @return the PDR in Gbit/s at layer 1. */
    public double pdrGbps()
    {
        return size.l1Gbps(pdrPps);
    }

    /** @return true when the search converged to its resolution. */
    public boolean converged()
    {
        return note == null;
    }
}
