package dev.twinpath.bench.scenario.wire;

import dev.twinpath.datapath.run.JsonWriter;
import dev.twinpath.datapath.run.Percentiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one trial of suite {@code wire-proc} measured: A → ToR → B over one transport, the wire or a raw baseline
 * ({@link WirePath}), as fast as it goes or at a fixed rate. Units are frames for the wire and messages for the raw
 * baselines (each worth {@link #framesPerUnit()} frames: 1 with 64-byte messages, a full batch's with batch messages).
 * <p>
 * Immutable, any thread.
 *
 * @param transport       the transport.
 * @param path            the wire or a raw Aeron baseline.
 * @param kind            as fast as it goes, or which fixed rate.
 * @param ratePps         A's constant rate in frames per second, 0 for as fast as the wire takes.
 * @param measureNanos    the measurement window.
 * @param sent            units A sent (warm-up, window).
 * @param sentInWindow    units A stamped with a time in the window.
 * @param senderMessages  Aeron messages A published.
 * @param received        units B received.
 * @param outOfSequence   units B got out of sequence (a gap, a repeat, a reordering): must be 0.
 * @param windowReceived  units B received while its clock was in the window.
 * @param relayMessages   Aeron messages the ToR published to B.
 * @param latencyNanos    B's latency histogram of the units stamped in the window.
 * @param pids            the three processes' ids (B, ToR, A), all ended.
 * @param cpuNanos        CPU time of each process (B, ToR, A; every thread, its driver's too) over the window, -1 unknown.
 */
public record WireTrialResult(WireTransport transport, WirePath path, WireTrialKind kind, long ratePps, long measureNanos,
    long sent, long sentInWindow, long senderMessages, long received, long outOfSequence, long windowReceived,
    long relayMessages, Percentiles latencyNanos, List<Long> pids, List<Long> cpuNanos)
{
    /** @return the CPU one process used over the window, in cores (1.0: one core all the time); NaN when unknown. */
    public double cores(final int process)
    {
        final long nanos = cpuNanos.get(process);
        return nanos < 0 ? Double.NaN : nanos / (double)measureNanos;
    }

    /** @return {@code A/ToR/B} cores used over the window, e.g. {@code 0.61/0.93/0.40}. */
    public String coresText()
    {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", cores(2), cores(1), cores(0));
    }

    /** @return 64-byte frames one unit stands for: 1, or a full batch's frames for a raw batch message. */
    public int framesPerUnit()
    {
        return path.framesPerUnit(transport);
    }

    /** @return true for a raw Aeron baseline. */
    public boolean raw()
    {
        return path.raw();
    }

    /** @return millions of 64-byte frames (or frame equivalents) per second B received in the window. */
    public double mpps()
    {
        return windowReceived * (double)framesPerUnit() / (measureNanos / 1e9) / 1e6;
    }

    /** @return frames per Aeron message A published. */
    public double framesPerMessage()
    {
        return senderMessages == 0 ? 0 : sent * (double)framesPerUnit() / senderMessages;
    }

    /** @return frames per Aeron message the ToR published. */
    public double relayFramesPerMessage()
    {
        return relayMessages == 0 ? 0 : received * (double)framesPerUnit() / relayMessages;
    }

    /**
     * @return true when B's rate in the window was within 10 % of A's schedule: a trial that did not keep up measured
     * a queue growing (or draining), not the wire's latency. Always true for a max-rate trial.
     */
    public boolean keptUp()
    {
        return ratePps == 0 || Math.abs(mpps() * 1e6 - ratePps) <= 0.1 * ratePps;
    }

    /** @return what breaks the trial's invariants, one sentence each: B got every unit A sent, in order, all timed. */
    public List<String> violations()
    {
        final List<String> v = new ArrayList<>();
        if (received != sent)
        {
            v.add(String.format(Locale.ROOT, "%s: B received %,d of %,d sent", name(), received, sent));
        }
        if (outOfSequence != 0)
        {
            v.add(String.format(Locale.ROOT, "%s: %,d out of sequence at B", name(), outOfSequence));
        }
        if (latencyNanos.count() != sentInWindow)
        {
            v.add(String.format(Locale.ROOT, "%s: %,d latencies recorded for %,d sent in the window", name(),
                latencyNanos.count(), sentInWindow));
        }
        return v;
    }

    /** @return e.g. {@code wire-proc-udp max}, {@code raw-aeron-proc-udp-batch max} or {@code raw-aeron-proc-ipc at 1.000 Mpps}. */
    public String name()
    {
        return path.entry(transport) +
            (ratePps == 0 ? " max" : String.format(Locale.ROOT, " at %.3f Mpps", ratePps / 1e6));
    }

    /** Write this trial as a JSON object. */
    public void write(final JsonWriter json)
    {
        json.beginObject()
            .field("transport", transport.label())
            .field("path", path.label())
            .field("kind", kind.label())
            .field("rate_pps", ratePps)
            .key("kept_up").value(keptUp())
            .field("mpps", mpps(), 4)
            .field("sent", sent)
            .field("sent_in_window", sentInWindow)
            .field("received", received)
            .field("received_in_window", windowReceived)
            .field("out_of_sequence", outOfSequence)
            .field("frames_per_unit", framesPerUnit())
            .field("frames_per_message_a", framesPerMessage(), 2)
            .field("frames_per_message_tor", relayFramesPerMessage(), 2)
            .field("cores_a", cores(2), 3)
            .field("cores_tor", cores(1), 3)
            .field("cores_b", cores(0), 3)
            .key("latency_us").beginObject()
            .field("count", latencyNanos.count())
            .field("p50", latencyNanos.p50() / 1e3, 3)
            .field("p90", latencyNanos.p90() / 1e3, 3)
            .field("p99", latencyNanos.p99() / 1e3, 3)
            .field("p999", latencyNanos.p999() / 1e3, 3)
            .field("p9999", latencyNanos.p9999() / 1e3, 3)
            .field("max", latencyNanos.max() / 1e3, 3)
            .endObject()
            .endObject();
    }
}
