package dev.twinpath.datapath.hyperv;

import dev.twinpath.vmbus.DataPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One adapter's {@code Get-VMNetworkAdapter | Format-List} view: on a VF, on the synthetic path with a reason. */
class AdapterIovStatusTest
{
    @Test
    void anAdapterOnAVfListsItsFunctionAndCappedQueuePairs()
    {
        final AdapterIovSettings settings = new AdapterIovSettings().setIovWeight(80).setIovQueuePairsRequested(8);
        final AdapterIovStatus status = AdapterIovStatus.onVf("vm1", "eth0", "External", settings, "vf3", settings.grant(4));
        assertEquals(List.of(
            "VMName                 : vm1",
            "Name                   : eth0",
            "SwitchName             : External",
            "IovWeight              : 80",
            "IovQueuePairsRequested : 8",
            "IovQueuePairsAssigned  : 4",
            "VirtualFunction        : vf3",
            "DataPath               : VF",
            "IovUsageReason         : "), List.of(status.formatList().split("\n")));
        assertEquals("{\"VMName\":\"vm1\",\"Name\":\"eth0\",\"SwitchName\":\"External\",\"IovWeight\":80," +
            "\"IovQueuePairsRequested\":8,\"IovQueuePairsAssigned\":4,\"VirtualFunction\":\"vf3\",\"DataPath\":\"VF\"," +
            "\"IovUsageReason\":null}", status.toJson());
    }

    @Test
    void anAdapterOnTheSyntheticPathSaysWhy()
    {
        final AdapterIovStatus status = AdapterIovStatus.synthetic("vm2", "eth0", "External",
            new AdapterIovSettings().setIovWeight(0), IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO);
        assertEquals(List.of(
            "VMName                 : vm2",
            "Name                   : eth0",
            "SwitchName             : External",
            "IovWeight              : 0",
            "IovQueuePairsRequested : 1",
            "IovQueuePairsAssigned  : 0",
            "VirtualFunction        : ",
            "DataPath               : Synthetic",
            "IovUsageReason         : " + IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO.sentence()),
            List.of(status.formatList().split("\n")));
        assertEquals("{\"VMName\":\"vm2\",\"Name\":\"eth0\",\"SwitchName\":\"External\",\"IovWeight\":0," +
            "\"IovQueuePairsRequested\":1,\"IovQueuePairsAssigned\":0,\"VirtualFunction\":\"\",\"DataPath\":\"Synthetic\"," +
            "\"IovUsageReason\":{\"code\":\"ADAPTER_IOV_WEIGHT_ZERO\",\"sentence\":\"" +
            IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO.sentence() + "\"}}", status.toJson());
    }

    @Test
    void theArbitersViewBecomesTheStatus()
    {
        final VmSwitchIov sw = VmSwitchIov.create("External", HostPlatform.sriovReady("h", 1), true);
        final VfArbiter arbiter = VfArbiter.forSwitch(sw);
        final AdapterIovSettings a = new AdapterIovSettings().setIovQueuePairsRequested(6);
        final AdapterIovSettings b = new AdapterIovSettings();
        arbiter.register("vm1/eth0", a);
        arbiter.register("vm2/eth0", b);
        arbiter.request("vm1/eth0");
        arbiter.request("vm2/eth0");

        final AdapterIovStatus first = AdapterIovStatus.of("vm1", "vm1/eth0", sw, a, arbiter, "vf0");
        assertEquals(DataPath.VF, first.dataPath());
        assertEquals(4, first.iovQueuePairsAssigned());
        final AdapterIovStatus second = AdapterIovStatus.of("vm2", "vm2/eth0", sw, b, arbiter, "");
        assertEquals(DataPath.SYNTHETIC, second.dataPath());
        assertEquals(IovSupportReason.VF_POOL_EXHAUSTED, second.iovUsageReason());
    }

    @Test
    void contradictionsAreRefusedNamingTheField()
    {
        assertEquals("VirtualFunction must be named on the VF path", assertThrows(IllegalArgumentException.class,
            () -> new AdapterIovStatus("vm", "eth0", "sw", 100, 1, 1, "", DataPath.VF, null)).getMessage());
        assertEquals("IovQueuePairsAssigned must be 0 on the synthetic path: 1", assertThrows(IllegalArgumentException.class,
            () -> new AdapterIovStatus("vm", "eth0", "sw", 100, 1, 1, "", DataPath.SYNTHETIC, null)).getMessage());
        assertEquals("IovQueuePairsAssigned must be 1..2 on the VF path: 3", assertThrows(IllegalArgumentException.class,
            () -> new AdapterIovStatus("vm", "eth0", "sw", 100, 2, 3, "vf1", DataPath.VF, null)).getMessage());
        assertEquals("IovWeight", assertThrows(IovSettingException.class,
            () -> new AdapterIovStatus("vm", "eth0", "sw", 101, 1, 0, "", DataPath.SYNTHETIC, null)).setting());
    }
}
