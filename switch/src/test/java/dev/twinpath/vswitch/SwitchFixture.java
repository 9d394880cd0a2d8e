package dev.twinpath.vswitch;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A switch driven by hand on the test thread, with a manual clock, {@link TestLink}s and helpers to
 * build frames (each carries a stream id and sequence in its payload header) and to read back what
 * a port received.
 */
final class SwitchFixture implements AutoCloseable
{
    static final long MAC_A = 0x0215_5D00_000AL;
    static final long MAC_B = 0x0215_5D00_000BL;
    static final long MAC_C = 0x0215_5D00_000CL;
    static final long MAC_REMOTE = 0x00AA_BBCC_0001L;

    final PacketPool pool = new PacketPool(new PacketPool.Context().name("vswitch-test").slotCount(8192).cacheSize(32));
    final UnsafeBuffer memory = pool.buffer();
    long now = 1_000_000_000L;
    final VirtualSwitchContext context;
    VirtualSwitch vswitch;
    final TestLink uplink = new TestLink("uplink");

    SwitchFixture(final SwitchType type)
    {
        context = new VirtualSwitchContext().name("sw").type(type).pool(pool).nanoClock(() -> now)
            .maxPorts(16).macTableCapacity(64);
        if (type == SwitchType.EXTERNAL)
        {
            context.uplink(uplink);
        }
    }

    VirtualSwitch start()
    {
        vswitch = new VirtualSwitch(context);
        return vswitch;
    }

    SwitchPort vm(final String name, final long mac, final TestLink link)
    {
        return vswitch.addVmAdapter(new PortSettings().name(name).macAddress(mac), link);
    }

    SwitchPort vm(final PortSettings settings, final TestLink link)
    {
        return vswitch.addVmAdapter(settings, link);
    }

    /** A 64-byte-on-the-wire UDP frame (60 bytes), optionally tagged. */
    long frame(final long src, final long dst, final int vlan, final int stream, final long sequence)
    {
        final FrameTemplate t = new FrameTemplate().srcMac(src).dstMac(dst).frameLength(vlan >= 0 ? 64 : 60);
        if (vlan >= 0)
        {
            t.vlan(vlan, 0);
        }
        return frame(t, stream, sequence);
    }

    long frame(final FrameTemplate template, final int stream, final long sequence)
    {
        final FrameBuilder builder = new FrameBuilder(template.conclude());
        final int handle = pool.allocate();
        if (handle < 0)
        {
            throw new IllegalStateException("pool exhausted");
        }
        final int length = builder.write(memory, pool.dataOffset(handle), stream, sequence, 0);
        return PacketDescriptor.packet(handle, length, 0);
    }

    /** Run the switch until it has nothing left to do. */
    void run()
    {
        for (int i = 0; i < 1000; i++)
        {
            if (vswitch.doWork() == 0 && vswitch.doWork() == 0)
            {
                return;
            }
        }
    }

    int outerVlan(final long d)
    {
        return EthernetFrames.outerVlan(memory, pool.dataOffset(PacketDescriptor.handle(d)), PacketDescriptor.length(d));
    }

    long srcMac(final long d)
    {
        return EthernetFrames.srcMac(memory, pool.dataOffset(PacketDescriptor.handle(d)));
    }

    /** @return (stream << 32 | sequence) of each delivered packet, reading the payload header after any tag. */
    List<Long> streamSequences(final TestLink link)
    {
        final List<Long> out = new ArrayList<>();
        for (int i = 0; i < link.delivered.size(); i++)
        {
            final long d = link.delivered.getLong(i);
            if (PacketDescriptor.isMarker(d))
            {
                continue;
            }
            final int at = pool.dataOffset(PacketDescriptor.handle(d));
            final int tagBytes = outerVlan(d) == EthernetFrames.UNTAGGED ? 0 : 4;
            final int header = at + tagBytes + 14 + 20 + 8;
            out.add(((long)PayloadHeader.streamId(memory, header) << 32) | PayloadHeader.sequence(memory, header));
        }
        return out;
    }

    /** Free everything delivered to the links (the receivers' job). */
    void consume(final TestLink... links)
    {
        for (final TestLink link : links)
        {
            for (int i = 0; i < link.delivered.size(); i++)
            {
                final long d = link.delivered.getLong(i);
                if (PacketDescriptor.isPacket(d))
                {
                    pool.free(PacketDescriptor.handle(d));
                }
            }
            link.delivered.clear();
        }
    }

    void assertIdentity()
    {
        final SwitchCounters c = vswitch.counters();
        org.junit.jupiter.api.Assertions.assertEquals(
            c.received(), c.forwarded() + c.flooded() + c.dropped(), "received = forwarded + flooded + dropped");
    }

    @Override
    public void close()
    {
        if (vswitch != null)
        {
            vswitch.close();
        }
    }
}
