package dev.twinpath.datapath.steer;

import dev.twinpath.datapath.Path;
import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.vf.nic.NicContext;
import dev.twinpath.vf.nic.PhysicalFunction;
import dev.twinpath.vf.nic.VfConfig;
import dev.twinpath.vf.nic.VirtualFunction;
import dev.twinpath.vmbus.VmBusChannel;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TX moves that change direction while packets are still held: a revoke right after an offer (the
 * fence passed, the hold still draining into a full VF ring) and a VF that closes its TX in the middle
 * of a move. Packets numbered in order must leave, wire first then VMBus, in that order.
 */
class TxSteeringOrderTest
{
    private static final long VM_MAC = 0x0215_5D00_0001L;

    private final PacketPool pool = new PacketPool(new PacketPool.Context().slotCount(4096));
    private final PhysicalFunction pf = new PhysicalFunction(new NicContext().pool(pool).totalVfs(1).ringCapacity(32).burst(16));
    private final VmBusChannel channel = new VmBusChannel(new VmBusChannel.Context().name("vm1"));
    private final FrameBuilder frames = new FrameBuilder(new FrameTemplate().srcMac(VM_MAC).dstMac(0x0200_5EE4_0001L)
        .addresses("10.2.0.1", "10.1.0.1").ports(1000, 2000).conclude());
    private boolean fence;
    private final TxSteering tx = new TxSteering(0, pool, ToeplitzHash.microsoftDefault(), channel.guest(),
        (adapter, epoch) -> fence, 32, 64, 512, Long.MAX_VALUE / 4, (epoch, closed, held, timedOut) ->
        {
        });
    private final VirtualFunction vf;
    private long next;
    private final LongArrayList out = new LongArrayList();
    private final long[] burst = new long[64];

    TxSteeringOrderTest()
    {
        vf = pf.allocate("vm1", 1);
        pf.assign(vf, new VfConfig().mac(VM_MAC));
        tx.bindVf(vf.queuePair(0));
    }

    @AfterEach
    void close()
    {
        channel.close();
    }

    private void send(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final int handle = pool.allocate();
            final int length = frames.write(pool.buffer(), pool.dataOffset(handle), 0, next++, 0);
            final long[] one = {PacketDescriptor.packet(handle, length, 0)};
            assertEquals(1, tx.send(one, 0, 1, 0), "taken");
        }
    }

    /** The NIC runs once and the wire and the host's side of VMBus are read; sequences recorded in arrival order. */
    private void collect(final boolean nicRuns)
    {
        if (nicRuns)
        {
            pf.doWork();
        }
        int n;
        while ((n = pf.wireTxRing().dequeueBurst(burst, 0, burst.length)) > 0)
        {
            record(n);
        }
        while ((n = channel.host().receiveBurst(burst, 0, burst.length)) > 0)
        {
            record(n);
        }
    }

    private void record(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (PacketDescriptor.isPacket(burst[i]))
            {
                final int handle = PacketDescriptor.handle(burst[i]);
                out.addLong(PayloadHeader.sequence(pool.buffer(), pool.dataOffset(handle) + frames.payloadHeaderOffset()));
                pool.free(handle);
            }
        }
    }

    private void assertInOrder(final long total)
    {
        assertEquals(total, out.size(), out.toString());
        for (int i = 0; i < out.size(); i++)
        {
            assertEquals(i, out.getLong(i), "position " + i + " of " + out);
        }
    }

    @Test
    void aRevokeRightAfterAnOfferKeepsTheOrder()
    {
        send(10); // on synthetic
        assertTrue(tx.moveAll(Path.VF, 1, 0));
        send(100); // held: the synthetic fence has not passed
        assertEquals(100, tx.hold().size());
        collect(false); // the synthetic packets reach the NIC (this test's host side), then the fence passes
        fence = true;
        tx.flush(0); // the VF ring (32) fills, the stage (32) fills, the rest stays held
        assertTrue(tx.hold().size() > 0, "still draining");
        assertTrue(tx.moveAll(Path.SYNTHETIC, 2, 0)); // the way back while the hold drains
        send(20);
        for (int round = 0; round < 50; round++)
        {
            tx.flush(0);
            collect(true);
        }
        assertFalse(tx.isMoveActive());
        assertEquals(Path.SYNTHETIC, tx.txDefault());
        assertInOrder(130);
    }

    @Test
    void aVfThatClosesItsTxInTheMiddleOfAMoveKeepsTheOrder()
    {
        assertTrue(tx.moveAll(Path.VF, 1, 0));
        send(100); // held: the synthetic fence has not passed
        fence = true;
        tx.flush(0); // the VF ring (32) and the stage (32) fill; 36 stay held: the move is under way
        assertTrue(tx.isMoveActive() && tx.hold().size() > 0);
        pf.revoke(vf, 7); // the host closes the VF's TX without the guest's switch; the NIC still drains it
        send(20); // the next flush meets the closed TX: the move turns back; these wait behind the rest
        for (int round = 0; round < 50; round++)
        {
            tx.flush(0);
            collect(true);
        }
        assertFalse(tx.isMoveActive());
        assertEquals(Path.SYNTHETIC, tx.txDefault());
        assertInOrder(120);
    }
}
