package dev.twinpath.datapath.process;

import org.agrona.CloseHelper;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of a lab of processes, on the rack's side: stop the traffic, let the rack and the downlinks go quiet, tell
 * each host the downlink position it must reach before it drains and reports, wait for the reports and for each
 * host's uplink to reach the position it reported, stop the agents, free what is still held for down hosts, check
 * the rack's pool for leaks, tell the hosts to exit, and add it all up ({@link LabProcessSummary}).
 * <p>
 * Control thread of the rack process.
 */
final class RackEnd
{
    private final RackProcess lab;

    RackEnd(final RackProcess lab)
    {
        this.lab = lab;
    }

    LabProcessSummary finish()
    {
        lab.finishing = true;
        lab.peer().requestStop();
        lab.awaitCondition(lab.peer()::stopped, TimeUnit.SECONDS.toNanos(10));
        final long sendNanos = lab.peer().stopNanos() - lab.peer().startNanos();
        final boolean quiet = awaitQuiet();
        // a host that (re)joined just now finishes starting first: it must be running to take the stop
        lab.awaitCondition(() -> lab.hosts().stream().noneMatch(h -> h.state == LabHostState.JOINED), TimeUnit.SECONDS.toNanos(30));
        for (final HostLink host : lab.hosts())
        {
            if (host.up())
            {
                lab.send(host, lab.message().begin(ControlKind.STOP, -1, lab.runId()).putLong(host.downlink.position()));
            }
        }
        lab.awaitCondition(() -> lab.hosts().stream().noneMatch(h -> h.state == LabHostState.RUNNING), TimeUnit.SECONDS.toNanos(30));
        for (final HostLink host : lab.hosts())
        {
            if (host.report != null)
            {
                lab.awaitCondition(() -> host.uplink.position() >= host.report.uplinkPosition, TimeUnit.SECONDS.toNanos(10));
            }
        }
        awaitQuiet();
        lab.stopAgents();
        long lostInFlight = 0;
        for (final HostLink host : lab.hosts())
        {
            lostInFlight += host.lostInFlight + host.port.discarded();
            if (host.state == LabHostState.DOWN)
            {
                lostInFlight += host.out.size() + host.downlink.pending() + host.downlink.openEntries();
            }
        }
        lab.hosts().forEach(h -> CloseHelper.quietClose(h.downlink)); // frees what a down host's sender still held
        for (final HostLink host : lab.hosts())
        {
            host.freeOut(lab.pool());
            CloseHelper.quietClose(host.uplink);
        }
        lab.rack().flushCaches();
        lab.peer().flushCache();
        lab.generator().close();
        final int leaked = lab.pool().inUse();
        for (final HostLink host : lab.hosts())
        {
            if (host.up())
            {
                lab.send(host, lab.message().begin(ControlKind.EXIT, -1, lab.runId()));
            }
        }
        return LabProcessSummary.of(lab, sendNanos, quiet, leaked, lostInFlight);
    }

    private boolean awaitQuiet()
    {
        final long deadline = lab.clock().nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long quietSince = lab.clock().nanoTime();
        while (lab.clock().nanoTime() - deadline < 0)
        {
            lab.pollControl();
            boolean moving = lab.rack().inFlight() != 0;
            for (final HostLink host : lab.hosts())
            {
                if (host.up() && (!host.out.isEmpty() || host.downlink.pending() > 0 || host.downlink.openEntries() > 0 ||
                    !host.in.isEmpty()))
                {
                    moving = true;
                }
            }
            if (moving)
            {
                quietSince = lab.clock().nanoTime();
            }
            else if (lab.clock().nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(100))
            {
                return true;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return false;
    }
}
