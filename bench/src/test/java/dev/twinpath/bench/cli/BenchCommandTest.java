package dev.twinpath.bench.cli;

import dev.twinpath.bench.harness.BenchRunner;
import dev.twinpath.bench.harness.BenchSuite;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suites {@code twinpath bench SUITE} accepts, {@code all} among them (nothing here runs a benchmark). */
class BenchCommandTest
{
    @Test
    void allIsEverySuiteInNameOrderTheScenarioSuiteIncluded()
    {
        final List<BenchSuite> all = BenchCommand.suites("all");
        assertEquals(List.copyOf(BenchSuite.all().values()), all);
        assertEquals(List.of("codec", "failover", "pool", "ring", "rss", "vf-path", "vmbus", "vswitch", "wire",
            "wire-proc"),
            all.stream().map(BenchSuite::name).toList());
        assertTrue(all.stream().anyMatch(BenchSuite::isScenario) && all.stream().anyMatch(s -> !s.isScenario()));
        assertEquals(List.of(BenchSuite.find("ring")), BenchCommand.suites("ring"));
        final CliSupport.UsageException unknown = assertThrows(CliSupport.UsageException.class,
            () -> BenchCommand.suites("everything"));
        assertTrue(unknown.getMessage().startsWith("unknown suite 'everything'; suites: all, codec, failover"), unknown.getMessage());
    }

    @Test
    void theListNamesAllFirst()
    {
        final PrintStream saved = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int exit;
        try
        {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = TwinpathCommand.commandLine().execute("bench", "--list");
        }
        finally
        {
            System.setOut(saved);
        }
        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, exit);
        assertEquals("all       every suite below in turn, then one summary table", lines.get(0));
        assertEquals(BenchSuite.all().size() + 1, lines.size(), lines.toString());
    }

    @Test
    void thePlanOfAllNamesTheScenarioPlanAndTheJmhPlan()
    {
        final String plan = BenchAll.plan(BenchCommand.suites("all"), true);
        assertTrue(plan.startsWith("quick; failover: 2 VMs, two threads: max rate for 1000 ms, then 200 switches"), plan);
        assertTrue(plan.endsWith("; JMH suites: " + BenchRunner.Plan.QUICK.describe()), plan);
    }
}
