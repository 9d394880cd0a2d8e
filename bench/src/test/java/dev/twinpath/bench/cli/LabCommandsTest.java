package dev.twinpath.bench.cli;

import dev.twinpath.datapath.hyperv.IovSupportReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PowerShell-like commands on lab files and on the built-in lab. */
class LabCommandsTest
{
    @TempDir
    Path dir;

    private static Path example(final String name)
    {
        Path p = Path.of("..", "examples", "labs", name);
        return Files.exists(p) ? p : Path.of("examples", "labs", name);
    }

    @Test
    void switchShowIovReproducesTheSeedHost()
    {
        final RssCommandTest.Run run = RssCommandTest.twinpath("switch", "show", "--iov", "--lab",
            example("seed-host.json").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        final List<String> lines = run.out().lines().toList();
        assertEquals("IovEnabled               : True", lines.get(1));
        assertEquals("IovSupport               : False", lines.get(2));
        assertEquals("IovSupportReasons        : {" + IovSupportReason.OS_PCIE_CONTROL_DENIED.sentence() + ", " +
            IovSupportReason.IO_REMAPPING_ERRATUM.sentence() + "}", lines.get(3));
    }

    @Test
    void switchShowOfTheDefaultLabHasOneSwitchPerHost()
    {
        final RssCommandTest.Run run = RssCommandTest.twinpath("switch", "show", "--iov");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("# host A\nIovEnabled               : True\nIovSupport               : True"), run.out());
        assertTrue(run.out().contains("# host B\nIovEnabled               : True\nIovSupport               : False\n" +
            "IovSupportReasons        : {" + IovSupportReason.NIC_NO_SRIOV.sentence()), run.out());
        assertTrue(run.out().contains("IovVirtualFunctionsInUse : 1"), "vm1 holds a VF on A: " + run.out());
    }

    @Test
    void adapterShowSaysVfOrSyntheticAndWhy()
    {
        final RssCommandTest.Run onA = RssCommandTest.twinpath("adapter", "show");
        assertEquals(0, onA.exitCode(), onA.out() + onA.err());
        assertTrue(onA.out().contains("DataPath               : VF"), onA.out());
        final RssCommandTest.Run seed = RssCommandTest.twinpath("adapter", "show", "--lab", example("seed-host.json").toString());
        assertTrue(seed.out().contains("DataPath               : Synthetic"), seed.out());
        assertTrue(seed.out().contains(IovSupportReason.HOST_NOT_SUPPORTED.sentence()), seed.out());
    }

    @Test
    void iovWeightZeroKeepsTheAdapterSyntheticAndOutOfRangeIsRefusedByName()
    {
        final RssCommandTest.Run zero = RssCommandTest.twinpath("adapter", "set", "--vm", "vm1", "--iov-weight", "0");
        assertEquals(0, zero.exitCode(), zero.out() + zero.err());
        assertTrue(zero.out().contains("DataPath               : Synthetic"), zero.out());
        assertTrue(zero.out().contains(IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO.sentence()), zero.out());

        final RssCommandTest.Run high = RssCommandTest.twinpath("adapter", "set", "--iov-weight", "101");
        assertEquals(2, high.exitCode(), high.out() + high.err());
        assertTrue(high.err().contains("--iov-weight") && high.err().contains("IovWeight") && high.err().contains("0..100"),
            high.err());
        final RssCommandTest.Run pairs = RssCommandTest.twinpath("adapter", "set", "--queue-pairs", "64");
        assertEquals(2, pairs.exitCode(), pairs.out() + pairs.err());
        assertTrue(pairs.err().contains("IovQueuePairsRequested"), pairs.err());
    }

    @Test
    void aLabFileWithErrorsIsRejectedBeforeAnythingStarts() throws Exception
    {
        final Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "duration: 2s\nhosts:\n  - name: A\n    platform: { nic: { vfs: eight } }\nvms:\n" +
            "  - { name: vm1, host: D }\n");
        final RssCommandTest.Run run = RssCommandTest.twinpath("run", "--lab", bad.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("bad.yaml:4:") && run.err().contains("hosts[0].platform.nic.vfs"), run.err());
        assertTrue(run.err().contains("vms[0].host"), run.err());
        assertFalse(run.out().contains("offered"), "nothing ran: " + run.out());
    }

    @Test
    void vmMigrateMovesTheVmWithItsTrafficAndLosesNothing()
    {
        final RssCommandTest.Run run = RssCommandTest.twinpath("vm", "migrate", "--vm", "vm1", "--to", "C", "--at", "1s",
            "--duration", "1500ms");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("schedule           1.000 s migrate vm1 -> C: vm1 A -> C: blackout"), run.out());
        assertTrue(run.out().contains("VF offered at C"), run.out());
        assertTrue(run.out().contains("PASS"), run.out());
    }

    @Test
    void eventsFiltersBySourceAndLevel()
    {
        final RssCommandTest.Run run = RssCommandTest.twinpath("events", "--duration", "2500ms", "--source", "migration");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        final List<String> lines = run.out().lines().filter(l -> l.startsWith("[")).toList();
        assertFalse(lines.isEmpty(), run.out());
        assertTrue(lines.stream().allMatch(l -> l.contains(" migration ")), run.out());
        assertTrue(run.out().contains("started: A -> B"), run.out());
        final RssCommandTest.Run warnings = RssCommandTest.twinpath("events", "--duration", "2500ms", "--level", "warning");
        assertTrue(warnings.out().lines().filter(l -> l.startsWith("[")).allMatch(l -> l.contains("WARNING") || l.contains("ERROR")),
            warnings.out());
    }
}
