package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Receiving end of a {@link ConstantRateGenerator}'s traffic: classifies every packet of every
 * stream exactly as in order, reordered, duplicate or foreign, tracks the sequences still missing,
 * and records latency (now minus the packet's intended send time) in one HdrHistogram per path.
 * <p>
 * Each stream keeps its next expected sequence {@code e} (highest seen + 1) and a bitmap of which of
 * the last {@value #WINDOW} sequences {@code [e - WINDOW, e)} have arrived. A packet with sequence
 * {@code s}:
 * <ul>
 * <li>{@code s == e}: {@link #IN_ORDER};</li>
 * <li>{@code s > e}: {@link #GAP}: delivered, and {@code e .. s-1} become missing;</li>
 * <li>{@code e - WINDOW <= s < e}, not seen: {@link #LATE}: delivered, counted reordered, no longer missing;</li>
 * <li>{@code e - WINDOW <= s < e}, seen: {@link #DUPLICATE};</li>
 * <li>{@code s < e - WINDOW}: too old to tell; counted a {@link #DUPLICATE} (and {@link #tooOld()}),
 * and if it was in fact a late packet it stays counted missing. This choice never overstates
 * {@link #delivered()} and keeps {@code delivered + lost == offered} exact either way.</li>
 * </ul>
 * So for every stream {@code delivered + missing == e} at all times, and at the end
 * {@link #lostAtEnd(long[])} adds the tail a stream never received after its last packet: given what
 * the generator's sinks took per stream, {@code offered == delivered() + lostAtEnd(sent)}.
 * Sequences are assumed not to wrap (48 bits: a month at 100 Mpps).
 * <p>
 * A frame that is not Ethernet [+ one tag] / IPv4 / UDP with a payload header (see
 * {@link TrafficFrames}), whose stream id is outside {@code streamIdBase .. streamIdBase + streams - 1},
 * or that arrives on a path outside {@code 0 .. paths - 1} is counted {@link #FOREIGN} and otherwise
 * ignored. Latency is recorded for delivered packets (not duplicates), clamped to
 * {@code [0, highestTrackableLatency]} with the clamps counted.
 * <p>
 * Data path ({@code onPacket}): zero allocation, never throws.
 * <p>
 * Threading: owned by one thread (the receiving agent's), which makes every call except the counter
 * getters; those may be called by any thread for progress lines and return a recent value. The
 * histograms are read by the owner, or by another thread at a quiescent point.
 */
public final class StreamChecker
{
    /** Outcome: the next sequence of its stream. */
    public static final int IN_ORDER = 0;
    /** Outcome: delivered ahead of sequences still missing, which are now counted missing. */
    public static final int GAP = 1;
    /** Outcome: a missing sequence arrived late: delivered and counted reordered. */
    public static final int LATE = 2;
    /** Outcome: a sequence already seen (or older than the window); not delivered again. */
    public static final int DUPLICATE = 3;
    /** Outcome: not a packet of these streams. */
    public static final int FOREIGN = 4;
    /** Sequences behind the highest seen whose arrival each stream remembers. */
    public static final int WINDOW = 128;
    /** Default highest latency the histograms track: 10 s. */
    public static final long DEFAULT_HIGHEST_LATENCY_NANOS = 10_000_000_000L;

    private static final int DELIVERED = 0;
    private static final int REORDERED = 1;
    private static final int DUPLICATES = 2;
    private static final int FOREIGN_COUNT = 3;
    private static final int MISSING = 4;
    private static final int TOO_OLD = 5;
    private static final int CLAMPED = 6;
    private static final int PATH_DELIVERED = 7;

    private final int streams;
    private final long streamIdBase;
    private final long highestLatency;
    private final long[] expected;
    private final long[] seen;
    private final String[] pathNames;
    private final Histogram[] histograms;
    private final TrafficCounters counters;
    private LatencyListener latencyListener;

    /**
     * Told of every latency the checker records, after clamping: a run report uses it for interval
     * histograms and for latency inside and outside path switches. Called on the checker's owner
     * thread; must not allocate.
     */
    @FunctionalInterface
    public interface LatencyListener
    {
        /** @param path the packet's path. @param latencyNanos its latency, as recorded. */
        void onLatency(int path, long latencyNanos);
    }

    /**
     * Control path: a checker of a profile's streams with the default latency range.
     *
     * @param profile   the generator's profile (flows and stream id base); concluded here.
     * @param pathNames one name per path, e.g. {@code "vf", "synthetic"}: path {@code i} is {@code pathNames[i]}.
     */
    public StreamChecker(final TrafficProfile profile, final String... pathNames)
    {
        this(profile.conclude().flows(), profile.streamIdBase(), DEFAULT_HIGHEST_LATENCY_NANOS, pathNames);
    }

    /**
     * Control path: allocates the per-stream state (24 bytes a stream) and one histogram per path.
     *
     * @param streams                     number of streams, 1..{@value TrafficProfile#MAX_FLOWS}.
     * @param streamIdBase                stream id of stream 0, not negative.
     * @param highestTrackableLatencyNanos highest latency recorded, at least 2; larger values are clamped.
     * @param pathNames                   one name per path, at least one.
     * @throws IllegalArgumentException naming the argument refused.
     */
    public StreamChecker(
        final int streams, final int streamIdBase, final long highestTrackableLatencyNanos, final String... pathNames)
    {
        if (streams < 1 || streams > TrafficProfile.MAX_FLOWS)
        {
            throw new IllegalArgumentException("streams must be 1.." + TrafficProfile.MAX_FLOWS + ": " + streams);
        }
        if (streamIdBase < 0)
        {
            throw new IllegalArgumentException("streamIdBase must not be negative: " + streamIdBase);
        }
        if (highestTrackableLatencyNanos < 2)
        {
            throw new IllegalArgumentException(
                "highestTrackableLatencyNanos must be at least 2: " + highestTrackableLatencyNanos);
        }
        if (null == pathNames || pathNames.length < 1 || pathNames.length > 255)
        {
            throw new IllegalArgumentException("pathNames must name 1..255 paths");
        }
        this.streams = streams;
        this.streamIdBase = streamIdBase;
        this.highestLatency = highestTrackableLatencyNanos;
        this.expected = new long[streams];
        this.seen = new long[2 * streams];
        this.pathNames = pathNames.clone();
        this.histograms = new Histogram[pathNames.length];
        for (int i = 0; i < histograms.length; i++)
        {
            histograms[i] = new Histogram(highestTrackableLatencyNanos, 3);
        }
        this.counters = new TrafficCounters(PATH_DELIVERED + pathNames.length);
    }

    /**
     * Check one frame held in a pool slot.
     *
     * @param descriptor a packet descriptor of {@code pool}; anything else is foreign.
     * @param pool       the pool its slot belongs to.
     * @param path       path it came by, {@code 0..paths-1}.
     * @param nowNanos   receive time, on the generator's clock.
     * @return the outcome, {@link #IN_ORDER} .. {@link #FOREIGN}.
     */
    public int onPacket(final long descriptor, final PacketPool pool, final int path, final long nowNanos)
    {
        final int handle = PacketDescriptor.handle(descriptor);
        final int length = PacketDescriptor.length(descriptor);
        if (!PacketDescriptor.isPacket(descriptor) || handle >= pool.capacity() || length > pool.dataRoom())
        {
            counters.add(FOREIGN_COUNT, 1);
            return FOREIGN;
        }

        return onPacket(pool.buffer(), pool.dataOffset(handle), length, path, nowNanos);
    }

    /**
     * Check one frame.
     *
     * @param memory   where the frame is.
     * @param offset   start of its Ethernet header.
     * @param length   frame length; nothing outside it is read.
     * @param path     path it came by, {@code 0..paths-1}.
     * @param nowNanos receive time, on the generator's clock.
     * @return the outcome, {@link #IN_ORDER} .. {@link #FOREIGN}.
     */
    public int onPacket(final UnsafeBuffer memory, final int offset, final int length, final int path, final long nowNanos)
    {
        final int header = TrafficFrames.payloadHeaderOffset(memory, offset, length);
        final long stream = header < 0 ? -1 : (PayloadHeader.streamId(memory, header) & 0xFFFF_FFFFL) - streamIdBase;
        if (stream < 0 || stream >= streams || path < 0 || path >= histograms.length)
        {
            counters.add(FOREIGN_COUNT, 1);
            return FOREIGN;
        }

        final int s = (int)stream;
        final long sequence = PayloadHeader.sequence(memory, header);
        final long next = expected[s];
        final int outcome;
        if (sequence == next)
        {
            markSeen(s, sequence);
            expected[s] = next + 1;
            outcome = IN_ORDER;
        }
        else if (sequence > next)
        {
            openGap(s, next, sequence);
            markSeen(s, sequence);
            expected[s] = sequence + 1;
            counters.add(MISSING, sequence - next);
            outcome = GAP;
        }
        else if (next - sequence > WINDOW || isSeen(s, sequence))
        {
            if (next - sequence > WINDOW)
            {
                counters.add(TOO_OLD, 1);
            }
            counters.add(DUPLICATES, 1);
            return DUPLICATE;
        }
        else
        {
            markSeen(s, sequence);
            counters.add(MISSING, -1);
            counters.add(REORDERED, 1);
            outcome = LATE;
        }

        counters.add(DELIVERED, 1);
        counters.add(PATH_DELIVERED + path, 1);
        recordLatency(path, nowNanos - PayloadHeader.timestamp(memory, header));

        return outcome;
    }

    /**
     * Control path, at the end of a run once everything in flight has arrived: the packets lost,
     * the ones still missing inside each stream plus each stream's tail never received after its
     * last packet. Then {@code sum(sentPerStream) == delivered() + lostAtEnd(sentPerStream)}.
     *
     * @param sentPerStream what the sinks took of each stream (sequences {@code 0..n-1}), at least
     *                      {@link #streams()} long, e.g. from {@link ConstantRateGenerator#sentPerFlow(long[])}.
     * @return packets lost.
     */
    public long lostAtEnd(final long[] sentPerStream)
    {
        long tail = 0;
        for (int s = 0; s < streams; s++)
        {
            tail += Math.max(0, sentPerStream[s] - expected[s]);
        }

        return counters.own(MISSING) + tail;
    }

    /**
     * Clear the histograms (e.g. after a warm-up); counters and stream state are kept. Owner thread.
     */
    public void resetHistograms()
    {
        for (final Histogram histogram : histograms)
        {
            histogram.reset();
        }
    }

    /** @return packets delivered: first arrivals of a sequence, in order or late; any thread. */
    public long delivered()
    {
        return counters.get(DELIVERED);
    }

    /**
     * @param path a path, {@code 0..paths-1}.
     * @return packets delivered by that path; cumulative, difference two reads for a rate; any thread.
     */
    public long delivered(final int path)
    {
        return counters.get(PATH_DELIVERED + path);
    }

    /** @return packets that arrived after a higher sequence of their stream ({@link #LATE}); any thread. */
    public long reordered()
    {
        return counters.get(REORDERED);
    }

    /** @return packets seen before, or older than the window; any thread. */
    public long duplicates()
    {
        return counters.get(DUPLICATES);
    }

    /** @return duplicates that were older than the window, a subset of {@link #duplicates()}; any thread. */
    public long tooOld()
    {
        return counters.get(TOO_OLD);
    }

    /** @return frames that were not packets of these streams, or came by an unknown path; any thread. */
    public long foreign()
    {
        return counters.get(FOREIGN_COUNT);
    }

    /**
     * @return sequences currently missing inside the streams (skipped, not arrived since); lost at a
     * quiescent point, apart from each stream's tail (see {@link #lostAtEnd(long[])}); any thread.
     */
    public long lost()
    {
        return counters.get(MISSING);
    }

    /** @return latencies outside {@code [0, highestTrackableLatency]}, recorded at the nearest bound; any thread. */
    public long latencyClamped()
    {
        return counters.get(CLAMPED);
    }

    /**
     * @param stream a stream, {@code 0..streams-1}.
     * @return its highest sequence seen + 1; owner thread.
     */
    public long expectedSequence(final int stream)
    {
        return expected[stream];
    }

    /**
     * @param path a path, {@code 0..paths-1}.
     * @return its latency histogram in ns; owner thread, or any thread at a quiescent point.
     */
    public Histogram histogram(final int path)
    {
        return histograms[path];
    }

    /** @return the name of {@code path}. */
    public String pathName(final int path)
    {
        return pathNames[path];
    }

    /** @return number of paths. */
    public int paths()
    {
        return histograms.length;
    }

    /** @return number of streams. */
    public int streams()
    {
        return streams;
    }

    private void recordLatency(final int path, final long latency)
    {
        long value = latency;
        if (value < 0 || value > highestLatency)
        {
            value = value < 0 ? 0 : highestLatency;
            counters.add(CLAMPED, 1);
        }
        histograms[path].recordValue(value);
        if (latencyListener != null)
        {
            latencyListener.onLatency(path, value);
        }
    }

    /** Tell {@code listener} (or nobody, null) of every latency recorded from now on. Before the owner thread starts. */
    public void latencyListener(final LatencyListener listener)
    {
        this.latencyListener = listener;
    }

    /**
     * Move the reception state of streams {@code first, first + step, ...} out of this checker, for a receiver that
     * goes on elsewhere (a VM live-migrating to another process): each stream's next expected sequence and the window
     * of sequences seen below it, and the sequences still missing, which this checker stops counting (so that the
     * sum over both checkers of {@link #lost()} stays right). Owner thread, or any thread while the owner is stopped.
     *
     * @return {@code [missing, expected(s), seenLow(s), seenHigh(s), ...]} for the streams in order.
     */
    public long[] takeState(final int first, final int step)
    {
        final int count = first >= streams ? 0 : (streams - 1 - first) / step + 1;
        final long[] state = new long[1 + 3 * count];
        final long missing = counters.own(MISSING);
        state[0] = missing;
        counters.add(MISSING, -missing);
        for (int k = 0, s = first; k < count; k++, s += step)
        {
            state[1 + 3 * k] = expected[s];
            state[2 + 3 * k] = seen[s << 1];
            state[3 + 3 * k] = seen[(s << 1) | 1];
        }
        return state;
    }

    /**
     * Take over the reception state {@link #takeState} moved out of another checker of the same streams. Owner
     * thread, before it checks a packet of those streams.
     *
     * @throws IllegalArgumentException when {@code state} does not fit the streams.
     */
    public void restoreState(final long[] state, final int first, final int step)
    {
        final int count = first >= streams ? 0 : (streams - 1 - first) / step + 1;
        if (state.length != 1 + 3 * count)
        {
            throw new IllegalArgumentException("state: " + state.length + " values for " + count + " streams (expected " +
                (1 + 3 * count) + ")");
        }
        counters.add(MISSING, state[0]);
        for (int k = 0, s = first; k < count; k++, s += step)
        {
            expected[s] = state[1 + 3 * k];
            seen[s << 1] = state[2 + 3 * k];
            seen[(s << 1) | 1] = state[3 + 3 * k];
        }
    }

    private boolean isSeen(final int stream, final long sequence)
    {
        return (seen[(stream << 1) | (int)((sequence >>> 6) & 1)] & (1L << sequence)) != 0;
    }

    private void markSeen(final int stream, final long sequence)
    {
        seen[(stream << 1) | (int)((sequence >>> 6) & 1)] |= 1L << sequence;
    }

    /** Mark {@code from .. to-1} not seen: their bits still hold sequences a window older. */
    private void openGap(final int stream, final long from, final long to)
    {
        if (to - from >= WINDOW)
        {
            seen[stream << 1] = 0;
            seen[(stream << 1) | 1] = 0;
            return;
        }
        for (long sequence = from; sequence < to; sequence++)
        {
            seen[(stream << 1) | (int)((sequence >>> 6) & 1)] &= ~(1L << sequence);
        }
    }
}
