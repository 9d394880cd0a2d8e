package dev.twinpath.datapath.rack;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rack switch alone: learning, flooding, filtering, lossless waiting, cables, and the markers of a move. */
class TopOfRackSwitchTest
{
    private static final long A = 0x0200_0000_000AL;
    private static final long B = 0x0200_0000_000BL;
    private static final long VM = 0x0215_5D00_0100L;

    private final PacketPool pool = new PacketPool(new PacketPool.Context().name("rack").slotCount(1024).dataRoom(256));
    private final EventLog events = new EventLog(100, System::nanoTime);
    private final TopOfRackSwitch rack = new TopOfRackSwitch("tor1", pool, events, 32);
    private final SpscDescriptorRing[] in = new SpscDescriptorRing[3];
    private final SpscDescriptorRing[] out = new SpscDescriptorRing[3];
    private final RackPort[] ports = new RackPort[3];

    TopOfRackSwitchTest()
    {
        for (int i = 0; i < 3; i++)
        {
            in[i] = new SpscDescriptorRing(16);
            out[i] = new SpscDescriptorRing(i == 2 ? 4 : 64);
            ports[i] = rack.connect("p" + i, in[i], out[i]);
        }
    }

    private long frame(final long src, final long dst, final int seq)
    {
        final int h = pool.allocate();
        final int at = pool.dataOffset(h);
        pool.buffer().putInt(at, (int)(dst >>> 16), ByteOrder.BIG_ENDIAN);
        pool.buffer().putShort(at + 4, (short)dst, ByteOrder.BIG_ENDIAN);
        pool.buffer().putInt(at + 6, (int)(src >>> 16), ByteOrder.BIG_ENDIAN);
        pool.buffer().putShort(at + 10, (short)src, ByteOrder.BIG_ENDIAN);
        pool.buffer().putShort(at + 12, (short)0x0800, ByteOrder.BIG_ENDIAN);
        pool.buffer().putInt(at + 14, seq, ByteOrder.BIG_ENDIAN);
        return PacketDescriptor.packet(h, 60, 0);
    }

    private int seq(final long d)
    {
        return pool.buffer().getInt(pool.dataOffset(PacketDescriptor.handle(d)) + 14, ByteOrder.BIG_ENDIAN);
    }

    private void run()
    {
        for (int i = 0; i < 10; i++)
        {
            rack.doWork();
        }
    }

    private void freeAll()
    {
        for (final SpscDescriptorRing ring : out)
        {
            long d;
            while ((d = ring.poll()) != SpscDescriptorRing.EMPTY)
            {
                if (PacketDescriptor.isPacket(d))
                {
                    pool.free(PacketDescriptor.handle(d));
                }
            }
        }
        rack.flushCaches();
    }

    @Test
    void unknownDestinationsAreFloodedThenLearnedUnicastGoesOneWay()
    {
        in[0].offer(frame(A, B, 1)); // B unknown: flooded to p1 and p2, and A learned on p0
        run();
        assertEquals(1, out[1].size());
        assertEquals(1, out[2].size());
        in[1].offer(frame(B, A, 2)); // A known: only p0; B learned on p1
        run();
        assertEquals(1, out[0].size());
        assertEquals(ports[1], rack.portOf(B));
        freeAll();
        assertEquals(0, pool.inUse(), "flood copies and originals all freed once");
    }

    @Test
    void aFullCableHoldsItsSenderInOrderAndLosesNothing()
    {
        rack.learn(VM, ports[2]);
        for (int i = 0; i < 10; i++)
        {
            in[0].offer(frame(A, VM, i));
        }
        run();
        assertEquals(4, out[2].size(), "p2's cable holds 4");
        int next = 0;
        for (int round = 0; round < 10 && next < 10; round++)
        {
            long d;
            while ((d = out[2].poll()) != SpscDescriptorRing.EMPTY)
            {
                assertEquals(next++, seq(d));
                pool.free(PacketDescriptor.handle(d));
            }
            run();
        }
        assertEquals(10, next);
        freeAll();
        assertEquals(0, pool.inUse());
    }

    @Test
    void anArmedMoveWritesTheEndMarkerToTheOldPortBehindItsFrames()
    {
        rack.learn(VM, ports[0]);
        in[1].offer(frame(B, VM, 1));
        run();
        assertTrue(rack.expectMove(VM, PacketDescriptor.marker(77, 5)));
        in[2].offer(frame(VM, B, 2)); // the VM announces itself from p2
        run();
        assertEquals(ports[2], rack.portOf(VM));
        assertEquals(1, seq(out[0].poll()) , "the frame sent before the move first");
        final long marker = out[0].poll();
        assertTrue(PacketDescriptor.isMarker(marker));
        assertEquals(77, PacketDescriptor.epoch(marker));
        assertEquals(1, events.count(EventId.MAC_MOVED));
        in[2].offer(PacketDescriptor.marker(99, 0)); // a TX end marker from the host on p2
        run();
        assertEquals(99, ports[2].lastMarkerOf(0), "recorded for its adapter (0)");
        freeAll();
    }

    @Test
    void framesWaitingBehindAPulledCableFollowTheirMacToItsNewPort()
    {
        rack.learn(VM, ports[2]);
        rack.linkUp(ports[2], false);
        in[0].offer(frame(A, VM, 1));
        in[0].offer(frame(A, VM, 2));
        run();
        assertEquals(2, rack.inFlight());
        in[1].offer(frame(VM, 0xFFFF_FFFF_FFFFL, 99)); // the VM announces itself on p1 (a team's other member)
        run();
        assertEquals(ports[1], rack.portOf(VM));
        in[0].offer(frame(A, VM, 3));
        run();
        final int[] seqs = new int[3];
        for (int i = 0; i < 3; i++)
        {
            final long d = out[1].poll();
            seqs[i] = seq(d);
            pool.free(PacketDescriptor.handle(d));
        }
        assertEquals(List.of(1, 2, 3), List.of(seqs[0], seqs[1], seqs[2]), "in order, the waiting ones first");
        freeAll();
        assertEquals(0, pool.inUse());
    }

    @Test
    void aPulledCableHoldsFramesForItsMacsAndFloodsSkipIt()
    {
        rack.learn(VM, ports[2]);
        rack.learn(B, ports[1]);
        rack.linkUp(ports[2], false);
        in[0].offer(frame(A, VM, 1));
        in[0].offer(frame(A, B, 3)); // behind a frame for the pulled cable: not held up by it
        in[1].offer(frame(B, 0xFFFF_FFFF_FFFFL, 2)); // broadcast: only p0 while p2 is down
        run();
        assertEquals(0, out[2].size());
        assertEquals(1, out[1].size(), "the sender's other traffic goes on");
        assertEquals(1, out[0].size());
        assertEquals(1, rack.inFlight(), "the frame for the pulled cable waits in its backlog");
        rack.linkUp(ports[2], true);
        run();
        assertEquals(1, out[2].size(), "held, not lost");
        assertEquals(0, rack.inFlight());
        freeAll();
        assertEquals(0, pool.inUse());
        assertEquals(2, events.count(EventId.LINK_STATE));
    }
}
