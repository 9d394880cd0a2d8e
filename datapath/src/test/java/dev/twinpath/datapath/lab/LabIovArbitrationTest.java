package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventQuery;
import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.hyperv.IovSettingException;
import dev.twinpath.datapath.hyperv.IovSupportReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed facts on a lab: the finite VF pool, IovWeight 0, and refusals that name the setting. */
class LabIovArbitrationTest
{
    private static void settle(final Lab lab)
    {
        for (int i = 0; i < 20_000; i++)
        {
            lab.doWork();
        }
    }

    @Test
    void whenThePoolRunsOutTheAdapterRunsSyntheticAndSaysWhy()
    {
        try (Lab lab = new Lab(new LabContext().vms(2).addHost(new HostConfig("A").platform(HostPlatform.sriovReady("A", 1)))))
        {
            assertTrue(lab.offerVf(lab.vm(0)));
            assertFalse(lab.offerVf(lab.vm(1)));
            settle(lab);
            assertEquals(NetVscState.VF_ACTIVE, lab.vm(0).adapter().state());
            assertEquals(NetVscState.SYNTHETIC, lab.vm(1).adapter().state());
            assertEquals(IovSupportReason.VF_POOL_EXHAUSTED, lab.adapterStatus(lab.vm(1)).iovUsageReason());
            assertTrue(lab.events().query(new EventQuery().id(EventId.VF_NOT_OFFERED).subject("vm2/eth0")).get(0).reason()
                .contains("VF_POOL_EXHAUSTED"));

            lab.setIovWeight(lab.vm(0), 0); // vm1 gives its VF up: the waiting vm2 gets it
            settle(lab);
            lab.offerVf(lab.vm(1));
            settle(lab);
            assertEquals(NetVscState.SYNTHETIC, lab.vm(0).adapter().state());
            assertEquals(IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO, lab.adapterStatus(lab.vm(0)).iovUsageReason());
            assertEquals(NetVscState.VF_ACTIVE, lab.vm(1).adapter().state());
            assertFalse(lab.offerVf(lab.vm(0)), "IovWeight 0 keeps the adapter synthetic");
        }
    }

    @Test
    void aVfFreedByAMigrationGoesToTheWaitingAdapter()
    {
        try (Lab lab = new Lab(new LabContext().vms(2)
            .addHost(new HostConfig("A").platform(HostPlatform.sriovReady("A", 1)))
            .addHost(new HostConfig("B").platform(HostPlatform.sriovReady("B", 1)))))
        {
            assertTrue(lab.offerVf(lab.vm(0)));
            assertFalse(lab.offerVf(lab.vm(1)), "the pool of A is empty: vm2 waits");
            settle(lab);
            final MigrationReport report = lab.migrate(lab.vm(0), lab.host("B"));
            assertTrue(report.vfOfferedAtDestination(), report.format());
            settle(lab);
            assertEquals(NetVscState.VF_ACTIVE, lab.vm(0).adapter().state(), "vm1 on B's VF");
            assertEquals(NetVscState.VF_ACTIVE, lab.vm(1).adapter().state(), "the VF vm1 left on A went to vm2");
            assertEquals(0, report.lostAfterClose());
        }
    }

    @Test
    void refusalsNameTheSetting()
    {
        try (Lab lab = new Lab(new LabContext().vms(1).addHost(new HostConfig("A").platform(HostPlatform.sriovReady("A", 8)))))
        {
            final IovSettingException weight = assertThrows(IovSettingException.class, () -> lab.setIovWeight(lab.vm(0), 101));
            assertEquals("IovWeight", weight.setting());
            assertTrue(weight.getMessage().contains("0..100"), weight.getMessage());
            final IovSettingException pairs = assertThrows(IovSettingException.class,
                () -> lab.setQueuePairsRequested(lab.vm(0), 0));
            assertEquals("IovQueuePairsRequested", pairs.setting());
            assertTrue(lab.events().count(EventId.SETTING_REFUSED) >= 2);
            final var grant = lab.setQueuePairsRequested(lab.vm(0), 16);
            assertEquals(16, grant.requested());
            assertEquals(4, grant.granted(), "capped by the NIC's queue pairs per VF");
        }
    }

    @Test
    void iovCannotBeEnabledOnASwitchAfterItWasCreated()
    {
        try (Lab lab = new Lab(new LabContext().vms(1).addHost(new HostConfig("A").enableIov(false))))
        {
            assertThrows(RuntimeException.class, () -> lab.virtualSwitch().enableIov(true));
            assertThrows(IovSettingException.class, () -> lab.hosts().get(0).switchIov().setEnableIov(true));
            final IovSettingException refused = assertThrows(IovSettingException.class,
                () -> lab.hosts().get(0).nic(0).enableIov(true));
            assertEquals("EnableIov", refused.setting());
            assertEquals(1, lab.events().count(EventId.SETTING_REFUSED));
            assertFalse(lab.offerVf(lab.vm(0)));
            assertEquals(IovSupportReason.SWITCH_NOT_IOV_ENABLED, lab.adapterStatus(lab.vm(0)).iovUsageReason());
        }
    }
}
