package dev.twinpath.datapath.process;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.wire.WireSender;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How the rack process keeps track of its host processes: a hello makes a host join (or, from a new process of a
 * host that was up, tells the rack the old one is gone); a host whose own uplink image goes away (Aeron liveness: its
 * process died) or that falls silent is down: its cable is pulled, what the rack holds for it freed, its VMs' traffic
 * dropped at the peer and counted, and the event log says what was lost with it; a new process of a host that was
 * down rejoins with a fresh downlink and no VM.
 * <p>
 * Control thread of the rack process.
 */
final class HostWatch
{
    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final RackProcess lab;

    HostWatch(final RackProcess lab)
    {
        this.lab = lab;
    }

    /** Look at every host's liveness. */
    void check(final long now)
    {
        for (final HostLink host : lab.hosts())
        {
            if (!host.up())
            {
                continue;
            }
            if (host.sessionKnown && host.uplink.hasImage(host.uplinkSession))
            {
                host.imageSeen = true; // this process's own uplink (a restarted host's is a new session)
            }
            else if (host.imageSeen)
            {
                down(host, "its uplink's Aeron image is unavailable: the process is gone");
            }
            else if (now - host.lastHeardNanos > SILENCE_NANOS)
            {
                down(host, "no control message for " + TimeUnit.NANOSECONDS.toSeconds(SILENCE_NANOS) + " s");
            }
        }
    }

    void hello(final HostLink host, final long pid, final long token)
    {
        if (host.state == LabHostState.WAITING)
        {
            host.state = LabHostState.JOINED;
            host.pid = pid;
            host.token = token;
            lab.out().printf(Locale.ROOT, "rack: host %s joined (pid %d)%n", host.name, pid);
        }
        else if (token != host.token && host.state != LabHostState.JOINED)
        {
            if (host.state != LabHostState.DOWN)
            {
                down(host, "a new process (pid " + pid + ") said hello for it: the old one is gone");
            }
            if (lab.finishing())
            {
                late(host, pid, token);
            }
            else
            {
                rejoin(host, pid, token);
            }
        }
    }

    /**
     * A host whose process died is back (a new pid said hello): a fresh downlink (what the old one still held for the
     * dead process is freed and counted), its cable plugged in again, and it is started with no VM: those lost with it
     * are not brought back. It reports, and can take migrations, again.
     */
    private void rejoin(final HostLink host, final long pid, final long token)
    {
        final WireSender old = host.downlink;
        DynamicAgents.remove(lab.downlinks(), old);
        host.lostInFlight += host.out.size() + old.pending() + old.openEntries();
        old.close();
        host.freeOut(lab.pool());
        host.downlink = lab.wire().newSender(lab.pool(), lab.addresses().hostChannel(host.index), LabAddresses.downlink(host.index));
        host.downlink.source(host.out::dequeueBurst);
        DynamicAgents.add(lab.downlinks(), host.downlink);
        lab.rack().restore(host.port);
        lab.rack().linkUp(host.port, true);
        final long previous = host.pid;
        host.pid = pid;
        host.token = token;
        host.imageSeen = false;
        host.sessionKnown = false;
        host.lastDelivered.clear();
        host.state = LabHostState.JOINED;
        lab.events().record(EventId.HOST_STATE, host.name, "host " + host.name + " is back (pid " + pid + ", was " + previous +
            "): it rejoins the lab with no VM (those lost with it are not brought back) and can take migrations again");
        lab.control().reconnect(host.control);
        lab.send(host, lab.message().begin(ControlKind.START, -1, lab.runId()).putLongs(new long[0]));
    }

    /**
     * A new process of a down host said hello once the run was ending: there is no traffic left for it to join, so it is
     * told to exit (once) and the host stays down.
     */
    private void late(final HostLink host, final long pid, final long token)
    {
        if (host.lateToken == token)
        {
            return; // its next hellos
        }
        host.lateToken = token;
        lab.events().record(EventId.HOST_STATE, host.name, "host " + host.name + " is back (pid " + pid + ") after the run " +
            "began to end: not started again, told to exit");
        lab.control().reconnect(host.control);
        lab.send(host, lab.message().begin(ControlKind.EXIT, -1, lab.runId()));
    }

    /** Declare {@code host} down: its cable is pulled, what the rack holds for it freed, its VMs' traffic dropped (counted). */
    void down(final HostLink host, final String why)
    {
        host.state = LabHostState.DOWN;
        host.incarnation++;
        host.downAtNanos = lab.clock().nanoTime();
        host.downReason = why;
        lab.rack().linkUp(host.port, false);
        lab.rack().discard(host.port);
        final List<String> lost = new ArrayList<>();
        for (int vm = 0; vm < lab.vmHost().length; vm++)
        {
            if (lab.vmHost()[vm] == host.index && !lab.vmLost(vm))
            {
                lab.vmLost(vm, true);
                lab.peer().down(vm, true);
                final String name = lab.spec().vms().get(vm).name();
                lost.add(name);
                host.lostVms.put(name, host.lastDelivered.getOrDefault(name, 0L));
            }
        }
        lab.events().record(EventId.HOST_STATE, EventLevel.ERROR, host.name, "host " + host.name + " (pid " + host.pid + ") is down: " +
            why + "; its VMs " + lost + " are lost with it: their traffic is dropped at the peer from now on (counted), and " +
            "what was in flight to them is lost; the rest of the lab runs on");
    }

}
