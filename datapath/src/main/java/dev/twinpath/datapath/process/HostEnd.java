package dev.twinpath.datapath.process;

import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.run.LabDrops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of a run on a host process's side: stop the VMs' own traffic, take everything the rack sent up to the
 * downlink position it names, drain the lab, check that no buffer leaked, and send the report: the uplink position the
 * rack must reach, the host's problems, its counted drops by cause, and each VM segment's results.
 * <p>
 * Control thread of the host process.
 */
final class HostEnd
{
    private final HostProcess host;

    HostEnd(final HostProcess host)
    {
        this.host = host;
    }

    void stop(final long position)
    {
        host.senders().forEach(VmSender::requestStop);
        final long sendersDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!host.senders().stream().allMatch(VmSender::stopped) && System.nanoTime() - sendersDeadline < 0)
        {
            LockSupport.parkNanos(1_000_000);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (host.wires().downlink().position() < position && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(1_000_000);
        }
        final boolean complete = host.wires().downlink().position() >= position;
        final boolean quiet = host.lab().drain();
        final long uplinkPosition = host.wires().uplinkSender().position();
        host.wires().flushCaches();
        host.allReceivers().forEach(VmReceiver::flush);
        host.senders().forEach(VmSender::close); // their generators' cached buffers go back
        final int leaked = host.lab().leakedBuffers();
        final List<String> problems = new ArrayList<>();
        if (!complete)
        {
            problems.add("downlink stopped at position " + host.wires().downlink().position() + " of " + position);
        }
        if (!quiet)
        {
            problems.add("the lab was still moving 10 s after the traffic stopped");
        }
        if (leaked != 0)
        {
            problems.add(leaked + " buffers leaked");
        }
        if (host.wires().strayForwarded() != 0)
        {
            problems.add(host.wires().strayForwarded() + " forwarded frames arrived with no migration waiting for them");
        }
        if (host.lab().firstError() != null)
        {
            problems.add("agent error: " + host.lab().firstError());
        }
        if (host.control().unreadable() != 0)
        {
            problems.add(host.control().unreadable() + " unreadable control messages (last: " + host.control().lastProblem() + ")");
        }
        final ControlMessage message = host.message();
        message.begin(ControlKind.REPORT, host.index(), host.runId()).putLong(uplinkPosition).putString(String.join("; ", problems))
            .putLong(host.lab().events().count(EventLevel.ERROR));
        final Map<String, Long> drops = LabDrops.byCause(host.lab());
        message.putLong(drops.size());
        drops.forEach((cause, count) -> message.putString(cause).putLong(count));
        final List<VmReceiver> all = host.allReceivers();
        message.putLong(all.size());
        all.forEach(r -> r.write(message));
        host.send(message);
        host.out().printf(Locale.ROOT, "host %s: drained; %d segments reported%s%n", host.name(), all.size(),
            problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
    }

}
