package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.hyperv.HostPlatform;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault injection API on a lab that is not started (the test's thread drives it): refusals and end states. */
class LabFaultsTest
{
    private static Lab twoHosts()
    {
        return new Lab(new LabContext().vms(1)
            .addHost(new HostConfig("A").platform(HostPlatform.sriovReady("A", 2)))
            .addHost(new HostConfig("B").platform(HostPlatform.sriovReady("B", 2))));
    }

    @Test
    void aHostWithARunningVmCannotGoDown()
    {
        try (Lab lab = twoHosts())
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> lab.faults().hostDown(lab.host("A")));
            assertEquals("host-down: vm1 runs on A; only a host without running VMs can be taken down", ex.getMessage());
            assertFalse(lab.host("A").isDown());
        }
    }

    @Test
    void aDownHostIsRefusedAsADestinationUntilItComesBack()
    {
        try (Lab lab = twoHosts())
        {
            lab.faults().hostDown(lab.host("B"));
            assertTrue(lab.host("B").isDown());
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> lab.migrate(lab.vm(0), lab.host("B")));
            assertEquals("vm migrate: host B is down", ex.getMessage());
            assertEquals(lab.host("A"), lab.vm(0).location());
            lab.faults().hostUp(lab.host("B"));
            assertFalse(lab.host("B").isDown());
            assertEquals(2, lab.events().events().stream().filter(e -> e.id() == EventId.HOST_STATE).count());
            assertEquals(1, lab.faults().injected());
        }
    }

    @Test
    void anExhaustedPoolIsGivenBackAfterItsTime()
    {
        try (Lab lab = twoHosts())
        {
            final int free = lab.pool().available();
            final int taken = lab.faults().exhaustPool(TimeUnit.MILLISECONDS.toNanos(20));
            assertTrue(taken > 0 && taken <= free, taken + " of " + free);
            assertTrue(lab.pool().available() < free - taken / 2, "the buffers are held");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lab.pool().available() < free && System.nanoTime() < deadline)
            {
                lab.doWork(); // the host's duty gives them back once due
            }
            assertEquals(free, lab.pool().available());
            assertEquals(2, lab.events().events().stream().filter(e -> e.id() == EventId.FAULT_INJECTED).count(),
                "taken, then given back");
        }
    }

    @Test
    void faultArgumentsAreChecked()
    {
        try (Lab lab = twoHosts())
        {
            assertThrows(IllegalArgumentException.class, () -> lab.faults().stallGuest(lab.vm(0), 0));
            assertThrows(IllegalArgumentException.class, () -> lab.faults().exhaustPool(TimeUnit.HOURS.toNanos(2)));
            assertThrows(IllegalArgumentException.class, () -> lab.faults().surpriseRemoveMidBurst(lab.vm(0).adapter("eth0"), 0));
        }
    }
}
