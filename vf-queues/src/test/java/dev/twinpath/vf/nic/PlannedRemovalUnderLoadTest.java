package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vf.ring.OverflowMode;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.twinpath.vf.nic.NicFixture.PEER_MAC;
import static dev.twinpath.vf.nic.NicFixture.vfMac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NIC runs on its own agent thread while this thread generates traffic, consumes the VF and PF
 * queues and revokes the VF half-way (two busy threads: this machine has two cores). Nothing is
 * lost or duplicated, every flow is in order on each path, each flow's frames before the revoke went
 * to the VF and those after it to the PF, and each VF queue ends with its marker.
 */
class PlannedRemovalUnderLoadTest
{
    private static final int FRAMES = 200_000;
    private static final int FLOWS = 64;

    @Test
    void revokeUnderLoadLosesNothingAndKeepsOrder() throws Exception
    {
        final NicFixture nic = new NicFixture(4, 1024, OverflowMode.BACKPRESSURE);
        final VirtualFunction vf = nic.activeVf(2, new VfConfig().mac(vfMac(0)));
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null,
            nic.pf.agent());
        final Thread nicThread = AgentRunner.startOnThread(runner);

        final long[] lastVf = new long[FLOWS];
        final long[] firstPf = new long[FLOWS];
        final long[] lastPf = new long[FLOWS];
        Arrays.fill(lastVf, -1);
        Arrays.fill(firstPf, -1);
        Arrays.fill(lastPf, -1);
        final boolean[] markerSeen = new boolean[2];
        long received = 0;
        final long[] burst = new long[32];
        long sent = 0;
        boolean revoked = false;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try
        {
            while (received < FRAMES && System.nanoTime() < deadline)
            {
                for (int i = 0; i < 32 && sent < FRAMES; i++)
                {
                    final int flow = (int)(sent % FLOWS);
                    final long d = nic.frame(PEER_MAC, vfMac(0), -1, 1024 + flow, sent);
                    if (!nic.pf.wireRxRing().offer(d))
                    {
                        nic.pool.free(PacketDescriptor.handle(d));
                        break;
                    }
                    sent++;
                }
                if (!revoked && sent >= FRAMES / 2)
                {
                    nic.pf.revoke(vf, 99);
                    revoked = true;
                }
                for (int q = 0; q < 2; q++)
                {
                    final int n = vf.queuePair(q).receive(burst, 0, burst.length);
                    for (int i = 0; i < n; i++)
                    {
                        if (PacketDescriptor.isMarker(burst[i]))
                        {
                            assertEquals(99, PacketDescriptor.epoch(burst[i]));
                            markerSeen[q] = true;
                            continue;
                        }
                        assertTrue(!markerSeen[q], "nothing follows the end marker in queue " + q);
                        final long seq = nic.sequence(burst[i]);
                        final int flow = (int)(seq % FLOWS);
                        assertTrue(seq > lastVf[flow], "VF path order for flow " + flow);
                        lastVf[flow] = seq;
                        nic.pool.free(PacketDescriptor.handle(burst[i]));
                        received++;
                    }
                }
                final int n = nic.pf.pfDefaultRing().dequeueBurst(burst, 0, burst.length);
                for (int i = 0; i < n; i++)
                {
                    final long seq = nic.sequence(burst[i]);
                    final int flow = (int)(seq % FLOWS);
                    assertTrue(seq > lastPf[flow], "PF path order for flow " + flow);
                    if (firstPf[flow] < 0)
                    {
                        firstPf[flow] = seq;
                    }
                    lastPf[flow] = seq;
                    nic.pool.free(PacketDescriptor.handle(burst[i]));
                    received++;
                }
            }
        }
        finally
        {
            runner.close();
            nicThread.join(5_000);
        }
        assertEquals(FRAMES, received, "every frame arrived exactly once");
        assertTrue(markerSeen[0] && markerSeen[1], "each VF queue ended with its marker");
        assertEquals(VfState.REVOKED, vf.state());
        for (int flow = 0; flow < FLOWS; flow++)
        {
            assertTrue(firstPf[flow] > lastVf[flow], "flow " + flow + " moved once: VF up to " + lastVf[flow] +
                ", PF from " + firstPf[flow]);
        }
        assertEquals(0, vf.counters().dropped() + nic.pf.counters().dropped() + nic.pf.wireCounters().dropped());
        nic.assertNoLeak();
    }

    @Test
    void theNicAndATrafficSourceShareOneThreadAsACompositeAgent() throws Exception
    {
        final NicFixture nic = new NicFixture(2, 1024, OverflowMode.BACKPRESSURE);
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        final AtomicLong generated = new AtomicLong();
        final Agent source = new Agent()
        {
            @Override
            public int doWork()
            {
                if (generated.get() >= 10_000 || nic.pf.wireRxRing().size() > 512)
                {
                    return 0;
                }
                nic.toWire(nic.frame(PEER_MAC, vfMac(0), -1, 1, generated.getAndIncrement()));
                return 1;
            }

            @Override
            public String roleName()
            {
                return "source";
            }
        };
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null,
            new CompositeAgent(source, nic.pf.agent()));
        final Thread thread = AgentRunner.startOnThread(runner);
        long received = 0;
        final long[] burst = new long[32];
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received < 10_000 && System.nanoTime() < deadline)
        {
            final int n = vf.queuePair(0).receive(burst, 0, burst.length);
            for (int i = 0; i < n; i++)
            {
                assertEquals(received, nic.sequence(burst[i]));
                nic.pool.free(PacketDescriptor.handle(burst[i]));
                received++;
            }
        }
        runner.close();
        thread.join(5_000);
        assertEquals(10_000, received);
        nic.assertNoLeak();
    }
}
