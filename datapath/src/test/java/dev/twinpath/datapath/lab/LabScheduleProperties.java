package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.Path;
import dev.twinpath.packet.rss.FlowKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random schedules of VF offers, revokes, per-flow moves and surprise removals interleaved with random
 * traffic bursts in both directions, on a lab driven by the test's thread: planned operations lose,
 * duplicate and reorder nothing (G1-G3); with surprise removals the loss is exactly what the NIC
 * counted (G5, G6); no buffer leaks.
 */
class LabScheduleProperties
{
    enum Kind
    {
        TRAFFIC, OFFER, REVOKE, MOVE_FLOWS_TO_SYNTHETIC, MOVE_FLOWS_TO_VF, SURPRISE
    }

    record Step(Kind kind, int vm, int rounds, int flowSeed)
    {
    }

    @Provide
    Arbitrary<List<Step>> plannedSchedules()
    {
        return schedule(Arbitraries.of(Kind.TRAFFIC, Kind.TRAFFIC, Kind.OFFER, Kind.REVOKE,
            Kind.MOVE_FLOWS_TO_SYNTHETIC, Kind.MOVE_FLOWS_TO_VF));
    }

    @Provide
    Arbitrary<List<Step>> schedulesWithSurprises()
    {
        return schedule(Arbitraries.of(Kind.TRAFFIC, Kind.OFFER, Kind.REVOKE, Kind.MOVE_FLOWS_TO_SYNTHETIC, Kind.SURPRISE));
    }

    private static Arbitrary<List<Step>> schedule(final Arbitrary<Kind> kinds)
    {
        final Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(1, 1500), Arbitraries.integers().between(0, 1 << 20)).as(Step::new);
        return step.list().ofMinSize(4).ofMaxSize(24);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    void plannedMovesLoseReorderAndDuplicateNothing(@ForAll("plannedSchedules") final List<Step> schedule)
    {
        try (LabHarness h = new LabHarness(2, 2, 2_000_000, 400_000))
        {
            play(h, schedule);
            h.drain();
            for (int v = 0; v < 2; v++)
            {
                assertEquals(0, h.anomalies[v], () -> "vm" + " RX anomalies\n" + h.dump());
                assertEquals(0, h.rxLost(v), () -> "RX lost\n" + h.dump());
                assertEquals(h.rxOffered(v), h.vmCheckers[v].delivered(), h::dump);
            }
            assertEquals(0, h.wireAnomalies, () -> "TX anomalies\n" + h.dump());
            assertEquals(0, h.txLost(), () -> "TX lost\n" + h.dump());
            assertEquals(h.txOffered(), h.wireChecker.delivered(), h::dump);
            assertEquals(0, h.nicDrops(), h::dump);
            assertEquals(0, h.lab.leakedBuffers(), h::dump);
        }
    }

    @Property(tries = 20, shrinking = ShrinkingMode.BOUNDED)
    void surpriseRemovalLosesOnlyWhatTheNicCounted(@ForAll("schedulesWithSurprises") final List<Step> schedule)
    {
        try (LabHarness h = new LabHarness(2, 1, 2_000_000, 400_000))
        {
            play(h, schedule);
            h.drain();
            long lost = 0;
            long offered = 0;
            long delivered = 0;
            for (int v = 0; v < 2; v++)
            {
                lost += h.rxLost(v);
                offered += h.rxOffered(v);
                delivered += h.vmCheckers[v].delivered();
                assertEquals(0, h.vmCheckers[v].duplicates(), h::dump);
            }
            lost += h.txLost();
            offered += h.txOffered();
            delivered += h.wireChecker.delivered();
            assertEquals(0, h.wireChecker.duplicates(), h::dump);
            assertEquals(offered, delivered + lost, h::dump);
            assertEquals(h.nicDrops(), lost, () -> "every lost packet has a NIC drop counter\n" + h.dump());
            assertEquals(0, h.lab.leakedBuffers(), h::dump);
        }
    }

    private static void play(final LabHarness h, final List<Step> schedule)
    {
        for (final Step s : schedule)
        {
            final VirtualMachine vm = h.lab.vm(s.vm());
            switch (s.kind())
            {
                case TRAFFIC -> h.run(s.rounds());
                case OFFER -> h.lab.offerVf(vm);
                case REVOKE -> h.lab.revokeVf(vm);
                case MOVE_FLOWS_TO_SYNTHETIC, MOVE_FLOWS_TO_VF ->
                {
                    final FlowKey[] keys = new FlowKey[1 + s.flowSeed() % 5];
                    for (int i = 0; i < keys.length; i++)
                    {
                        keys[i] = h.wireFlowKey((s.vm() + 2 * ((s.flowSeed() >>> 3) + 7 * i)) % LabHarness.WIRE_FLOWS);
                    }
                    vm.flows().moveFlows(keys, s.kind() == Kind.MOVE_FLOWS_TO_VF ? Path.VF : Path.SYNTHETIC);
                }
                case SURPRISE -> h.lab.surpriseRemove(vm);
            }
            h.run(5);
        }
    }
}
