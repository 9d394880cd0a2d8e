package dev.twinpath.datapath.capture;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.lab.VmAdapter;
import dev.twinpath.packet.pcap.PcapngWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A pcapng capture of what every VM adapter of a lab receives, one interface per path: each VF RX
 * queue ({@code vm1/eth0 VF RX queue 0}) and the VMBus channel ({@code vm1/eth0 VMBus channel}), with
 * nanosecond timestamps and a packet comment where a path switch begins and ends on an adapter and
 * after each end-of-epoch marker a queue delivered. Bounded: at most {@code maxPackets} frames and
 * {@code maxBytes} of file; what is left out is counted, and the file stays whole.
 * <pre>{@code
 * try (PathCapture capture = new PathCapture(file, 1_000_000, 256L << 20, false)) {
 *     capture.attach(lab);   // before lab.start()
 *     capture.start();
 *     ... run ...
 * }   // drains the rest and closes the file
 * }</pre>
 * {@link #attach} and {@link #close} on the control thread; the frames are copied on the guest threads
 * ({@link CaptureTap}) and written by the capture's own thread, which sleeps 1 ms when nothing came.
 */
public final class PathCapture implements AutoCloseable
{
    /** Ring of each adapter's tap. */
    public static final int RING_BYTES = 8 << 20;
    private static final int MAX_QUEUES = 256;
    /** An interface description block without its name: header, if_tsresol, end of options, trailer, padding. */
    private static final int IDB_BYTES = 48;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final PcapngWriter writer;
    private final Path file;
    private final long maxPackets;
    private final long maxBytes;
    private final boolean switchesOnly;
    private final List<CaptureTap> taps = new ArrayList<>();
    private final List<int[][]> interfaces = new ArrayList<>();
    private final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(0, 0);
    private final List<Boolean> lastInSwitch = new ArrayList<>();
    private final List<String> pendingComment = new ArrayList<>();
    private final long epochOffsetNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private long packets;
    private long markers;
    private long overLimit;
    private IOException failure;
    private int current;

    /**
     * @param file         the pcapng file, created or truncated.
     * @param maxPackets   frames written at most, at least 1.
     * @param maxBytes     file size at most.
     * @param switchesOnly capture only while an adapter is in a path switch.
     * @throws IOException when the file cannot be created.
     */
    public PathCapture(final Path file, final long maxPackets, final long maxBytes, final boolean switchesOnly)
        throws IOException
    {
        if (maxPackets < 1)
        {
            throw new IllegalArgumentException("maxPackets must be at least 1: " + maxPackets);
        }
        this.file = file;
        this.writer = new PcapngWriter(file);
        this.writer.maxFileBytes(maxBytes);
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
        this.switchesOnly = switchesOnly;
        this.epochOffsetNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
        this.thread = new Thread(this::drainLoop, "twinpath-capture");
        this.thread.setDaemon(true);
    }

    /** Tap every adapter of every VM of {@code lab}. Control thread, before the lab starts. */
    public void attach(final Lab lab)
    {
        for (final VirtualMachine vm : lab.vms())
        {
            for (final VmAdapter adapter : vm.adapters())
            {
                final CaptureTap tap = new CaptureTap(adapter, lab.pool(), RING_BYTES, switchesOnly);
                taps.add(tap);
                interfaces.add(new int[2][MAX_QUEUES]);
                lastInSwitch.add(Boolean.FALSE);
                pendingComment.add(null);
                adapter.rxTap(tap);
            }
        }
    }

    /** Start writing. Control thread. */
    public void start()
    {
        thread.start();
    }

    private void drainLoop()
    {
        while (running)
        {
            if (drainOnce() == 0)
            {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
    }

    private int drainOnce()
    {
        int work = 0;
        for (int i = 0; i < taps.size(); i++)
        {
            current = i;
            work += taps.get(i).ring().read(handler, 4096);
        }
        return work;
    }

    private final MessageHandler handler = (type, buffer, index, length) -> onMessage(type, buffer, index, length);

    private void onMessage(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        final CaptureTap tap = taps.get(current);
        final String adapter = tap.adapter().fullName();
        final int path = buffer.getShort(index + CaptureTap.PATH_OFFSET);
        final int queue = buffer.getShort(index + CaptureTap.QUEUE_OFFSET);
        if (type == CaptureTap.MARKER)
        {
            markers++;
            pendingComment.set(current, String.format(Locale.ROOT, "%s: end-of-epoch marker %s read on %s (everything " +
                "before it on that path is delivered)", adapter,
                dev.twinpath.datapath.steer.SteeringEpoch.toString(buffer.getLong(index + CaptureTap.VALUE_OFFSET)),
                interfaceName(adapter, path, queue)));
            return;
        }
        if (packets >= maxPackets || failure != null)
        {
            overLimit++;
            if (packets >= maxPackets)
            {
                taps.forEach(CaptureTap::stop);
            }
            return;
        }
        final boolean inSwitch = (buffer.getInt(index + CaptureTap.FLAGS_OFFSET) & CaptureTap.IN_SWITCH) != 0;
        String comment = pendingComment.get(current);
        if (inSwitch != lastInSwitch.get(current))
        {
            final String edge = adapter + (inSwitch ? ": path switch under way (frames of the new path are held back " +
                "until the old path's end markers)" : ": path switch over");
            comment = comment == null ? edge : comment + "; " + edge;
            lastInSwitch.set(current, inSwitch);
        }
        pendingComment.set(current, null);
        try
        {
            final int id = interfaceId(adapter, path, queue);
            if (id < 0)
            {
                overLimit++;
                return;
            }
            final int captured = length - CaptureTap.HEADER_LENGTH;
            final int wire = (int)buffer.getLong(index + CaptureTap.VALUE_OFFSET);
            final long time = buffer.getLong(index + CaptureTap.TIME_OFFSET) + epochOffsetNanos;
            view.wrap(buffer, index + CaptureTap.HEADER_LENGTH, Math.max(0, captured));
            if (writer.write(id, view, 0, captured, wire, Math.max(0, time), comment) >= 0)
            {
                packets++;
            }
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }

    private int interfaceId(final String adapter, final int path, final int queue) throws IOException
    {
        final int[][] ids = interfaces.get(current);
        final int p = path == 0 ? 0 : 1;
        final int q = Math.min(queue, MAX_QUEUES - 1);
        if (ids[p][q] == 0)
        {
            final String name = interfaceName(adapter, path, queue);
            if (writer.fileBytes() + IDB_BYTES + name.length() > maxBytes)
            {
                return -1; // its description would take the file past the cap
            }
            ids[p][q] = writer.addInterface(name, 1, 0) + 1; // 0: none yet
        }
        return ids[p][q] - 1;
    }

    /** @return {@code vm1/eth0 VF RX queue 0} or {@code vm1/eth0 VMBus channel}. */
    public static String interfaceName(final String adapter, final int path, final int queue)
    {
        return path == 0 ? adapter + " VF RX queue " + queue : adapter + " VMBus channel";
    }

    /** Stop the capture thread, write what the rings still hold and close the file. Control thread, after the lab stopped. */
    @Override
    public void close() throws IOException
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive())
        {
            while (drainOnce() > 0)
            {
                // the last messages
            }
        }
        writer.close();
        if (failure != null)
        {
            throw new UncheckedIOException("capture " + file + " failed", failure);
        }
    }

    /** @return frames written. After {@link #close()}. */
    public long packets()
    {
        return packets;
    }

    /** @return end-of-epoch markers seen (they become packet comments). After {@link #close()}. */
    public long markers()
    {
        return markers;
    }

    /** @return frames left out: over the packet limit, over the size cap, or dropped from a full ring. After {@link #close()}. */
    public long leftOut()
    {
        long overflow = 0;
        for (final CaptureTap tap : taps)
        {
            overflow += tap.overflow() + tap.notCopied();
        }
        return overLimit + writer.framesOverCap() + overflow;
    }

    /** @return interfaces in the file. After {@link #close()}. */
    public int interfaceCount()
    {
        return writer.interfaceCount();
    }

    /** @return one line for a person: file, frames, interfaces, what was left out. After {@link #close()}. */
    public String describe()
    {
        return String.format(Locale.ROOT, "%s: %,d frames on %d interfaces, %,d markers as comments%s", file, packets,
            interfaceCount(), markers, leftOut() == 0 ? "" : String.format(Locale.ROOT, ", %,d frames left out " +
            "(limit, size cap or a full capture ring)", leftOut()));
    }
}
