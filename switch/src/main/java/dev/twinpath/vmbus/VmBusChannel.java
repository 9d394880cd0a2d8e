package dev.twinpath.vmbus;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * A VMBus channel between a guest's synthetic adapter (NetVSC) and the host's virtual switch port
 * (VSP): two directions, guest to host and host to guest, each a pair of Agrona
 * {@link OneToOneRingBuffer}s in off-heap memory:
 * <ul>
 *     <li>a <b>data ring</b> of packet descriptors, in bursts (one record per burst), in which the
 *     end-of-epoch markers of the steering protocol travel as descriptors too, so they stay in order
 *     with the packets they close;</li>
 *     <li>a small <b>control ring</b> of typed, versioned control messages (link status, VF offer,
 *     data path switch...). These need no order with the data, and must never wait behind it: a
 *     guest whose data ring is full (a stalled receiver) must still hear that its VF is revoked or
 *     its link is down, and still be answered when it asks to switch paths. A separate ring makes
 *     that structural rather than a matter of reserving room in a shared one.</li>
 * </ul>
 * {@link #guest()} sends on guest to host and receives on host to guest; {@link #host()} the reverse.
 * <p>
 * Threading: built and closed on a control thread; the endpoints say which thread uses what.
 * {@link #close()} frees the rings: call it after the threads that use the endpoints have stopped;
 * later data calls return 0 and later control calls throw {@link IllegalStateException}.
 */
public final class VmBusChannel implements AutoCloseable
{
    /**
     * Configuration: fluent setters; {@link #conclude()} validates and refuses a bad value with a
     * {@link VmBusConfigurationException} naming the field. Control-path object; not thread-safe.
     */
    public static final class Context
    {
        /** Default data ring per direction: 256 KiB (about 1,000 full bursts of 32). */
        public static final int DEFAULT_DATA_RING_BYTES = 256 * 1024;
        /** Default control ring per direction: 16 KiB (512 control messages). */
        public static final int DEFAULT_CONTROL_RING_BYTES = 16 * 1024;
        /** Default descriptors per data record. */
        public static final int DEFAULT_MAX_BURST = 32;
        /** Most descriptors per data record. */
        public static final int MAX_BURST = 256;
        /** Largest ring of either kind: 1 GiB. */
        public static final int MAX_RING_BYTES = 1 << 30;
        /** Smallest control ring: a control record may take at most 1/8 of an Agrona ring. */
        public static final int MIN_CONTROL_RING_BYTES = 8 * (ControlMessageDescriptor.MAX_MESSAGE_LENGTH + 8);

        private String name = "vmbus";
        private int dataRingBytes = DEFAULT_DATA_RING_BYTES;
        private int controlRingBytes = DEFAULT_CONTROL_RING_BYTES;
        private int maxBurst = DEFAULT_MAX_BURST;

        /** Channel name, e.g. {@code vm1/eth0}. */
        public Context name(final String name)
        {
            this.name = name;
            return this;
        }

        public String name()
        {
            return name;
        }

        /** Data ring bytes per direction, a power of two; Agrona's trailer is added internally. */
        public Context dataRingBytes(final int bytes)
        {
            this.dataRingBytes = bytes;
            return this;
        }

        public int dataRingBytes()
        {
            return dataRingBytes;
        }

        /** Control ring bytes per direction, a power of two. */
        public Context controlRingBytes(final int bytes)
        {
            this.controlRingBytes = bytes;
            return this;
        }

        public int controlRingBytes()
        {
            return controlRingBytes;
        }

        /** Descriptors per data record, 1..{@value #MAX_BURST}. */
        public Context maxBurst(final int n)
        {
            this.maxBurst = n;
            return this;
        }

        public int maxBurst()
        {
            return maxBurst;
        }

        /**
         * Validate.
         *
         * @return this.
         * @throws VmBusConfigurationException naming the first field out of range.
         */
        public Context conclude()
        {
            if (name == null || name.isBlank())
            {
                throw new VmBusConfigurationException("name", "must not be null or blank: " + name);
            }
            if (maxBurst < 1 || maxBurst > MAX_BURST)
            {
                throw new VmBusConfigurationException("maxBurst", "must be 1.." + MAX_BURST + ": " + maxBurst);
            }
            final int minData = DataRecordDescriptor.minRingBytes(maxBurst);
            if (!isPowerOfTwo(dataRingBytes) || dataRingBytes > MAX_RING_BYTES)
            {
                throw new VmBusConfigurationException(
                    "dataRingBytes", "must be a power of two up to 2^30: " + dataRingBytes);
            }
            if (dataRingBytes < minData)
            {
                throw new VmBusConfigurationException("dataRingBytes", dataRingBytes + " is too small for maxBurst=" +
                    maxBurst + ": a record of " + maxBurst + " descriptors needs a ring of at least " + minData +
                    " bytes (Agrona allows a record one eighth of the ring)");
            }
            if (!isPowerOfTwo(controlRingBytes) || controlRingBytes < MIN_CONTROL_RING_BYTES ||
                controlRingBytes > MAX_RING_BYTES)
            {
                throw new VmBusConfigurationException("controlRingBytes",
                    "must be a power of two from " + MIN_CONTROL_RING_BYTES + " to 2^30: " + controlRingBytes);
            }
            return this;
        }

        private static boolean isPowerOfTwo(final int value)
        {
            return value > 0 && Integer.bitCount(value) == 1;
        }

        @Override
        public String toString()
        {
            return "Context{name=" + name + ", dataRingBytes=" + dataRingBytes + ", controlRingBytes=" +
                controlRingBytes + ", maxBurst=" + maxBurst + '}';
        }
    }

    private static final int ALIGNMENT = 64;

    private final String name;
    private final ByteBuffer[] memory = new ByteBuffer[4];
    private final VmBusEndpoint guest;
    private final VmBusEndpoint host;
    private boolean closed;

    /**
     * Allocate the four rings (off-heap).
     *
     * @param context configuration; {@link Context#conclude()} is called here.
     * @throws VmBusConfigurationException naming a bad field, or {@code dataRingBytes} when the JVM cannot reserve
     *                                     the rings' direct memory.
     */
    public VmBusChannel(final Context context)
    {
        context.conclude();
        name = context.name();
        final OneToOneRingBuffer guestToHostData;
        final OneToOneRingBuffer guestToHostControl;
        final OneToOneRingBuffer hostToGuestData;
        final OneToOneRingBuffer hostToGuestControl;
        try
        {
            guestToHostData = ring(0, context.dataRingBytes());
            guestToHostControl = ring(1, context.controlRingBytes());
            hostToGuestData = ring(2, context.dataRingBytes());
            hostToGuestControl = ring(3, context.controlRingBytes());
        }
        catch (final OutOfMemoryError ex)
        {
            // The reservation fails before anything is allocated: refuse the sizes like any other bad value.
            throw new VmBusConfigurationException("dataRingBytes", "two data rings of " + context.dataRingBytes() +
                " bytes and two control rings of " + context.controlRingBytes() + " bytes need more direct memory than " +
                "this JVM can reserve (" + ex.getMessage() + "); lower dataRingBytes or controlRingBytes, or raise " +
                "-XX:MaxDirectMemorySize");
        }
        guest = new VmBusEndpoint(name + "/guest", context.maxBurst(),
            guestToHostData, guestToHostControl, hostToGuestData, hostToGuestControl);
        host = new VmBusEndpoint(name + "/host", context.maxBurst(),
            hostToGuestData, hostToGuestControl, guestToHostData, guestToHostControl);
    }

    /** A ring of {@code capacity} bytes plus Agrona's trailer, 64-byte aligned, in its own direct buffer. */
    private OneToOneRingBuffer ring(final int slot, final int capacity)
    {
        final int length = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        final ByteBuffer direct = ByteBuffer.allocateDirect(length + ALIGNMENT);
        memory[slot] = direct;
        final int misalignment = (int)(BufferUtil.address(direct) & (ALIGNMENT - 1));
        final int offset = misalignment == 0 ? 0 : ALIGNMENT - misalignment;
        return new OneToOneRingBuffer(new UnsafeBuffer(direct, offset, length));
    }

    public String name()
    {
        return name;
    }

    /** @return the NetVSC side: sends guest to host, receives host to guest. */
    public VmBusEndpoint guest()
    {
        return guest;
    }

    /** @return the VSP side (the virtual switch port): sends host to guest, receives guest to host. */
    public VmBusEndpoint host()
    {
        return host;
    }

    /** @return true once {@link #close()} was called. */
    public synchronized boolean isClosed()
    {
        return closed;
    }

    /**
     * Free the rings' off-heap memory. Idempotent. The endpoints' counters stay readable. Call it
     * after the threads using the endpoints have stopped: a call already inside a ring when the memory
     * goes would read freed memory.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        guest.markClosed();
        host.markClosed();
        for (int i = 0; i < memory.length; i++)
        {
            BufferUtil.free(memory[i]);
            memory[i] = null;
        }
    }

    @Override
    public String toString()
    {
        return "VmBusChannel{" + name + (isClosed() ? ", closed}" : "}");
    }
}
