package dev.twinpath.vswitch;

import org.junit.jupiter.api.Test;

import static dev.twinpath.vswitch.SwitchFixture.MAC_A;
import static dev.twinpath.vswitch.SwitchFixture.MAC_B;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchModelTest
{
    @Test
    void iovIsFixedWhenTheSwitchIsCreated()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.context.enableIov(true);
            final VirtualSwitch sw = f.start();
            assertTrue(sw.iovEnabled());
            final SwitchConfigurationException ex = assertThrows(SwitchConfigurationException.class, () -> sw.enableIov(false));
            assertTrue(ex.getMessage().contains("SR-IOV can only be configured when a virtual switch is created"), ex.getMessage());
            assertTrue(ex.getMessage().contains("'sw'"), ex.getMessage());
            assertDoesNotThrow(() -> sw.enableIov(true), "asking for what it has is no change");
        }
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            final VirtualSwitch sw = f.start();
            assertFalse(sw.iovEnabled());
            assertThrows(SwitchConfigurationException.class, () -> sw.enableIov(true), "cannot be switched on later either");
        }
    }

    @Test
    void onlyAnExternalSwitchCanUseIov()
    {
        for (final SwitchType type : new SwitchType[]{SwitchType.INTERNAL, SwitchType.PRIVATE})
        {
            try (SwitchFixture f = new SwitchFixture(type))
            {
                f.context.enableIov(true);
                final SwitchConfigurationException ex = assertThrows(SwitchConfigurationException.class, f::start);
                assertTrue(ex.getMessage().startsWith("enableIov: SR-IOV can only be enabled on an external virtual switch"), ex.getMessage());
            }
        }
    }

    @Test
    void externalNeedsItsUplinkAndTheOthersHaveNone()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.context.uplink(null);
            assertTrue(assertThrows(SwitchConfigurationException.class, f::start).getMessage().startsWith("uplink:"));
        }
        try (SwitchFixture f = new SwitchFixture(SwitchType.INTERNAL))
        {
            f.context.uplink(new TestLink("nic"));
            assertTrue(assertThrows(SwitchConfigurationException.class, f::start).getMessage().startsWith("uplink:"));
        }
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            assertNull(f.start().uplink());
        }
    }

    @Test
    void hostVnicsFollowTheSwitchType()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            final VirtualSwitch sw = f.start();
            final SwitchConfigurationException ex = assertThrows(SwitchConfigurationException.class,
                () -> sw.addHostVnic(new PortSettings().name("host").macAddress(MAC_A), new TestLink("h")));
            assertTrue(ex.getMessage().startsWith("hostVnic: a Private switch connects virtual machines only"), ex.getMessage());
        }
        try (SwitchFixture f = new SwitchFixture(SwitchType.INTERNAL))
        {
            final VirtualSwitch sw = f.start();
            assertEquals(PortKind.HOST_VNIC, sw.addHostVnic(new PortSettings().name("host").macAddress(MAC_A), new TestLink("h")).kind());
        }
        try (SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL))
        {
            f.context.allowManagementOs(false);
            final VirtualSwitch sw = f.start();
            assertTrue(assertThrows(SwitchConfigurationException.class,
                () -> sw.addHostVnic(new PortSettings().name("host").macAddress(MAC_A), new TestLink("h")))
                .getMessage().contains("AllowManagementOS"));
            assertEquals(PortKind.UPLINK, sw.uplink().kind());
            assertThrows(SwitchConfigurationException.class, () -> sw.removePort(sw.uplink()));
        }
    }

    @Test
    void internalSwitchConnectsVmsAndTheHost()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.INTERNAL))
        {
            f.start();
            final TestLink vm = new TestLink("vm");
            final TestLink host = new TestLink("host");
            f.vm("vm", MAC_A, vm);
            f.vswitch.addHostVnic(new PortSettings().name("vEthernet (internal)").macAddress(MAC_B), host);
            vm.inject(f.frame(MAC_A, MAC_B, -1, 1, 0));
            f.run();
            assertEquals(1, host.delivered.size());
            f.consume(vm, host);
        }
    }

    @Test
    void badSettingsNameTheField()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.context.ringBursts(100);
            assertTrue(assertThrows(SwitchConfigurationException.class, f::start).getMessage().startsWith("ringBursts:"));
            f.context.ringBursts(8).maxBurst(0);
            assertTrue(assertThrows(SwitchConfigurationException.class, f::start).getMessage().startsWith("maxBurst:"));
            f.context.maxBurst(32).maxPorts(300);
            assertTrue(assertThrows(SwitchConfigurationException.class, f::start).getMessage().startsWith("maxPorts:"));
            f.context.maxPorts(2);
            final VirtualSwitch sw = f.start();
            assertTrue(assertThrows(SwitchConfigurationException.class,
                () -> sw.addVmAdapter(new PortSettings().name("x").macAddress(0x0100_0000_0001L), new TestLink("x")))
                .getMessage().startsWith("macAddress:"));
            assertTrue(assertThrows(SwitchConfigurationException.class,
                () -> sw.addVmAdapter(new PortSettings().macAddress(MAC_A), new TestLink("x")))
                .getMessage().startsWith("name:"));
            assertTrue(assertThrows(SwitchConfigurationException.class,
                () -> sw.addVmAdapter(new PortSettings().name("x").macAddress(MAC_A).maximumBandwidth(-1), new TestLink("x")))
                .getMessage().startsWith("maximumBandwidth:"));
            f.vm("a", MAC_A, new TestLink("a"));
            assertTrue(assertThrows(SwitchConfigurationException.class, () -> f.vm("a", MAC_B, new TestLink("a2")))
                .getMessage().startsWith("name:"));
            f.vm("b", MAC_B, new TestLink("b"));
            assertTrue(assertThrows(SwitchConfigurationException.class, () -> f.vm("c", MAC_B, new TestLink("c")))
                .getMessage().startsWith("maxPorts:"));
            assertThrows(IllegalArgumentException.class, () -> PortVlan.access(4095));
            assertThrows(IllegalArgumentException.class, () -> PortVlan.trunk(0));
        }
    }

    @Test
    void removingAPortForgetsItsAddressesAndDropsWhatWasOnItsWay()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("a", MAC_A, a);
            final SwitchPort pb = f.vm("b", MAC_B, b);
            a.inject(f.frame(MAC_A, MAC_B, -1, 1, 0));
            b.inject(f.frame(MAC_B, MAC_A, -1, 1, 0));
            f.run();
            f.consume(a, b);
            assertEquals(2, f.vswitch.macTableSize());
            b.room = 0;
            a.inject(f.frame(MAC_A, MAC_B, -1, 1, 1));
            f.run();
            assertTrue(f.vswitch.isBlocked());
            b.inject(f.frame(MAC_B, MAC_A, -1, 2, 0)); // sent by B, never read by the switch
            b.inject(f.frame(MAC_B, MAC_A, -1, 2, 1));
            f.vswitch.removePort(pb);
            assertEquals(0, b.pendingInbound(), "what B had sent is taken back into the pool");
            assertEquals(3, f.vswitch.counters().dropped(DropCause.PORT_REMOVED), "the frame staged for B and the two B had sent");
            assertFalse(f.vswitch.isBlocked());
            assertEquals(1, f.vswitch.macTableSize(), "B's address is gone");
            assertTrue(pb.isRemoved());
            f.assertIdentity();
            f.consume(a, b);
            f.close();
            f.pool.assertNoLeak();
        }
    }
}
