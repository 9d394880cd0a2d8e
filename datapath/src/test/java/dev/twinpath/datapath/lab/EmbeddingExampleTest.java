package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.Path;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab example of docs/steering.md, as a program: it must keep compiling and keep its promise. */
class EmbeddingExampleTest
{
    @Test
    void theDocumentedLabRunsAndLosesNothing() throws Exception
    {
        try (Lab lab = new Lab(new LabContext().vms(2).totalVfs(8)))   // NIC, IOV External switch, 2 VMs
        {
            TrafficProfile profile = new TrafficProfile().flows(1024).ratePps(1_000_000)
                .srcMac(lab.context().peerMac()).destinations(lab.vm(0).mac(), lab.vm(1).mac()).conclude();
            ConstantRateGenerator wire = new ConstantRateGenerator(profile, lab.pool());
            lab.wireSource(wire::generate);
            StreamChecker checker = new StreamChecker(profile, "vf", "synthetic");
            PoolCache cache = lab.pool().newCache();
            lab.vm(0).onReceive((packets, n, now) ->
            {
                for (int i = 0; i < n; i++)
                {
                    checker.onPacket(packets[i], lab.pool(), PacketDescriptor.port(packets[i]), now);
                    cache.free(PacketDescriptor.handle(packets[i]));
                }
            });
            wire.start(lab.clock().nanoTime());
            lab.start();                        // ThreadingMode.TWO: host side and guest side threads
            lab.offerVf(lab.vm(0));             // data moves to the VF
            Thread.sleep(100);
            lab.revokeVf(lab.vm(0));            // and back, losing nothing
            Thread.sleep(100);
            lab.drain();                        // stop the sources, let everything arrive
            wire.discardPending();
            assertEquals(0, lab.leakedBuffers());

            final long[] sent = wire.sentPerFlow(new long[1024]);
            for (int f = 1; f < sent.length; f += 2)
            {
                sent[f] = 0; // odd flows went to vm2
            }
            assertEquals(0, checker.lostAtEnd(sent));
            assertEquals(0, checker.reordered() + checker.duplicates());
            assertTrue(checker.delivered(Path.VF.id()) > 0 && checker.delivered(Path.SYNTHETIC.id()) > 0);
        }
    }
}
