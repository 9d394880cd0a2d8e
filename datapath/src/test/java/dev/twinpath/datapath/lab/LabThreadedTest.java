package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.AdapterCounter;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VF offer/revoke cycles on a running lab (host side and guest side on their own threads: the
 * default two-thread mode), with traffic both ways: nothing lost, reordered or duplicated, no leak.
 */
class LabThreadedTest
{
    @org.junit.jupiter.params.ParameterizedTest(name = "dwell {0} ms")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 2, 40})
    void failoverCyclesOnTwoThreadsLoseNothing(final int dwellMillis) throws InterruptedException
    {
        try (Lab lab = new Lab(new LabContext().vms(2).totalVfs(4).poolSlots(32_768).threading(ThreadingMode.TWO)))
        {
            final TrafficProfile wireProfile = new TrafficProfile().flows(256).ratePps(200_000)
                .srcMac(lab.context().peerMac()).destinations(lab.vm(0).mac(), lab.vm(1).mac()).conclude();
            final ConstantRateGenerator wire = new ConstantRateGenerator(wireProfile, lab.pool());
            final StreamChecker[] rx = new StreamChecker[2];
            final AtomicLong anomalies = new AtomicLong();
            final ConstantRateGenerator[] guests = new ConstantRateGenerator[2];
            for (int v = 0; v < 2; v++)
            {
                final StreamChecker checker = new StreamChecker(wireProfile, "vf", "synthetic");
                final PoolCache cache = lab.pool().newCache();
                rx[v] = checker;
                lab.vm(v).onReceive((ds, n, t) ->
                {
                    for (int i = 0; i < n; i++)
                    {
                        if (checker.onPacket(ds[i], lab.pool(), PacketDescriptor.port(ds[i]), t) != StreamChecker.IN_ORDER)
                        {
                            anomalies.incrementAndGet();
                        }
                        cache.free(PacketDescriptor.handle(ds[i]));
                    }
                });
                guests[v] = new ConstantRateGenerator(new TrafficProfile().flows(32).ratePps(50_000).srcMac(lab.vm(v).mac())
                    .destinations(lab.context().peerMac()).srcIp("10.2.0." + (v + 1)).streamIdBase(1000 + 100 * v).conclude(),
                    lab.pool());
                lab.vm(v).transmit(guests[v]::generate);
            }
            final StreamChecker tx = new StreamChecker(200, 1000, StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, "wire");
            final PoolCache wireCache = lab.pool().newCache();
            lab.wireHandler((ds, n, t) ->
            {
                for (int i = 0; i < n; i++)
                {
                    if (tx.onPacket(ds[i], lab.pool(), 0, t) != StreamChecker.IN_ORDER)
                    {
                        anomalies.incrementAndGet();
                    }
                    wireCache.free(PacketDescriptor.handle(ds[i]));
                }
            });
            final long start = lab.clock().nanoTime();
            wire.start(start);
            guests[0].start(start);
            guests[1].start(start);
            lab.wireSource(wire::generate);
            lab.start();
            for (int cycle = 0; cycle < 6; cycle++)
            {
                final VirtualMachine vm = lab.vm(cycle % 2);
                await(() -> vm.host().state() == dev.twinpath.datapath.host.HostVfState.NO_VF, lab);
                assertTrue(lab.offerVf(vm), () -> dump(lab));
                await(() -> vm.adapter().state() == dev.twinpath.datapath.NetVscState.VF_ACTIVE, lab);
                Thread.sleep(dwellMillis);
                assertTrue(lab.revokeVf(vm), () -> dump(lab));
                Thread.sleep(dwellMillis);
            }
            lab.drain();
            wire.discardPending();
            guests[0].discardPending();
            guests[1].discardPending();

            final String dump = dump(lab);
            assertNull(lab.firstError(), dump);
            assertEquals(0, anomalies.get(), dump);
            final long[] sent = wire.sentPerFlow(new long[256]);
            for (int v = 0; v < 2; v++)
            {
                final long[] mine = sent.clone();
                for (int f = 0; f < mine.length; f++)
                {
                    mine[f] = f % 2 == v ? mine[f] : 0;
                }
                assertEquals(0, rx[v].lostAtEnd(mine), dump);
                assertTrue(rx[v].delivered(0) > 0, "vm" + v + " received on its VF\n" + dump);
                assertTrue(lab.vm(v).adapter().counters().get(AdapterCounter.PATH_SWITCHES) >= 6, dump);
            }
            final long[] guestSent = new long[200];
            System.arraycopy(guests[0].sentPerFlow(new long[32]), 0, guestSent, 0, 32);
            System.arraycopy(guests[1].sentPerFlow(new long[32]), 0, guestSent, 100, 32);
            assertEquals(0, tx.lostAtEnd(guestSent), dump);
            assertEquals(guests[0].sent() + guests[1].sent(), tx.delivered(), dump);
            assertEquals(0, lab.leakedBuffers(), dump);
        }
    }

    private static void await(final java.util.function.BooleanSupplier condition, final Lab lab) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out\n" + dump(lab));
            }
            Thread.sleep(1);
        }
    }

    private static String dump(final Lab lab)
    {
        return LabDump.of(lab);
    }
}
