package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.JsonWriter;
import dev.twinpath.datapath.run.Percentiles;

import java.util.Map;

/**
 * One RFC 2544 trial: the wire peer sends frames of one size at one rate to the VMs over one path for the trial
 * duration, and the trial counts what the device under test (the lab's path) delivered.
 * <p>
 * Loss is counted against the frames <em>intended</em> at the rate, not the frames the generator managed to hand
 * over: {@code intended} is the number of frames due in the send time at {@code ratePps} (packet {@code k} is due
 * at {@code k / rate}), so a generator that fell behind because the lab pushed back (a full ring in backpressure
 * mode, no free buffer) counts as loss just as a frame dropped inside the lab does. For an {@code unpaced} trial
 * (as fast as the lab takes frames) the intended frames are the ones sent and {@code ratePps} is the rate achieved.
 * <p>
 * A trial is valid only when every frame went by the path under test, the lab reported no error, leaked no buffer
 * and delivered nothing out of order, twice or unknown; otherwise {@link #invalid()} says why and the search does
 * not use it.
 * <p>
 * Immutable; any thread.
 *
 * @param path        the path under test.
 * @param size        the frame size.
 * @param ratePps     the rate offered, packets per second (achieved when {@code unpaced}).
 * @param unpaced     true for a trial as fast as the lab takes frames (the maximum-rate trial).
 * @param sendNanos   how long the wire peer sent.
 * @param intended    frames due at the rate in the send time.
 * @param sent        frames the lab took from the generator.
 * @param delivered   frames the VMs received by the path under test.
 * @param otherPath   frames the VMs received by the other path (makes the trial invalid).
 * @param latency     latency of the frames delivered, nanoseconds from their intended send time.
 * @param drops       the lab's drop counters that were not zero, by cause.
 * @param invalid     why the trial is invalid, or null when it is valid.
 */
public record Trial(
    TestedPath path, FrameSize size, long ratePps, boolean unpaced, long sendNanos, long intended, long sent,
    long delivered, long otherPath, Percentiles latency, Map<String, Long> drops, String invalid)
{
    public Trial
    {
        drops = Map.copyOf(drops);
    }

    /** @return frames intended and not delivered by the path (0 when the path delivered them all). */
    public long lost()
    {
        return Math.max(0, intended - delivered);
    }

    /** @return {@link #lost()} out of {@link #intended()}; 1 when nothing was intended. */
    public double lossRatio()
    {
        return intended <= 0 ? 1.0 : (double)lost() / intended;
    }

    /** @return true when the trial is usable. */
    public boolean valid()
    {
        return invalid == null;
    }

    /** @return true when valid and its loss ratio is at most {@code maxLossRatio} (0: no frame lost at all). */
    public boolean passes(final double maxLossRatio)
    {
        return valid() && (maxLossRatio <= 0 ? lost() == 0 : lossRatio() <= maxLossRatio);
    }

    /** @return frames delivered per second of send time. */
    public double deliveredPps()
    {
        return sendNanos <= 0 ? 0 : delivered * 1e9 / sendNanos;
    }

    /** Write the trial as one JSON object. @return {@code json}. */
    JsonWriter write(final JsonWriter json)
    {
        json.beginObject().field("path", path.label()).field("frame_size", size.name()).field("rate_pps", ratePps)
            .key("unpaced").value(unpaced).field("send_s", sendNanos / 1e9, 3).field("intended", intended)
            .field("sent", sent).field("delivered", delivered).field("other_path", otherPath).field("lost", lost())
            .field("loss_ratio", lossRatio(), 9).key("valid").value(valid());
        if (invalid != null)
        {
            json.field("invalid", invalid);
        }
        Rfc2544Result.latency(json.key("latency_ns"), latency);
        json.key("drops").beginObject();
        drops.forEach(json::field);
        return json.endObject().endObject();
    }
}
