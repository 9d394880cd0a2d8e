package dev.twinpath.bench.harness;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.RunnerException;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchSuiteTest
{
    /** Every entry of every suite names a JMH benchmark that exists, and every baseline is in its suite. */
    @Test
    void everyEntryResolvesToExactlyOneCompiledBenchmark() throws Exception
    {
        final Set<String> compiled = new HashSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList"))
        {
            assertNotNull(in, "JMH annotation processing must have produced META-INF/BenchmarkList");
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null)
            {
                // "JMH S <n> <class> S <n> <generated> S <n> <method> ..."
                final String[] parts = line.split(" ");
                compiled.add(parts[3] + "." + parts[9]);
            }
        }
        for (final BenchSuite suite : BenchSuite.all().values())
        {
            assertEquals(suite.isScenario(), suite.entries().isEmpty(), suite.name() + ": JMH entries or a scenario");
            for (final BenchEntry entry : suite.entries())
            {
                final Pattern pattern = Pattern.compile(entry.includePattern());
                assertEquals(1, compiled.stream().filter(b -> pattern.matcher(b).find()).count(),
                    suite.name() + "/" + entry.name() + " must select exactly one benchmark: " + entry.benchmark());
                if (entry.baseline() != null)
                {
                    assertNotNull(suite.entry(entry.baseline()), entry.name() + " baseline " + entry.baseline());
                }
            }
        }
    }

    @Test
    void failoverIsAScenarioSuite()
    {
        final BenchSuite failover = BenchSuite.find("failover");
        assertNotNull(failover);
        assertTrue(failover.isScenario());
        assertNotNull(failover.scenario().get());
        assertFalse(BenchSuite.find("ring").isScenario());
        assertTrue(BenchSuite.find("wire-proc").isScenario(), "three processes: a scenario, not JMH");
    }

    @Test
    void goalsFailOnAllocationAndRatio()
    {
        final BenchEntry measured = BenchEntry.measurement("m", "X.m", "b", 1.5);
        assertNull(new BenchResult(measured, 30, 1, 0.0, 10).problem());
        assertTrue(new BenchResult(measured, 30, 1, 24.0, 10).problem().contains("allocates 24.0 B/op"));
        assertTrue(new BenchResult(measured, 12, 1, 0.0, 10).problem().contains("1.20x b (goal >= 1.50x)"));
        assertTrue(new BenchResult(measured, 30, 1, Double.NaN, 10).problem().contains("zero allocation is unproven"));
        assertNull(new BenchResult(BenchEntry.baseline("b", "X.b"), 10, 1, 48.0, Double.NaN).problem(),
            "baselines have no goals");
    }

    @Test
    void jsonHasTheDocumentedFields()
    {
        final BenchSuite suite = BenchSuite.find("rss");
        final List<BenchResult> results = List.of(
            new BenchResult(suite.entries().get(0), 100, 2, 0, 2.5),
            new BenchResult(suite.entries().get(1), 2.5, Double.NaN, 0.01, Double.NaN));
        final String json = BenchReport.json(suite, "plan", results);
        assertTrue(json.startsWith("{\"suite\":\"rss\""), json);
        assertTrue(json.contains("{\"name\":\"toeplitz-ipv4-4tuple\",\"value\":100.0000,\"unit\":\"Mops/s\"," +
            "\"baseline\":\"reference-ipv4-4tuple\",\"baseline_value\":2.5000,\"ratio\":40.0000," +
            "\"alloc_bytes_per_op\":0.0000,\"error\":2.0000}"), json);
        assertTrue(json.contains("\"baseline\":null,\"baseline_value\":null,\"ratio\":null"), json);
        final String table = BenchReport.table(suite, results);
        assertTrue(table.contains("40.00x"), table);
    }

    /**
     * An entry scored by a secondary result names a public counter of an {@code @AuxCounters} state of its class: nested
     * in it, or a parameter of its benchmark methods.
     */
    @Test
    void everySecondaryResultIsAnAuxCounterOfTheBenchmarkClass() throws Exception
    {
        for (final BenchSuite suite : BenchSuite.all().values())
        {
            for (final BenchEntry entry : suite.entries())
            {
                if (entry.result() == null)
                {
                    continue;
                }
                final String className = entry.benchmark().substring(0, entry.benchmark().indexOf('.'));
                final Class<?> benchmarkClass = Class.forName(BenchSuite.JMH_PACKAGE + "." + className);
                final java.util.stream.Stream<Class<?>> states = java.util.stream.Stream.concat(
                    Arrays.stream(benchmarkClass.getClasses()), // states nested in the benchmark class
                    Arrays.stream(benchmarkClass.getMethods())   // and states of its own file (e.g. WireBenchStates)
                        .filter((m) -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class))
                        .flatMap((m) -> Arrays.stream(m.getParameterTypes())));
                final boolean found = states
                    .filter((c) -> c.isAnnotationPresent(AuxCounters.class))
                    .flatMap((c) -> Arrays.stream(c.getFields()))
                    .anyMatch((f) -> f.getName().equals(entry.result()) && isPublicLong(f));
                assertTrue(found, suite.name() + "/" + entry.name() + ": no @AuxCounters field " + entry.result());
            }
        }
    }

    @Test
    void ringSuiteScoresWhatTheConsumerReceivedAndComparesWithJctools()
    {
        final BenchSuite ring = BenchSuite.find("ring");
        assertNotNull(ring);
        for (final BenchEntry entry : ring.entries())
        {
            assertEquals("received", entry.result(), entry.name());
        }
        assertEquals("jctools-spsc-burst1", ring.entry("twinpath-burst1").baseline());
        assertEquals("jctools-spsc-burst32", ring.entry("twinpath-burst32").baseline());
        assertTrue(ring.entry("twinpath-burst1").zeroAlloc());
        assertEquals(1.0, ring.entry("twinpath-burst32").minRatio());
        assertNotNull(ring.entry("agrona-oneToOne-burst1"));
        assertNotNull(ring.entry("agrona-oneToOne-burst32"));
    }

    @Test
    void scoreComesFromThePrimaryOrTheNamedSecondaryResult() throws Exception
    {
        final Result<?> primary = new ScalarResult("primary", 300e6, "ops/s", AggregationPolicy.SUM);
        final Result<?> received = new ScalarResult("received", 100e6, "ops/s", AggregationPolicy.SUM);
        final Map<String, Result> secondaries = Map.of("received", received);

        assertSame(primary, BenchRunner.scoreOf(BenchEntry.baseline("b", "X.b"), primary, secondaries));
        assertSame(received, BenchRunner.scoreOf(BenchEntry.baseline("b", "X.b").scoredBy("received"), primary, secondaries));
        final RunnerException missing = assertThrows(RunnerException.class,
            () -> BenchRunner.scoreOf(BenchEntry.baseline("b", "X.b").scoredBy("sent"), primary, secondaries));
        assertTrue(missing.getMessage().contains("X.b has no result 'sent'; it has [received]"), missing.getMessage());
    }

    @Test
    void scoredByKeepsEveryOtherComponent()
    {
        final BenchEntry entry = BenchEntry.measurement("m", "X.m", "b", 1.5).scoredBy("received");
        assertEquals(new BenchEntry("m", "X.m", "b", true, 1.5, "received"), entry);
        assertNull(BenchEntry.measurement("m", "X.m", "b", 1.5).result());
    }

    private static boolean isPublicLong(final Field field)
    {
        return Modifier.isPublic(field.getModifiers()) && field.getType() == long.class;
    }
}
