package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscContext;
import dev.twinpath.datapath.Path;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.packet.rss.FlowKey;
import dev.twinpath.vf.nic.NicCounter;

import java.util.concurrent.TimeUnit;

/**
 * A lab driven on the test's thread with a manual clock: wire traffic to every VM, guest traffic from
 * every VM to the wire, a checker per VM and one at the wire, and the exact end-of-run accounting.
 */
final class LabHarness implements AutoCloseable
{
    static final long TICK_NANOS = 10_000;
    static final int WIRE_FLOWS = 64;
    static final int GUEST_FLOWS = 16;

    long now = 1_000_000_000L;
    final Lab lab;
    final ConstantRateGenerator wire;
    final TrafficProfile wireProfile;
    final ConstantRateGenerator[] guests;
    final TrafficProfile[] guestProfiles;
    final StreamChecker[] vmCheckers;
    final StreamChecker wireChecker;
    final long[] anomalies;
    long wireAnomalies;

    LabHarness(final int vms, final int queuePairs, final long wireRate, final long guestRate)
    {
        lab = new Lab(new LabContext().vms(vms).totalVfs(4).queuePairs(queuePairs).poolSlots(32_768)
            .threading(ThreadingMode.ONE).clock(() -> now).hostTimeout(50, TimeUnit.MILLISECONDS)
            .adapterTemplate(new NetVscContext().holdBound(512).minDwell(1, TimeUnit.MILLISECONDS)
                .holdTimeout(20, TimeUnit.MILLISECONDS).fenceTimeout(20, TimeUnit.MILLISECONDS)
                .completionTimeout(20, TimeUnit.MILLISECONDS).detachTimeout(20, TimeUnit.MILLISECONDS)));
        final long[] macs = new long[vms];
        for (int v = 0; v < vms; v++)
        {
            macs[v] = lab.vm(v).mac();
        }
        wireProfile = new TrafficProfile().flows(WIRE_FLOWS).ratePps(wireRate).srcMac(lab.context().peerMac())
            .destinations(macs).srcIp("10.1.0.1").dstIp("10.2.0.1").conclude();
        wire = new ConstantRateGenerator(wireProfile, lab.pool());
        vmCheckers = new StreamChecker[vms];
        anomalies = new long[vms];
        guests = new ConstantRateGenerator[vms];
        guestProfiles = new TrafficProfile[vms];
        for (int v = 0; v < vms; v++)
        {
            final int vm = v;
            final StreamChecker checker = new StreamChecker(wireProfile, "vf", "synthetic");
            final PoolCache cache = lab.pool().newCache();
            vmCheckers[v] = checker;
            lab.vm(v).onReceive((ds, n, t) ->
            {
                for (int i = 0; i < n; i++)
                {
                    if (checker.onPacket(ds[i], lab.pool(), PacketDescriptor.port(ds[i]), t) != StreamChecker.IN_ORDER)
                    {
                        anomalies[vm]++;
                    }
                    cache.free(PacketDescriptor.handle(ds[i]));
                }
            });
            guestProfiles[v] = new TrafficProfile().flows(GUEST_FLOWS).ratePps(guestRate).srcMac(macs[v])
                .destinations(lab.context().peerMac()).srcIp("10.2.0." + (v + 1)).dstIp("10.1.0.1")
                .streamIdBase(1000 + 100 * v).conclude();
            guests[v] = new ConstantRateGenerator(guestProfiles[v], lab.pool());
            if (guestRate > 0)
            {
                final ConstantRateGenerator g = guests[v];
                lab.vm(v).transmit(g::generate);
                g.start(now);
            }
        }
        wireChecker = new StreamChecker(100 * vms, 1000, StreamChecker.DEFAULT_HIGHEST_LATENCY_NANOS, "wire");
        final PoolCache wireCache = lab.pool().newCache();
        lab.wireHandler((ds, n, t) ->
        {
            for (int i = 0; i < n; i++)
            {
                if (wireChecker.onPacket(ds[i], lab.pool(), 0, t) != StreamChecker.IN_ORDER)
                {
                    wireAnomalies++;
                }
                wireCache.free(PacketDescriptor.handle(ds[i]));
            }
        });
        if (wireRate > 0)
        {
            lab.wireSource(wire::generate);
            wire.start(now);
        }
    }

    /** Run {@code rounds} duty cycles, the clock moving one tick each. */
    void run(final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            now += TICK_NANOS;
            lab.doWork();
        }
    }

    /** @return the RX flow key of wire flow {@code flow} (as the generator builds it). */
    FlowKey wireFlowKey(final int flow)
    {
        final int port = wireProfile.srcPort() + flow % wireProfile.sourcePorts();
        final int src = wireProfile.srcIp() + flow / wireProfile.sourcePorts();
        return new FlowKey().ipv4(src, wireProfile.dstIp()).ports(port, wireProfile.dstPort()).protocol(FlowKey.PROTOCOL_UDP);
    }

    /** Stop the sources and run until nothing moves (the clock still ticking, so timers can fire). */
    void drain()
    {
        wire.stop();
        for (final ConstantRateGenerator g : guests)
        {
            g.stop();
        }
        int quiet = 0;
        int rounds = 0;
        while (quiet < 200 && rounds < 2_000_000)
        {
            now += TICK_NANOS;
            quiet = lab.doWork() == 0 ? quiet + 1 : 0;
            rounds++;
        }
        wire.discardPending();
        for (final ConstantRateGenerator g : guests)
        {
            g.discardPending();
        }
        lab.wireSource(null);
        for (final VirtualMachine vm : lab.vms())
        {
            vm.transmit(null);
        }
    }

    /** @return wire packets sent to VM {@code v} that it never received. */
    long rxLost(final int v)
    {
        final long[] sent = wire.sentPerFlow(new long[WIRE_FLOWS]);
        for (int f = 0; f < WIRE_FLOWS; f++)
        {
            if (f % lab.vms().size() != v)
            {
                sent[f] = 0;
            }
        }
        return vmCheckers[v].lostAtEnd(sent);
    }

    long rxOffered(final int v)
    {
        final long[] sent = wire.sentPerFlow(new long[WIRE_FLOWS]);
        long sum = 0;
        for (int f = v; f < WIRE_FLOWS; f += lab.vms().size())
        {
            sum += sent[f];
        }
        return sum;
    }

    long txLost()
    {
        final long[] sent = new long[100 * guests.length];
        for (int v = 0; v < guests.length; v++)
        {
            final long[] perFlow = guests[v].sentPerFlow(new long[GUEST_FLOWS]);
            System.arraycopy(perFlow, 0, sent, 100 * v, GUEST_FLOWS);
        }
        return wireChecker.lostAtEnd(sent);
    }

    long txOffered()
    {
        long sum = 0;
        for (final ConstantRateGenerator g : guests)
        {
            sum += g.sent();
        }
        return sum;
    }

    /** @return frames the NIC dropped or took back, by any cause, on any function (G6's dropped side). */
    long nicDrops()
    {
        long sum = 0;
        for (final NicCounter c : NicCounter.values())
        {
            if (c.isDrop() || c == NicCounter.RX_RECLAIMED)
            {
                for (int i = 0; i < lab.nic().totalVfs(); i++)
                {
                    sum += lab.nic().vf(i).counters().get(c);
                }
                sum += lab.nic().counters().get(c) + lab.nic().wireCounters().get(c);
            }
        }
        return sum;
    }

    Path rxPath(final int v)
    {
        return lab.vm(v).adapter().rxPath();
    }

    String dump()
    {
        return LabDump.of(lab);
    }

    @Override
    public void close()
    {
        wire.close();
        for (final ConstantRateGenerator g : guests)
        {
            g.close();
        }
        lab.close();
    }
}
