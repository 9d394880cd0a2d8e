package dev.twinpath.datapath.hyperv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Get-VMSwitch | Format-List iov*} of the model: the seed host, a switch without IOV, counts in use. */
class IovSwitchTest
{
    private static final String PCIE = "To use SR-IOV on this system, the system BIOS must be updated to allow Windows "
        + "to control PCI Express. Contact your system manufacturer for an update.";
    private static final String ERRATUM = "This system has a security vulnerability in the system I/O remapping "
        + "hardware. As a precaution, the ability to use SR-IOV has been disabled. You should contact your system "
        + "manufacturer for an updated BIOS which enables Root Port Alternate Error Delivery mechanism.";

    private static void assertLines(final List<String> expected, final String actual)
    {
        final List<String> lines = List.of(actual.split("\n", -1));
        assertEquals("", lines.get(lines.size() - 1), "formatList ends with a newline");
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), lines.get(i), "line " + (i + 1));
        }
        assertEquals(expected.size() + 1, lines.size(), "line count");
    }

    @Test
    void theSeedHostShowsIovEnabledTrueIovSupportFalseAndTheTwoReasons()
    {
        final VmSwitchIov sw = VmSwitchIov.create("External", HostPlatform.seedBiosLimited("seed", 8), true);
        assertTrue(sw.iovEnabled());
        assertFalse(sw.iovSupport());
        assertEquals(List.of(IovSupportReason.OS_PCIE_CONTROL_DENIED, IovSupportReason.IO_REMAPPING_ERRATUM),
            sw.iovSupportReasons());

        assertLines(List.of(
            "IovEnabled               : True",
            "IovSupport               : False",
            "IovSupportReasons        : {" + PCIE + ", " + ERRATUM + "}",
            "IovVirtualFunctionCount  : 0",
            "IovVirtualFunctionsInUse : 0",
            "IovQueuePairCount        : 0",
            "IovQueuePairsInUse       : 0"), sw.formatList());
    }

    @Test
    void iovCannotBeEnabledAfterCreation()
    {
        final VmSwitchIov sw = VmSwitchIov.create("External", HostPlatform.sriovReady("h", 8), false);
        final IovSettingException ex = assertThrows(IovSettingException.class, () -> sw.setEnableIov(true));
        assertEquals("EnableIov", ex.setting());
        assertTrue(ex.getMessage().startsWith("EnableIov can only be chosen when the virtual switch is created"), ex.getMessage());
        assertTrue(ex.getMessage().contains("New-VMSwitch -EnableIov"), ex.getMessage());
        assertFalse(sw.iovEnabled());

        final VmSwitchIov on = VmSwitchIov.create("Iov", HostPlatform.sriovReady("h", 8), true);
        assertEquals("EnableIov", assertThrows(IovSettingException.class, () -> on.setEnableIov(true)).setting());
        assertEquals("EnableIov", assertThrows(IovSettingException.class, () -> on.setEnableIov(false)).setting());
        assertTrue(on.iovEnabled());
    }

    @Test
    void aSwitchWithoutIovOnACapableHostSaysSo()
    {
        final VmSwitchIov sw = VmSwitchIov.create("Plain", HostPlatform.sriovReady("h", 8), false);
        assertLines(List.of(
            "IovEnabled               : False",
            "IovSupport               : False",
            "IovSupportReasons        : {" + IovSupportReason.SWITCH_NOT_IOV_ENABLED.sentence() + "}",
            "IovVirtualFunctionCount  : 0",
            "IovVirtualFunctionsInUse : 0",
            "IovQueuePairCount        : 0",
            "IovQueuePairsInUse       : 0"), sw.formatList());
    }

    @Test
    void aSupportedSwitchCountsVirtualFunctionsAndQueuePairsInUse()
    {
        final VmSwitchIov sw = VmSwitchIov.create("Iov", HostPlatform.sriovReady("h", 2), true);
        sw.onVfAssigned(4);
        sw.onVfAssigned(1);
        assertThrows(IllegalStateException.class, () -> sw.onVfAssigned(1));
        assertLines(List.of(
            "IovEnabled               : True",
            "IovSupport               : True",
            "IovSupportReasons        : {}",
            "IovVirtualFunctionCount  : 2",
            "IovVirtualFunctionsInUse : 2",
            "IovQueuePairCount        : 8",
            "IovQueuePairsInUse       : 5"), sw.formatList());
        sw.onVfReleased(4);
        assertEquals(1, sw.virtualFunctionsInUse());
        assertEquals(1, sw.queuePairsInUse());
        assertThrows(IllegalStateException.class, () -> sw.onVfReleased(2));
        assertThrows(IllegalArgumentException.class, () -> sw.onVfAssigned(5));
    }

    @Test
    void anUnsupportedSwitchAssignsNothing()
    {
        final VmSwitchIov sw = VmSwitchIov.create("External", HostPlatform.seedBiosLimited("seed", 8), true);
        assertThrows(IllegalStateException.class, () -> sw.onVfAssigned(1));
        assertThrows(IllegalStateException.class, () -> sw.onVfReleased(1));
    }

    @Test
    void reasonsBeyondTheEnumerationLimitAreCutAsPowerShellDoes()
    {
        final HostPlatform bare = HostPlatform.withoutSriovNic("bare").toBuilder()
            .biosSriov(false).osControlsPcie(false).ioRemapping(false).acs(false).build();
        final VmSwitchIov sw = VmSwitchIov.create("External", bare, true);
        final String reasonsLine = sw.formatList().split("\n")[2];
        assertTrue(reasonsLine.endsWith(IovSupportReason.NO_IO_REMAPPING.sentence() + "...}"), reasonsLine);
        final String all = sw.formatList(-1).split("\n")[2];
        assertTrue(all.endsWith(", " + IovSupportReason.NO_ACS.sentence() + "}"), all);
    }

    @Test
    void toJsonCarriesCodesAndSentences()
    {
        final VmSwitchIov sw = VmSwitchIov.create("External", HostPlatform.seedBiosLimited("seed", 8), true);
        assertEquals("{\"Name\":\"External\",\"Host\":\"seed\",\"IovEnabled\":true,\"IovSupport\":false," +
            "\"IovSupportReasons\":[{\"code\":\"OS_PCIE_CONTROL_DENIED\",\"sentence\":\"" + PCIE + "\"}," +
            "{\"code\":\"IO_REMAPPING_ERRATUM\",\"sentence\":\"" + ERRATUM + "\"}]," +
            "\"IovVirtualFunctionCount\":0,\"IovVirtualFunctionsInUse\":0,\"IovQueuePairCount\":0,\"IovQueuePairsInUse\":0}",
            sw.toJson());
    }

    @Test
    void aSwitchNeedsAName()
    {
        assertEquals("Name", assertThrows(IovSettingException.class,
            () -> VmSwitchIov.create("", HostPlatform.sriovReady("h", 1), true)).setting());
    }
}
