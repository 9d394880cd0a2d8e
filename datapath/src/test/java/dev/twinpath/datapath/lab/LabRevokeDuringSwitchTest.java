package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.AdapterCounter;
import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.datapath.host.HostVfState;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PoolCache;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A revoke that comes while the previous switch is still under way, on the threaded lab under
 * wire traffic: planned moves, so nothing may be lost, reordered or held until a timeout.
 */
class LabRevokeDuringSwitchTest
{
    @Test
    void revokeRightAfterTheSwitchToTheVfLosesNothing() throws Exception
    {
        try (Lab lab = new Lab(new LabContext().vms(1).totalVfs(2).dataRoom(192)))
        {
            final VirtualMachine vm = lab.vm(0);
            final TrafficProfile profile = new TrafficProfile().flows(64).ratePps(3_000_000)
                .srcMac(lab.context().peerMac()).destinations(vm.mac());
            final StreamChecker checker = new StreamChecker(profile, "vf", "synthetic");
            final PoolCache cache = lab.pool().newCache();
            vm.onReceive((d, n, now) ->
            {
                for (int i = 0; i < n; i++)
                {
                    checker.onPacket(d[i], lab.pool(), PacketDescriptor.port(d[i]), now);
                    cache.free(PacketDescriptor.handle(d[i]));
                }
            });
            final ConstantRateGenerator generator = new ConstantRateGenerator(profile, lab.pool());
            final boolean[] started = new boolean[1];
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
            for (int cycle = 0; cycle < 50; cycle++)
            {
                await(() -> vm.adapter().state() == NetVscState.SYNTHETIC && vm.host().state() == HostVfState.NO_VF);
                assertTrue(lab.offerVf(vm));
                await(() -> vm.adapter().state() == NetVscState.VF_ACTIVE);
                assertTrue(lab.revokeVf(vm)); // the RX half of the move to the VF may still wait for its marker
            }
            await(() -> vm.adapter().state() == NetVscState.SYNTHETIC && vm.host().state() == HostVfState.NO_VF);
            generator.stop();
            lab.drain();
            generator.discardPending();
            final long[] sent = generator.sentPerFlow(new long[profile.flows()]);

            assertNull(lab.firstError());
            assertEquals(0, checker.reordered(), vm.adapter().counters().toString());
            assertEquals(0, checker.lostAtEnd(sent), vm.adapter().counters().toString());
            assertEquals(0, vm.adapter().counters().get(AdapterCounter.RX_RELEASED_ON_TIMEOUT));
            assertEquals(0, vm.adapter().counters().get(AdapterCounter.CONTROL_TIMEOUTS), warnings(lab));
            cache.close();
            generator.close();
            assertEquals(0, lab.leakedBuffers());
        }
    }

    @Test
    void revokingADeferredOfferGivesTheVfBackAtOnce() throws Exception
    {
        try (Lab lab = new Lab(new LabContext().vms(1).totalVfs(2)
            .adapterTemplate(new dev.twinpath.datapath.NetVscContext().minDwell(300, TimeUnit.MILLISECONDS))))
        {
            final VirtualMachine vm = lab.vm(0);
            lab.start();
            assertTrue(lab.offerVf(vm));
            await(() -> vm.adapter().state() == NetVscState.VF_ACTIVE);
            Thread.sleep(50); // the switch to the VF is over
            assertTrue(lab.revokeVf(vm));
            await(() -> vm.adapter().state() == NetVscState.SYNTHETIC && vm.host().state() == HostVfState.NO_VF);
            assertTrue(lab.offerVf(vm)); // within the 300 ms minimum dwell: the guest defers it
            await(() -> lab.events().count(dev.twinpath.datapath.event.EventId.FLAP_DAMPED) == 1);
            assertTrue(lab.revokeVf(vm));
            final long start = System.nanoTime();
            await(() -> vm.host().state() == HostVfState.NO_VF);
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 100, "the VF came back after " + millis + " ms: " + warnings(lab));
            assertEquals(0, lab.events().count(EventLevel.ERROR), warnings(lab));
        }
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.onSpinWait();
        }
    }

    private static String warnings(final Lab lab)
    {
        final StringBuilder sb = new StringBuilder();
        for (final SteeringEvent e : lab.events().events())
        {
            if (e.level() != EventLevel.INFORMATION)
            {
                sb.append(e.format(0)).append('\n');
            }
        }
        return sb.toString();
    }
}
