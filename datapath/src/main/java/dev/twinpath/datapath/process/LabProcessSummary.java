package dev.twinpath.datapath.process;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a lab of processes measured, added up by the rack process from the hosts' reports: for each VM what the peer
 * sent it, what it received on each host it ran on (a VM that migrated has a segment per host), what was lost,
 * reordered or duplicated; the migrations; the hosts that went down and what they took with them; latency histograms
 * merged over every host, per path; and the verdict.
 * <p>
 * The run passes when every VM on a host that stayed up received every frame sent to it exactly once, in order, every
 * migration completed, every host reported without a problem, and no buffer leaked anywhere. Frames for the VMs of a
 * host that went down are accounted for (dropped at the peer after it went down, counted; or in flight when it went)
 * and do not fail the run: the event log says what they were.
 * <p>
 * Immutable; any thread.
 */
public final class LabProcessSummary
{
    /** One VM's totals over its segments. */
    public record VmTotals(String vm, String host, long sent, long delivered, long deliveredVf, long deliveredSynthetic,
        long lost, long reordered, long duplicates, long foreign, long droppedHostDown, boolean hostDown, List<String> segments)
    {
    }

    private final String lab;
    private final List<VmTotals> vms;
    private final List<RackMigrations.Report> migrations;
    private final List<String> hostLines;
    private final List<String> problems;
    private final Map<String, Histogram> latency;
    private final long sendNanos;
    private final long sent;
    private final List<String> outcomes;
    private final boolean faultLosses;

    private LabProcessSummary(final String lab, final List<VmTotals> vms, final List<RackMigrations.Report> migrations,
        final List<String> hostLines, final List<String> problems, final Map<String, Histogram> latency, final long sendNanos,
        final long sent, final List<String> outcomes, final boolean faultLosses)
    {
        this.faultLosses = faultLosses;
        this.outcomes = List.copyOf(outcomes);
        this.lab = lab;
        this.vms = List.copyOf(vms);
        this.migrations = List.copyOf(migrations);
        this.hostLines = List.copyOf(hostLines);
        this.problems = List.copyOf(problems);
        this.latency = latency;
        this.sendNanos = sendNanos;
        this.sent = sent;
    }

    static LabProcessSummary notStarted(final RackProcess rack, final String why)
    {
        return new LabProcessSummary(rack.spec().name(), List.of(), List.of(), List.of(), List.of(why), Map.of(), 0, 0, List.of(), false);
    }

    static LabProcessSummary of(final RackProcess rack, final long sendNanos, final boolean quiet, final int leaked,
        final long lostInFlight)
    {
        final int vmCount = rack.runContext().vms();
        final List<String> problems = new ArrayList<>();
        final List<String> hostLines = new ArrayList<>();
        final Map<String, List<HostReport.Segment>> segments = new LinkedHashMap<>();
        for (final HostLink host : rack.hosts())
        {
            if (host.report != null)
            {
                host.report.segments.forEach(s -> segments.computeIfAbsent(s.vm(), k -> new ArrayList<>()).add(s));
                if (!host.report.problems.isEmpty())
                {
                    problems.add("host " + host.name + ": " + host.report.problems);
                }
                hostLines.add(String.format(Locale.ROOT, "host %s (pid %d): reported, %d segments, %d error events",
                    host.name, host.pid, host.report.segments.size(), host.report.errorEvents));
            }
            if (host.downAtNanos != 0)
            {
                hostLines.add(String.format(Locale.ROOT, "host %s: went DOWN %.1f s into the traffic: %s; VMs lost with it: %s%s",
                    host.name, (host.downAtNanos - rack.peer().startNanos()) / 1e9, host.downReason, host.lostVms.keySet(),
                    host.state == LabHostState.DOWN ? "" : "; its process came back and rejoined"));
            }
            if (host.report == null && host.state != LabHostState.DOWN)
            {
                problems.add("host " + host.name + " did not report (state " + host.state + ")");
                hostLines.add("host " + host.name + ": no report (" + host.state + ")");
            }
        }
        final Map<String, Long> drops = new LinkedHashMap<>();
        for (final HostLink host : rack.hosts())
        {
            if (host.report != null)
            {
                host.report.drops.forEach((cause, count) -> drops.merge(host.name + " " + cause, count, Long::sum));
            }
        }
        final long counted = drops.values().stream().mapToLong(Long::longValue).sum();
        long lostOnLiveHosts = 0;
        final Map<String, Histogram> latency = new LinkedHashMap<>();
        latency.put("vf", new Histogram(2));
        latency.put("synthetic", new Histogram(2));
        final List<VmTotals> totals = new ArrayList<>();
        final int flows = rack.runContext().flows();
        for (int v = 0; v < vmCount; v++)
        {
            final String name = rack.spec().vms().get(v).name();
            final HostLink last = rack.hosts().get(rack.vmHost()[v]);
            final boolean hostDown = rack.vmLost(v);
            long sentToVm = 0;
            for (int f = v; f < flows; f += vmCount)
            {
                sentToVm += rack.peer().generator().sentToFlow(f);
            }
            long vf = 0;
            long synthetic = 0;
            long reordered = 0;
            long duplicates = 0;
            long missing = 0;
            long foreign = 0;
            long tail = 0;
            boolean resident = false;
            final List<String> parts = new ArrayList<>();
            for (final HostReport.Segment s : segments.getOrDefault(name, List.of()))
            {
                vf += s.deliveredVf();
                synthetic += s.deliveredSynthetic();
                reordered += s.reordered();
                duplicates += s.duplicates();
                missing += s.missing();
                foreign += s.foreign();
                latency.get("vf").add(s.vf());
                latency.get("synthetic").add(s.synthetic());
                parts.add(String.format(Locale.ROOT, "%s %,d", s.host(), s.delivered()));
                if (s.resident())
                {
                    resident = true;
                    for (int k = 0; k < s.expected().length; k++)
                    {
                        tail += Math.max(0, rack.peer().generator().sentToFlow(v + k * vmCount) - s.expected()[k]);
                    }
                }
            }
            final long dropped = rack.peer().droppedFor(v);
            if (hostDown)
            {
                // its host's process died with it: what it last said it had received there
                final long reported = last.lostVms.getOrDefault(name, 0L);
                vf += reported;
                parts.add(String.format(Locale.ROOT, "%s %,d (last reported)", last.name, reported));
            }
            final long delivered = vf + synthetic;
            final long lost = hostDown ? sentToVm - dropped - delivered : missing + tail;
            totals.add(new VmTotals(name, last.name, sentToVm, delivered, vf, synthetic, lost, reordered, duplicates, foreign,
                dropped, hostDown, parts));
            if (!hostDown)
            {
                if (!resident)
                {
                    problems.add(name + ": no host reported it as running there at the end");
                }
                lostOnLiveHosts += lost;
                if ((lost != 0 && !rack.faultsInjected()) || reordered != 0 || duplicates != 0 || foreign != 0)
                {
                    problems.add(String.format(Locale.ROOT, "%s: lost %d, reordered %d, duplicates %d, foreign %d", name, lost,
                        reordered, duplicates, foreign));
                }
                if (delivered + lost != sentToVm)
                {
                    problems.add(String.format(Locale.ROOT, "%s: sent %d != delivered %d + lost %d", name, sentToVm, delivered,
                        lost));
                }
            }
        }
        if (!drops.isEmpty() || lostOnLiveHosts != 0)
        {
            hostLines.add(String.format(Locale.ROOT, "counted drops: %,d %s; lost on hosts that stayed up: %,d%s", counted, drops,
                lostOnLiveHosts, rack.faultsInjected() ? " (faults injected: every loss must be a counted drop)" : ""));
            if (rack.faultsInjected() ? lostOnLiveHosts != counted : counted != 0)
            {
                problems.add(rack.faultsInjected() ?
                    String.format(Locale.ROOT, "lost %,d but counted %,d drops: a loss no counter explains", lostOnLiveHosts, counted) :
                    String.format(Locale.ROOT, "%,d frames dropped with no fault injected: %s", counted, drops));
            }
        }
        final String guestTx = guestTx(rack, segments, problems);
        for (final RackMigrations.Report m : rack.migrations().reports())
        {
            if (!m.completed() || m.lost() != 0)
            {
                final boolean explained = rack.hosts().stream().anyMatch(h -> h.downAtNanos != 0 && // went down during the run
                    (h.name.equals(m.from()) || h.name.equals(m.to())));
                if (!explained)
                {
                    problems.add("migration " + m.format());
                }
            }
        }
        if (!quiet)
        {
            problems.add("the rack was still moving frames 10 s after the traffic stopped");
        }
        if (leaked != 0)
        {
            problems.add("rack: " + leaked + " buffers leaked");
        }
        if (lostInFlight != 0)
        {
            hostLines.add(String.format(Locale.ROOT, "frames the rack still held for down hosts (freed): %,d", lostInFlight));
        }
        for (final String outcome : rack.outcomes())
        {
            if (outcome.contains(": FAILED"))
            {
                problems.add("schedule " + outcome);
            }
        }
        if (guestTx != null)
        {
            hostLines.add(guestTx);
        }
        return new LabProcessSummary(rack.spec().name(), totals, rack.migrations().reports(), hostLines, problems, latency,
            sendNanos, rack.peer().generator().sent(), rack.outcomes(), lostOnLiveHosts != 0);
    }

    /** @return the line of what the VMs sent to the peer (with {@code traffic.guestRate}), or null; its problems added. */
    private static String guestTx(final RackProcess rack, final Map<String, List<HostReport.Segment>> segments,
        final List<String> problems)
    {
        final dev.twinpath.datapath.traffic.StreamChecker checker = rack.peer().guestChecker();
        if (checker == null)
        {
            return null;
        }
        final int flows = rack.runContext().guestFlows();
        final long[] sent = new long[checker.streams()];
        long total = 0;
        for (int v = 0; v < rack.runContext().vms(); v++)
        {
            final String name = rack.spec().vms().get(v).name();
            long[] txSent = null;
            for (final HostReport.Segment s : segments.getOrDefault(name, List.of()))
            {
                txSent = s.txSent().length == flows ? s.txSent() : txSent;
            }
            for (int f = 0; f < flows; f++)
            {
                // a VM lost with its host: what it sent last is unknown, so only gaps count as lost
                sent[v * flows + f] = txSent != null ? txSent[f] : checker.expectedSequence(v * flows + f);
                total += sent[v * flows + f];
            }
        }
        final long lost = checker.lostAtEnd(sent);
        if (lost != 0 || checker.reordered() != 0 || checker.duplicates() != 0 || checker.foreign() != 0)
        {
            problems.add(String.format(Locale.ROOT, "guest TX: lost %d, reordered %d, duplicates %d, foreign %d", lost,
                checker.reordered(), checker.duplicates(), checker.foreign()));
        }
        final Histogram h = checker.histogram(0);
        return String.format(Locale.ROOT, "guest TX (VMs to the peer): sent %,d  delivered %,d  lost %,d  reordered %d  " +
            "duplicates %d  latency p50 %,.1f us  p99 %,.1f us", total, checker.delivered(), lost, checker.reordered(),
            checker.duplicates(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3);
    }

    public boolean passed()
    {
        return problems.isEmpty();
    }

    public List<String> problems()
    {
        return problems;
    }

    public List<VmTotals> vms()
    {
        return vms;
    }

    /** @return the migrations' lines. */
    public List<String> migrationLines()
    {
        return migrations.stream().map(RackMigrations.Report::format).toList();
    }

    /** @return how many migrations completed. */
    public long migrationsCompleted()
    {
        return migrations.stream().filter(RackMigrations.Report::completed).count();
    }

    /** @return latency histograms merged over every host, by path ({@code vf}, {@code synthetic}). */
    public Map<String, Histogram> latency()
    {
        return latency;
    }

    /** @return the summary as text lines. */
    public List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "lab %s across processes: %,d packets sent in %.1f s", lab, sent, sendNanos / 1e9));
        lines.addAll(hostLines);
        for (final VmTotals vm : vms)
        {
            lines.add(String.format(Locale.ROOT, "  %-6s on %-4s sent %,d  delivered %,d (vf %,d, synthetic %,d)  lost %,d  " +
                "reordered %d  duplicates %d%s  [%s]", vm.vm(), vm.host(), vm.sent(), vm.delivered(), vm.deliveredVf(),
                vm.deliveredSynthetic(), vm.lost(), vm.reordered(), vm.duplicates(),
                vm.hostDown() ? String.format(Locale.ROOT, "  (host %s down: %,d dropped at the peer after it went, %,d " +
                    "sent before and not reported received: lost with it)", vm.host(), vm.droppedHostDown(), vm.lost()) : "", String.join(", ", vm.segments())));
        }
        for (final String m : migrationLines())
        {
            lines.add("  migration " + m);
        }
        for (final String o : outcomes)
        {
            lines.add("  schedule " + o);
        }
        for (final Map.Entry<String, Histogram> e : latency.entrySet())
        {
            final Histogram h = e.getValue();
            if (h.getTotalCount() > 0)
            {
                lines.add(String.format(Locale.ROOT, "  latency %-9s p50 %,.1f us  p99 %,.1f us  max %,.1f us  (%,d packets, " +
                    "all hosts)", e.getKey(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                    h.getMaxValue() / 1e3, h.getTotalCount()));
            }
        }
        lines.add(!passed() ? "FAIL: " + String.join("; ", problems) : faultLosses ?
            "PASS: every frame lost on a host that stayed up is a counted drop of an injected fault; nothing reordered or " +
                "duplicated; no buffer leaked" :
            "PASS: no packet lost, reordered or duplicated on any host that stayed up; no buffer leaked");
        return lines;
    }
}
