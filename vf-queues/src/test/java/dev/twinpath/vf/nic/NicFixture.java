package dev.twinpath.vf.nic;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.collections.LongArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A NIC with a pool, and helpers to put frames on the wire or a TX ring and to read rings back. */
final class NicFixture
{
    static final long PF_MAC = 0x0200_00FF_0000L;
    static final long PEER_MAC = 0x0200_0000_00AAL;

    final PacketPool pool;
    final PhysicalFunction pf;
    long fakeNanos;

    NicFixture(final int totalVfs, final int ringCapacity, final OverflowMode mode)
    {
        pool = new PacketPool(new PacketPool.Context().name("test").slotCount(16384).cacheSize(64));
        pf = new PhysicalFunction(new NicContext().pool(pool).totalVfs(totalVfs).ringCapacity(ringCapacity)
            .overflowMode(mode).pfMac(PF_MAC).clock(() -> fakeNanos));
    }

    NicFixture()
    {
        this(8, 1024, OverflowMode.DROP);
    }

    static long vfMac(final int i)
    {
        return 0x0200_0000_1000L + i;
    }

    VirtualFunction activeVf(final int queuePairs, final VfConfig config)
    {
        final VirtualFunction vf = pf.allocate("vm" + config.mac, queuePairs);
        pf.assign(vf, config);
        return vf;
    }

    /** A frame from {@code src} to {@code dst} with the given flow ports and sequence, in a new pool buffer. */
    long frame(final long src, final long dst, final int vlan, final int srcPort, final long sequence)
    {
        final FrameTemplate t = new FrameTemplate().srcMac(src).dstMac(dst).vlan(vlan, 0)
            .ipv4(0x0A000001, 0x0A000002).ports(srcPort, 5001);
        final FrameBuilder builder = new FrameBuilder(t);
        final int handle = pool.allocate();
        assertTrue(handle >= 0, "pool exhausted in the test");
        final int length = builder.write(pool.buffer(), pool.dataOffset(handle), srcPort, 5001, srcPort, sequence, 0);
        return PacketDescriptor.packet(handle, length, 0, 0);
    }

    void toWire(final long descriptor)
    {
        assertTrue(pf.wireRxRing().offer(descriptor), "wire RX ring full in the test");
    }

    void run()
    {
        for (int i = 0; i < 64 && pf.doWork() > 0; i++)
        {
            // until idle
        }
    }

    static LongArrayList drain(final SpscDescriptorRing ring)
    {
        final LongArrayList out = new LongArrayList();
        long d;
        while ((d = ring.poll()) != SpscDescriptorRing.EMPTY)
        {
            out.addLong(d);
        }
        return out;
    }

    long sequence(final long descriptor)
    {
        final int at = pool.dataOffset(PacketDescriptor.handle(descriptor));
        return PayloadHeader.sequence(pool.buffer(), at + payloadOffset(descriptor));
    }

    /** Offset of the payload header in a built UDP/IPv4 frame, with or without one 802.1Q tag. */
    int payloadOffset(final long descriptor)
    {
        final int at = pool.dataOffset(PacketDescriptor.handle(descriptor));
        final int type = pool.buffer().getShort(at + 12, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
        return type == 0x8100 ? 46 : 42;
    }

    void free(final LongArrayList descriptors)
    {
        for (int i = 0; i < descriptors.size(); i++)
        {
            final long d = descriptors.getLong(i);
            if (!PacketDescriptor.isMarker(d))
            {
                pool.free(PacketDescriptor.handle(d));
            }
        }
    }

    void assertNoLeak()
    {
        pf.flushCaches();
        pool.assertNoLeak();
    }
}
