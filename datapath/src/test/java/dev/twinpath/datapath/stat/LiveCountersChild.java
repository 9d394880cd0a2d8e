package dev.twinpath.datapath.stat;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;

import java.nio.file.Path;

/**
 * The other process of {@link LiveCountersSecondJvmTest}: a small lab (one VM on its VF, the wire peer sending
 * 50,000 packets a second to it) publishing its live counters in the directory given as the first argument,
 * refreshed every 50 ms, for at most the milliseconds given as the second; prints {@code published <file>} once the
 * file is there. Runs on its main thread (the lab's agent on its own).
 */
public final class LiveCountersChild
{
    private LiveCountersChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path directory = Path.of(args[0]);
        final long deadline = System.currentTimeMillis() + Long.parseLong(args[1]);
        try (Lab lab = new Lab(new LabContext().vms(1).totalVfs(2).poolSlots(16_384).threading(ThreadingMode.ONE)))
        {
            final VirtualMachine vm = lab.vm(0);
            final PoolCache cache = lab.pool().newCache();
            vm.onReceive((descriptors, count, now) ->
            {
                for (int i = 0; i < count; i++)
                {
                    if (PacketDescriptor.isPacket(descriptors[i]))
                    {
                        cache.free(PacketDescriptor.handle(descriptors[i]));
                    }
                }
            });
            final TrafficProfile profile = new TrafficProfile().flows(16).ratePps(50_000).srcMac(lab.context().peerMac())
                .destinations(vm.mac()).conclude();
            try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, lab.pool()))
            {
                final boolean[] started = {false};
                lab.wireSource((now, sink) ->
                {
                    if (!started[0])
                    {
                        generator.start(now);
                        started[0] = true;
                    }
                    return generator.generate(now, sink);
                });
                lab.start();
                lab.offerVf(vm);
                try (LabCounters live = new LabCounters(lab).add(LiveCounterType.RUN_TRAFFIC, "run offered", generator::sent)
                    .publish(directory, "live counters child"))
                {
                    System.out.println("published " + live.path());
                    System.out.flush();
                    while (System.currentTimeMillis() < deadline)
                    {
                        live.refresh(System.currentTimeMillis());
                        Thread.sleep(50);
                    }
                }
            }
        }
    }
}
