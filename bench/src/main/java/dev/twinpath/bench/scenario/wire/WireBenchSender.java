package dev.twinpath.bench.scenario.wire;

import dev.twinpath.datapath.wire.AeronWire;
import dev.twinpath.datapath.wire.WireSender;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import io.aeron.ExclusivePublication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Locale;

/**
 * Host A of suite {@code wire-proc}: 64-byte frames, each stamped with its sequence number (offset 0) and its send
 * time (offset 8, {@code System.nanoTime()}), through a {@link WireSender} run as an agent; or (the raw baselines,
 * {@link WirePath}) raw Aeron messages claimed one by one and stamped the same way: 64-byte messages, one per frame,
 * or messages of a full batch's length, each counting for a batch's frames.
 * <p>
 * As fast as the wire takes (rate 0): frames are stamped when the sender takes them. On a constant-rate schedule:
 * frame (or message) {@code k} is due at {@code start + k * period} and stamped with that intended time, not the
 * time it actually left, so a stall of any process shows in the latency of every frame it delayed (no coordinated
 * omission). Sending stops at the end of the measurement window.
 * <p>
 * Threading: owned by the child's main thread. Zero allocation per frame.
 */
final class WireBenchSender implements WireBenchRole
{
    private static final int SEQUENCE_OFFSET = 0;
    private static final int STAMP_OFFSET = 8;

    private final WireRoleOptions options;
    private final PacketPool pool;
    private final UnsafeBuffer memory;
    private final PoolCache cache;
    private final int[] handles;
    private final WireSender sender;
    private final ExclusivePublication publication;
    private final BufferClaim claim = new BufferClaim();
    private final int messageLength;
    /** Nanoseconds between two frames (wire) or two messages (raw) of the schedule. */
    private final double periodNanos;

    private boolean started;
    private long startNanos;
    private long windowStart;
    private long windowEnd;
    private long scheduled;
    private long sequence;
    private long sent;
    private long inWindow;
    /** Raw baseline: claims refused, and the last refusal's code (Aeron's BACK_PRESSURED, NOT_CONNECTED...). */
    private long refused;
    private long lastRefusal;

    WireBenchSender(final WireRoleOptions options, final AeronWire wire, final PacketPool pool)
    {
        this.options = options;
        this.pool = pool;
        this.memory = pool.buffer();
        this.messageLength = options.path().messageLength(options.transport());
        final double framePeriod = options.paced() ? 1e9 / options.ratePps() : 0;
        if (options.raw())
        {
            cache = null;
            handles = null;
            sender = null;
            publication = wire.aeron().addExclusivePublication(wire.context().publicationChannel(options.out()),
                options.outStream());
            periodNanos = framePeriod * options.path().framesPerUnit(options.transport());
        }
        else
        {
            handles = new int[options.transport().burst()];
            publication = null;
            sender = wire.newSender(pool, options.out(), options.outStream());
            cache = sender.cache(); // the frames come from where the sender frees them: reused while still cached
            sender.source(this::dequeueBurst);
            periodNanos = framePeriod;
        }
    }

    @Override
    public boolean connected()
    {
        return options.raw() ? publication.isConnected() : sender.isConnected();
    }

    @Override
    public void start(final long startNanos)
    {
        this.startNanos = startNanos;
        this.windowStart = startNanos + options.warmupNanos();
        this.windowEnd = windowStart + options.measureNanos();
        started = true;
    }

    /** @return frames (or messages) due now, at most {@code max}: all of them when not paced, until the window ends. */
    private long due(final long now, final long max)
    {
        if (!started || now - startNanos < 0 || scheduleOver(now))
        {
            return 0;
        }
        if (!options.paced())
        {
            return max;
        }
        final long dueByNow = (long)((now - startNanos) / periodNanos) + 1;
        final long dueByEnd = (long)Math.ceil(options.measureNanos() / periodNanos + options.warmupNanos() / periodNanos);
        return Math.max(0, Math.min(max, Math.min(dueByNow, dueByEnd) - scheduled));
    }

    private boolean scheduleOver(final long now)
    {
        return options.paced() ? startNanos + (long)(scheduled * periodNanos) - windowEnd >= 0 : now - windowEnd >= 0;
    }

    private long stamp(final long now)
    {
        return options.paced() ? startNanos + (long)(scheduled * periodNanos) : now;
    }

    private void count(final long stamp)
    {
        if (stamp - windowStart >= 0 && stamp - windowEnd < 0)
        {
            inWindow++;
        }
        scheduled++;
        sent++;
        sequence++;
    }

    /** The agent's source: the frames due now, allocated and stamped. Sender's thread. */
    private int dequeueBurst(final long[] descriptors, final int offset, final int count)
    {
        final long now = System.nanoTime();
        final int wanted = (int)due(now, count);
        if (wanted == 0)
        {
            return 0;
        }
        final int n = cache.allocateBurst(handles, 0, wanted);
        for (int i = 0; i < n; i++)
        {
            final int handle = handles[i];
            final int data = pool.dataOffset(handle);
            final long stamp = stamp(now);
            memory.putLong(data + SEQUENCE_OFFSET, sequence);
            memory.putLong(data + STAMP_OFFSET, stamp);
            descriptors[offset + i] = PacketDescriptor.packet(handle, WireTransport.FRAME_LENGTH, 0);
            count(stamp);
        }
        return Math.max(0, n);
    }

    @Override
    public int doWork()
    {
        return options.raw() ? rawSend() : sender.doWork();
    }

    private int rawSend()
    {
        final long now = System.nanoTime();
        final long wanted = due(now, options.paced() ? 64 : options.rawBurst());
        int done = 0;
        while (done < wanted)
        {
            final long position = publication.tryClaim(messageLength, claim);
            if (position <= 0)
            {
                refused++;
                lastRefusal = position;
                break;
            }
            final long stamp = stamp(now);
            claim.buffer().putLong(claim.offset() + SEQUENCE_OFFSET, sequence);
            claim.buffer().putLong(claim.offset() + STAMP_OFFSET, stamp);
            claim.commit(); // release: the frame's length, read by the subscriber (Aeron's pair)
            count(stamp);
            done++;
        }
        return done;
    }

    @Override
    public boolean finished(final long nowNanos)
    {
        return started && scheduleOver(nowNanos) && (options.raw() || sender.pending() == 0 && sender.openEntries() == 0);
    }

    @Override
    public String report()
    {
        return String.format(Locale.ROOT, "SENT sent=%d window=%d messages=%d",
            sent, inWindow, options.raw() ? sent : sender.messages());
    }

    @Override
    public String stats()
    {
        return options.raw() ? "sent=" + sent + " scheduled=" + scheduled + " refused=" + refused + " lastRefusal=" +
            lastRefusal + " connected=" + (publication.isConnected() ? 1 : 0) :
            "sent=" + sent + " messages=" + sender.messages() + " frames=" + sender.frames() + " abandoned=" +
            sender.abandoned() + " pending=" + sender.pending() + " connected=" + (sender.isConnected() ? 1 : 0);
    }

    @Override
    public void close()
    {
        if (options.raw())
        {
            publication.close();
        }
        else
        {
            sender.close(); // closes its cache, the frames' too
        }
    }
}
