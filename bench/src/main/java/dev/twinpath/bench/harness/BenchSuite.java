package dev.twinpath.bench.harness;

import dev.twinpath.bench.scenario.BenchScenario;
import dev.twinpath.bench.scenario.FailoverScenario;
import dev.twinpath.bench.scenario.wire.WireProcessScenario;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The benchmark suites of {@code twinpath bench}: a JMH suite names its measurements and the
 * baselines they are compared with in the same run; a scenario suite runs a {@link BenchScenario} in
 * this JVM instead (phases that depend on each other, as the failover suite's rate measured first).
 * Later parts of the engine add suites here.
 *
 * @param name        suite name on the command line.
 * @param description one line for {@code --help}.
 * @param unit        unit of the reported values (millions of operations per second for JMH suites).
 * @param entries     measurements and baselines, in report order (none for a scenario suite).
 * @param scenario    makes the scenario of a scenario suite; null for a JMH suite.
 */
public record BenchSuite(String name, String description, String unit, List<BenchEntry> entries,
    Supplier<BenchScenario> scenario)
{
    /** Package of the JMH benchmark classes. */
    public static final String JMH_PACKAGE = "dev.twinpath.bench.jmh";

    /** Suite {@code ring} scores descriptors the consumer received ({@code RingBenchmark.Received#received}). */
    private static final String RING_RESULT = "received";

    /**
     * Suite {@code wire} scores 64-byte frames the receiver got ({@code WireBenchStates.Received#frames}); the
     * raw Aeron baseline of batch-sized messages counts 20 frame equivalents per message.
     */
    private static final String WIRE_RESULT = "frames";

    /** A JMH suite. */
    public BenchSuite(final String name, final String description, final String unit, final List<BenchEntry> entries)
    {
        this(name, description, unit, entries, null);
    }

    /** @return a scenario suite: {@code scenario} runs it, no JMH entry. */
    public static BenchSuite scenario(
        final String name, final String description, final String unit, final Supplier<BenchScenario> scenario)
    {
        return new BenchSuite(name, description, unit, List.of(), scenario);
    }

    /** @return true for a scenario suite, false for a JMH suite. */
    public boolean isScenario()
    {
        return scenario != null;
    }

    private static final Map<String, BenchSuite> SUITES = new TreeMap<>(Arrays.stream(new BenchSuite[]{
        new BenchSuite("codec", "one-pass frame parse of a realistic frame mix (Mpps)", "Mpps", List.of(
            BenchEntry.measurement("parse-mix", "CodecBenchmark.parseMix", "touch-64-bytes", 0),
            BenchEntry.baseline("touch-64-bytes", "CodecBenchmark.touchHeaders"))),
        new BenchSuite("rss", "table-driven Toeplitz vs the bit-by-bit reference (Mhash/s)", "Mops/s", List.of(
            BenchEntry.measurement("toeplitz-ipv4-4tuple", "RssBenchmark.tableIpv4", "reference-ipv4-4tuple", 1.0),
            BenchEntry.baseline("reference-ipv4-4tuple", "RssBenchmark.referenceIpv4"),
            BenchEntry.measurement("toeplitz-ipv6-4tuple", "RssBenchmark.tableIpv6", "reference-ipv6-4tuple", 1.0),
            BenchEntry.baseline("reference-ipv6-4tuple", "RssBenchmark.referenceIpv6"))),
        new BenchSuite("pool", "packet pool burst allocate+free of 32 handles (Mpackets/s)", "Mops/s", List.of(
            BenchEntry.measurement("cache-burst32", "PoolBenchmark.cacheBurst", "int-stack-burst32", 0),
            BenchEntry.measurement("shared-ring-burst32", "PoolBenchmark.sharedBurst", "int-stack-burst32", 0),
            BenchEntry.baseline("int-stack-burst32", "PoolBenchmark.intStackBurst"))),
        new BenchSuite("ring", "SPSC descriptor ring vs JCTools and Agrona, 1 producer + 1 consumer thread (Mdesc/s)",
            "Mdesc/s", List.of(
            BenchEntry.measurement("twinpath-burst1", "RingBenchmark.twinpathBurst1", "jctools-spsc-burst1", 1.0)
                .scoredBy(RING_RESULT),
            BenchEntry.baseline("jctools-spsc-burst1", "RingBenchmark.jctoolsBurst1").scoredBy(RING_RESULT),
            BenchEntry.baseline("agrona-oneToOne-burst1", "RingBenchmark.agronaBurst1").scoredBy(RING_RESULT),
            BenchEntry.measurement("twinpath-burst32", "RingBenchmark.twinpathBurst32", "jctools-spsc-burst32", 1.0)
                .scoredBy(RING_RESULT),
            BenchEntry.baseline("jctools-spsc-burst32", "RingBenchmark.jctoolsBurst32").scoredBy(RING_RESULT),
            BenchEntry.baseline("agrona-oneToOne-burst32", "RingBenchmark.agronaBurst32").scoredBy(RING_RESULT))),
        new BenchSuite("vf-path", "60-byte UDP, 1,024 flows through the NIC model on 2 threads: wire -> VEB -> RSS -> " +
            "4 VF queues, VF TX -> wire, VF -> VF hairpin (Mpps)", "Mpps", List.of(
            BenchEntry.measurement("vf-rx-4-queues", "VfPathBenchmark.rx", "bare-ring-burst32", 0).scoredBy(RING_RESULT),
            BenchEntry.measurement("vf-tx-4-queues", "VfPathBenchmark.tx", "bare-ring-burst32", 0).scoredBy(RING_RESULT),
            BenchEntry.measurement("vf-hairpin", "VfPathBenchmark.hairpin", "bare-ring-burst32", 0).scoredBy(RING_RESULT),
            BenchEntry.measurement("vf-rx-one-thread", "VfPathBenchmark.rxOneThread", "bare-ring-burst32", 0)
                .scoredBy(RING_RESULT),
            BenchEntry.baseline("bare-ring-burst32", "RingBenchmark.twinpathBurst32").scoredBy(RING_RESULT),
            BenchEntry.baseline("layout-ceiling", "VfLayoutBenchmark.ceiling").scoredBy(RING_RESULT),
            BenchEntry.baseline("line-ceiling", "VfLayoutBenchmark.lineCeiling").scoredBy(RING_RESULT),
            BenchEntry.baseline("ring-ceiling", "VfLayoutBenchmark.ringCeiling").scoredBy(RING_RESULT))),
        new BenchSuite("vswitch", "60-byte UDP, 1,024 flows through the virtual switch on 2 threads: VM port -> classify, " +
            "VLAN, 10-rule ACL, MAC table -> uplink and back (Mpps)", "Mpps", List.of(
            BenchEntry.measurement("vm-to-uplink", "VSwitchBenchmark.vmToUplink", "disruptor-raw-batch32", 0)
                .scoredBy(RING_RESULT),
            BenchEntry.measurement("uplink-to-vm", "VSwitchBenchmark.uplinkToVm", "disruptor-raw-batch32", 0)
                .scoredBy(RING_RESULT),
            BenchEntry.measurement("vm-to-uplink-2k-slots", "VSwitchBenchmark.vmToUplink2k", "disruptor-raw-batch32", 0)
                .scoredBy(RING_RESULT),
            BenchEntry.measurement("uplink-to-vm-2k-slots", "VSwitchBenchmark.uplinkToVm2k", "disruptor-raw-batch32", 0)
                .scoredBy(RING_RESULT),
            BenchEntry.baseline("disruptor-raw-batch32", "DisruptorBaselineBenchmark.batch32").scoredBy(RING_RESULT))),
        BenchSuite.scenario("failover", "VF <-> synthetic switches at 50% of the VF path's max rate, measured first: " +
            "switch time, throughput dip, hold-back, zero loss (not JMH)", "us", FailoverScenario::new),
        new BenchSuite("vmbus", "VMBus channel data direction vs raw Agrona OneToOneRingBuffer, 1 producer + 1 consumer " +
            "thread, bursts of 32 (Mdesc/s)", "Mdesc/s", List.of(
            BenchEntry.measurement("vmbus-burst32", "VmBusBenchmark.vmbusBurst32", "agrona-record-burst32", 0.9)
                .scoredBy(RING_RESULT),
            BenchEntry.baseline("agrona-record-burst32", "VmBusBenchmark.agronaRecordBurst32").scoredBy(RING_RESULT),
            BenchEntry.baseline("agrona-message-per-descriptor", "VmBusBenchmark.agronaMessagePerDescriptor")
                .scoredBy(RING_RESULT))),
        new BenchSuite("wire", "64-byte frames over Aeron, sender thread -> receiver thread, batched 20 per message, " +
            "vs raw Aeron messages of the same size, IPC and loopback UDP (Mpps)", "Mpps", List.of(
            BenchEntry.measurement("wire-ipc", "WireBenchmark.wireIpc", "raw-aeron-ipc-batch", 0.8).scoredBy(WIRE_RESULT),
            BenchEntry.baseline("raw-aeron-ipc-batch", "WireBenchmark.rawIpcBatch").scoredBy(WIRE_RESULT),
            BenchEntry.measurement("wire-ipc-burst32", "WireBenchmark.wireIpcBurst32", "raw-aeron-ipc-batch", 0.8)
                .scoredBy(WIRE_RESULT),
            BenchEntry.measurement("wire-ipc-burst32-per-send", "WireBenchmark.wireIpcBurst32PerSend",
                "raw-aeron-ipc-batch", 0).scoredBy(WIRE_RESULT),
            BenchEntry.measurement("wire-udp", "WireBenchmark.wireUdp", "raw-aeron-udp-batch", 0.8).scoredBy(WIRE_RESULT),
            BenchEntry.baseline("raw-aeron-udp-batch", "WireBenchmark.rawUdpBatch").scoredBy(WIRE_RESULT),
            BenchEntry.measurement("wire-udp-burst32", "WireBenchmark.wireUdpBurst32", "raw-aeron-udp-batch", 0.8)
                .scoredBy(WIRE_RESULT),
            BenchEntry.measurement("wire-udp-burst32-per-send", "WireBenchmark.wireUdpBurst32PerSend",
                "raw-aeron-udp-batch", 0).scoredBy(WIRE_RESULT),
            BenchEntry.measurement("wire-udp-mtu8k", "WireBenchmark.wireUdpMtu8k", "raw-aeron-udp-mtu8k-batch", 0.8)
                .scoredBy(WIRE_RESULT),
            BenchEntry.baseline("raw-aeron-udp-mtu8k-batch", "WireBenchmark.rawUdpMtu8kBatch").scoredBy(WIRE_RESULT),
            BenchEntry.baseline("raw-aeron-ipc-per-frame", "WireBenchmark.rawIpcPerFrame").scoredBy(WIRE_RESULT))),
        BenchSuite.scenario("wire-proc", "64-byte frames host A -> ToR -> host B as 3 processes over loopback UDP and " +
            "IPC, vs raw Aeron carrying one 64-byte message per frame (and full-batch messages, the ceiling): Mpps, then " +
            "latency p50/p99 at two fixed rates (not JMH)", "Mpps",
            WireProcessScenario::new)
    }).collect(Collectors.toMap(BenchSuite::name, s -> s)));

    /** @return every suite by name, sorted. */
    public static Map<String, BenchSuite> all()
    {
        return SUITES;
    }

    /** @return the suite with this name, or null. */
    public static BenchSuite find(final String name)
    {
        return SUITES.get(name);
    }

    /** @return the entry with this name, or null. */
    public BenchEntry entry(final String entryName)
    {
        for (final BenchEntry e : entries)
        {
            if (e.name().equals(entryName))
            {
                return e;
            }
        }
        return null;
    }
}
