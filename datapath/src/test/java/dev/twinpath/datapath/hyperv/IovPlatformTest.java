package dev.twinpath.datapath.hyperv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinpath.datapath.hyperv.IovSupportReason.BIOS_SRIOV_DISABLED;
import static dev.twinpath.datapath.hyperv.IovSupportReason.IO_REMAPPING_ERRATUM;
import static dev.twinpath.datapath.hyperv.IovSupportReason.NIC_NO_SRIOV;
import static dev.twinpath.datapath.hyperv.IovSupportReason.NIC_NO_VFS;
import static dev.twinpath.datapath.hyperv.IovSupportReason.NO_ACS;
import static dev.twinpath.datapath.hyperv.IovSupportReason.NO_IO_REMAPPING;
import static dev.twinpath.datapath.hyperv.IovSupportReason.OS_PCIE_CONTROL_DENIED;
import static dev.twinpath.datapath.hyperv.IovSupportReason.SWITCH_NOT_IOV_ENABLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host's platform and the IovSupport evaluated from it: presets, order of reasons, refused values. */
class IovPlatformTest
{
    @Test
    void theSeedPlatformGivesExactlyTheTwoSeedReasons()
    {
        final HostPlatform seed = HostPlatform.seedBiosLimited("seed", 8);
        assertTrue(seed.nicSriov());
        assertFalse(seed.osControlsPcie());
        assertTrue(seed.ioRemappingErratum());

        final IovSupport support = IovSupport.ofPlatform(seed);
        assertFalse(support.supported());
        assertEquals(List.of(OS_PCIE_CONTROL_DENIED, IO_REMAPPING_ERRATUM), support.reasons());
    }

    @Test
    void theSeedSentencesAreHyperVsWordForWord()
    {
        assertEquals("To use SR-IOV on this system, the system BIOS must be updated to allow Windows to control PCI "
            + "Express. Contact your system manufacturer for an update.", OS_PCIE_CONTROL_DENIED.sentence());
        assertEquals("This system has a security vulnerability in the system I/O remapping hardware. As a precaution, "
            + "the ability to use SR-IOV has been disabled. You should contact your system manufacturer for an updated "
            + "BIOS which enables Root Port Alternate Error Delivery mechanism.", IO_REMAPPING_ERRATUM.sentence());
        for (final IovSupportReason reason : IovSupportReason.values())
        {
            assertEquals(reason.name(), reason.code());
            assertTrue(reason.sentence().endsWith("."), reason.code());
        }
    }

    @Test
    void aReadyPlatformIsSupportedAndANicWithoutSriovIsNot()
    {
        assertEquals(IovSupport.SUPPORTED, IovSupport.ofPlatform(HostPlatform.sriovReady("h", 8)));
        assertEquals(List.of(NIC_NO_SRIOV), IovSupport.ofPlatform(HostPlatform.withoutSriovNic("h")).reasons());
        assertEquals(List.of(NIC_NO_VFS), IovSupport.ofPlatform(HostPlatform.sriovReady("h", 0)).reasons());
    }

    @Test
    void everyMissingPieceAddsItsReasonInTheFixedOrder()
    {
        final HostPlatform bare = HostPlatform.withoutSriovNic("bare").toBuilder()
            .biosSriov(false).osControlsPcie(false).ioRemapping(false).acs(false).build();
        assertEquals(List.of(NIC_NO_SRIOV, BIOS_SRIOV_DISABLED, OS_PCIE_CONTROL_DENIED, NO_IO_REMAPPING, NO_ACS),
            IovSupport.ofPlatform(bare).reasons());

        final HostPlatform erratumNoAcs = HostPlatform.sriovReady("h", 4).toBuilder().ioRemappingErratum(true).acs(false).build();
        assertEquals(List.of(IO_REMAPPING_ERRATUM, NO_ACS), IovSupport.ofPlatform(erratumNoAcs).reasons());
    }

    @Test
    void aSwitchWithoutIovAddsItsReasonAfterThePlatformOnes()
    {
        assertEquals(List.of(SWITCH_NOT_IOV_ENABLED), IovSupport.ofSwitch(HostPlatform.sriovReady("h", 8), false).reasons());
        assertEquals(List.of(OS_PCIE_CONTROL_DENIED, IO_REMAPPING_ERRATUM, SWITCH_NOT_IOV_ENABLED),
            IovSupport.ofSwitch(HostPlatform.seedBiosLimited("h", 8), false).reasons());
        assertEquals(IovSupport.SUPPORTED, IovSupport.ofSwitch(HostPlatform.sriovReady("h", 8), true));
    }

    @Test
    void anAdapterSeesHostNotSupportedForAPlatformReasonElseTheSwitchReason()
    {
        assertEquals(IovSupportReason.HOST_NOT_SUPPORTED, IovSupport.ofSwitch(HostPlatform.seedBiosLimited("h", 8), false).adapterReason());
        assertEquals(SWITCH_NOT_IOV_ENABLED, IovSupport.ofSwitch(HostPlatform.sriovReady("h", 8), false).adapterReason());
        assertEquals(null, IovSupport.SUPPORTED.adapterReason());
    }

    @Test
    void badValuesAreRefusedNamingTheField()
    {
        final HostPlatform ready = HostPlatform.sriovReady("h", 8);
        IovSettingException ex = assertThrows(IovSettingException.class, () -> ready.toBuilder().nicTotalVfs(300).build());
        assertEquals("nicTotalVfs", ex.setting());
        assertEquals("nicTotalVfs must be 0..256: 300", ex.getMessage());

        ex = assertThrows(IovSettingException.class, () -> ready.toBuilder().nicTotalVfs(-1).build());
        assertEquals("nicTotalVfs must be 0..256: -1", ex.getMessage());

        ex = assertThrows(IovSettingException.class, () -> ready.toBuilder().nicMaxQueuePairsPerVf(17).build());
        assertEquals("nicMaxQueuePairsPerVf", ex.setting());
        assertEquals("nicMaxQueuePairsPerVf must be 1..16: 17", ex.getMessage());

        ex = assertThrows(IovSettingException.class, () -> ready.toBuilder().nicMaxQueuePairsPerVf(0).build());
        assertEquals("nicMaxQueuePairsPerVf must be 1..16: 0", ex.getMessage());

        ex = assertThrows(IovSettingException.class, () -> ready.toBuilder().nicSriov(false).build());
        assertEquals("nicTotalVfs", ex.setting());
        assertTrue(ex.getMessage().startsWith("nicTotalVfs must be 0 when nicSriov is false"), ex.getMessage());

        ex = assertThrows(IovSettingException.class, () -> ready.toBuilder().ioRemapping(false).ioRemappingErratum(true).build());
        assertEquals("ioRemappingErratum", ex.setting());

        ex = assertThrows(IovSettingException.class, () -> HostPlatform.sriovReady(" ", 8));
        assertEquals("name", ex.setting());
    }

    @Test
    void aNicLosesSriovAndItsVfsInOneBuild()
    {
        final HostPlatform p = HostPlatform.sriovReady("h", 8).toBuilder().nicSriov(false).nicTotalVfs(0).build();
        assertEquals(HostPlatform.withoutSriovNic("h"), p);
        assertEquals(32, HostPlatform.sriovReady("h", 8).nicQueuePairs());
    }

    @Test
    void supportAndReasonsMustAgree()
    {
        assertThrows(IllegalArgumentException.class, () -> new IovSupport(true, List.of(NO_ACS)));
        assertThrows(IllegalArgumentException.class, () -> new IovSupport(false, List.of()));
    }
}
