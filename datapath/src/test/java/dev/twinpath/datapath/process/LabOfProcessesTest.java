package dev.twinpath.datapath.process;

import dev.twinpath.datapath.labfile.LabFileReader;
import dev.twinpath.datapath.labfile.LabSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lab of processes with every process's part in one JVM (each with its own embedded media driver, over loopback
 * UDP, as separate processes would be): the rack process and three host processes, traffic to two VMs, and vm1
 * live-migrating A -> B -> C across them. Nothing lost, reordered or duplicated; each VM's segments add up to what the
 * peer sent it; both migrations completed; every process drained without a leak. The same protocol between real
 * processes, with a host killed, is {@code ProcessLabTest} (module bench).
 */
class LabOfProcessesTest
{
    private static final String LAB = """
        name: three-processes
        duration: 3s
        traffic: { rate: 20k, guestRate: 5k, flows: 16 }
        hosts:
          - { name: A, platform: { preset: sriov-ready } }
          - { name: B, platform: { preset: no-sriov-nic } }
          - { name: C, platform: { preset: sriov-ready } }
        vms:
          - { name: vm1, host: A }
          - { name: vm2, host: C }
        schedule:
          - { at: 500ms, revokeVf: vm2 }
          - { at: 800ms, migrate: vm1, to: B }
          - { at: 1200ms, offerVf: vm2 }
          - { at: 1800ms, migrate: vm1, to: C }
          - { at: 2200ms, linkDown: vm2 }
          - { at: 2300ms, linkUp: vm2 }
        """;

    private static final String REJOIN = """
        name: rejoin
        duration: 8s
        traffic: { rate: 20k, flows: 16 }
        hosts:
          - { name: A, platform: { preset: sriov-ready } }
          - { name: B, platform: { preset: no-sriov-nic } }
          - { name: C, platform: { preset: sriov-ready } }
        vms:
          - { name: vm1, host: A }
          - { name: vm2, host: C }
        schedule:
          - { at: 6500ms, migrate: vm1, to: C }
        """;

    /**
     * Host C's process dies a second into the traffic: the rack sees its uplink image go, says what was lost with it
     * (vm2), and runs on; a new process of C rejoins with no VM, and vm1 live-migrates to it losing nothing.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aHostThatDiesIsDetectedAndARestartedOneRejoinsAndTakesAMigration() throws Exception
    {
        final LabSpec spec = LabFileReader.parse(REJOIN, "rejoin.yaml");
        final LabAddresses addresses = new LabAddresses(spec, 42_150);
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        final ExecutorService threads = Executors.newFixedThreadPool(5);
        final List<HostProcess> hosts = new ArrayList<>();
        try (RackProcess rack = new RackProcess(spec, addresses, null, out))
        {
            for (final String name : addresses.hostNames())
            {
                final HostProcess host = new HostProcess(spec, name, addresses, null, out);
                hosts.add(host);
                threads.submit(host::run);
            }
            final Future<LabProcessSummary> run = threads.submit(() -> rack.run(() -> false));
            awaitText(text, "traffic starts");
            Thread.sleep(1_000);
            hosts.get(2).crash();
            awaitText(text, "host C (pid " + ProcessHandle.current().pid() + ") is down: its uplink's Aeron image is unavailable");
            final HostProcess restarted = new HostProcess(spec, "C", addresses, null, out);
            hosts.add(restarted);
            final Future<Integer> restartedExit = threads.submit(restarted::run);
            awaitText(text, "host C is back");

            final LabProcessSummary summary = run.get(90, TimeUnit.SECONDS);
            assertEquals(0, exitOf(restartedExit, text), text::toString);
            assertTrue(summary.passed(), () -> summary.problems() + "\n" + text);
            assertEquals(1, summary.migrationsCompleted(), text::toString);
            final LabProcessSummary.VmTotals vm1 = summary.vms().get(0);
            assertEquals("C", vm1.host());
            assertEquals(vm1.sent(), vm1.delivered(), "vm1 lost nothing moving to the rejoined host");
            assertEquals(0, vm1.lost() + vm1.reordered() + vm1.duplicates());
            final LabProcessSummary.VmTotals vm2 = summary.vms().get(1);
            assertTrue(vm2.hostDown(), "vm2 was lost with C");
            assertTrue(vm2.droppedHostDown() > 0, "its traffic was dropped at the peer, counted");
            assertEquals(vm2.sent(), vm2.delivered() + vm2.lost() + vm2.droppedHostDown(), "every frame for vm2 accounted for");
        }
        finally
        {
            threads.shutdownNow();
            hosts.forEach(HostProcess::close);
        }
    }

    private static int exitOf(final Future<Integer> exit, final ByteArrayOutputStream text) throws Exception
    {
        try
        {
            return exit.get(30, TimeUnit.SECONDS);
        }
        catch (final java.util.concurrent.TimeoutException ex)
        {
            throw new AssertionError("the process did not end within 30 s of the rack's end:\n" + text, ex);
        }
    }

    private static void awaitText(final ByteArrayOutputStream text, final String expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!text.toString(StandardCharsets.UTF_8).contains(expected))
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no '" + expected + "' within 30 s in:\n" + text);
            }
            Thread.sleep(20);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void vm1MigratesAcrossThreeProcessesLosingNothing() throws Exception
    {
        final LabSpec spec = LabFileReader.parse(LAB, "three-processes.yaml");
        final LabAddresses addresses = new LabAddresses(spec, 42_100);
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        final List<HostProcess> hosts = new ArrayList<>();
        try (RackProcess rack = new RackProcess(spec, addresses, null, out))
        {
            final List<Future<Integer>> exits = new ArrayList<>();
            for (final String name : addresses.hostNames())
            {
                final HostProcess host = new HostProcess(spec, name, addresses, null, out);
                hosts.add(host);
                exits.add(threads.submit(host::run));
            }
            final LabProcessSummary summary = rack.run(() -> false);
            for (final Future<Integer> exit : exits)
            {
                assertEquals(0, exitOf(exit, text), text::toString);
            }
            assertTrue(summary.passed(), () -> summary.problems() + "\n" + text);
            assertEquals(2, summary.migrationsCompleted(), text::toString);
            final LabProcessSummary.VmTotals vm1 = summary.vms().get(0);
            assertEquals("C", vm1.host());
            assertEquals(3, vm1.segments().size(), "a segment on A, B and C: " + vm1.segments());
            assertTrue(vm1.sent() > 0);
            assertEquals(vm1.sent(), vm1.delivered());
            assertTrue(vm1.deliveredVf() > 0 && vm1.deliveredSynthetic() > 0, "on a VF at A and C, synthetic at B");
            final LabProcessSummary.VmTotals vm2 = summary.vms().get(1);
            assertEquals(vm2.sent(), vm2.delivered());
            assertEquals(0, vm1.lost() + vm1.reordered() + vm1.duplicates() + vm2.lost() + vm2.reordered() + vm2.duplicates());
            assertEquals(vm1.delivered() + vm2.delivered(), summary.latency().values().stream()
                .mapToLong(h -> h.getTotalCount()).sum(), "the merged histograms count every packet of every host");
            assertTrue(summary.lines().get(summary.lines().size() - 1).startsWith("PASS"));
            assertTrue(summary.lines().contains("  schedule 0.500 s revoke-vf vm2 eth0: VF revoked (on host C)"), text::toString);
            assertTrue(summary.lines().contains("  schedule 1.200 s offer-vf vm2 eth0: VF offered (on host C)"), text::toString);
            assertTrue(summary.lines().contains("  schedule 2.200 s link-down vm2 eth0: cable of host C down"), text::toString);
            assertTrue(vm2.deliveredVf() > 0 && vm2.deliveredSynthetic() > 0, "vm2 on the synthetic path while its VF was revoked");
            final java.util.regex.Matcher tx = java.util.regex.Pattern.compile("guest TX \\(VMs to the peer\\): sent ([\\d,]+)  " +
                "delivered ([\\d,]+)  lost 0  reordered 0  duplicates 0").matcher(String.join("\n", summary.lines()));
            assertTrue(tx.find(), () -> String.join("\n", summary.lines()));
            assertEquals(tx.group(1), tx.group(2), "the VMs' own traffic, vm1's across three hosts, all arrived in order");
            assertTrue(Long.parseLong(tx.group(1).replace(",", "")) > 20_000, tx.group(1));
        }
        finally
        {
            threads.shutdownNow();
            hosts.forEach(HostProcess::close);
        }
    }
}
