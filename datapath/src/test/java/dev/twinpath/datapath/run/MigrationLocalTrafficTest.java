package dev.twinpath.datapath.run;

import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.lab.MigrationReport;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VM of the source host (on the synthetic path) keeps sending to a VM while that VM live-migrates away:
 * after the old port closes, the source switch sends the VM's frames through the rack, so none is lost or
 * duplicated.
 */
class MigrationLocalTrafficTest
{
    @Test
    void aNeighbourOfTheOldHostLosesNothingToTheMigratedVm()
    {
        run(false);
    }

    /**
     * The neighbour on a VF: its frames hairpinned to the VM just before the old port closed leave through
     * the old host's uplink; every frame arrives, some later than newer ones (at worst beyond the checker's
     * window, where a late arrival is counted as a missing sequence plus a too-old one, one for one).
     */
    @Test
    void aNeighbourOnAVfOfTheOldHostLosesNothingEither()
    {
        run(true);
    }

    private static void run(final boolean neighbourOnVf)
    {
        try (Lab lab = new Lab(new LabContext().vms(2).threading(ThreadingMode.TWO)
            .addHost(new HostConfig("A").platform(HostPlatform.sriovReady("A", 2)))
            .addHost(new HostConfig("C").platform(HostPlatform.sriovReady("C", 2)))
            .placeVm(0, "A").placeVm(1, "A")))
        {
            final TrafficProfile profile = new TrafficProfile().flows(8).frameLength(60).ratePps(20_000)
                .srcMac(lab.vm(1).mac()).destinations(lab.vm(0).mac()).srcIp(0x0A02_0002).dstIp(0x0A02_0001).conclude();
            final StreamChecker checker = new StreamChecker(profile, "vf", "synthetic");
            final GuestReceiver receiver = new GuestReceiver(checker, lab.pool(), 16, TimeUnit.MILLISECONDS.toNanos(100));
            lab.vm(0).onReceive(receiver);
            try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, lab.pool()))
            {
                final WireTraffic traffic = new WireTraffic(generator);
                lab.vm(1).transmit(traffic);
                lab.start();
                lab.offerVf(lab.vm(0));
                if (neighbourOnVf)
                {
                    lab.offerVf(lab.vm(1));
                }
                traffic.requestStart();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                final MigrationReport report = lab.migrate(lab.vm(0), lab.host("C"));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                traffic.requestStop();
                while (!traffic.stopped())
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                assertTrue(lab.drain(), "the lab went quiet");
                generator.discardPending();
                receiver.flush();
                final long sent = generator.sent();
                assertTrue(sent > 5_000, "traffic ran: " + sent);
                final long lost = checker.lostAtEnd(generator.sentPerFlow(new long[profile.flows()]));
                final long late = neighbourOnVf ? checker.tooOld() : 0;
                assertEquals(late, lost, report.format());
                assertEquals(late, checker.duplicates());
                assertEquals(sent, checker.delivered() + late);
                assertEquals(0, report.lostAfterClose(), report.format());
                assertEquals(0, lab.leakedBuffers());
            }
        }
    }
}
