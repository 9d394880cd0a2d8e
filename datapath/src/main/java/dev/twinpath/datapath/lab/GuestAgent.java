package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import dev.twinpath.datapath.traffic.DescriptorSink;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * One VM's guest: runs its NetVSC adapter's control work, receives bursts and hands them to the
 * application's {@link PacketHandler}, and lets an optional {@link TrafficSource} send. Its network
 * stack consumes ARP frames (announcements of other VMs) before the application sees traffic.
 * <p>
 * Live migration: asked to pause, it stops the application's sends, puts an end marker behind what
 * the adapter sent, reads what the host had already delivered, and stops; asked to resume (on its new
 * host, with its new adapter), it announces itself with a gratuitous ARP and runs again.
 * <p>
 * Runs on the guest-side thread of its lab.
 */
final class GuestAgent implements Agent
{
    /** Bursts received per duty cycle at most. */
    static final int RECEIVE_BURSTS = 4;

    private final VirtualMachine vm;
    private final NanoClock clock;
    private final PacketPool pool;
    private final PoolCache cache;
    private final long[] burst;
    private final long[] one = new long[1];
    private NetVscAdapter adapter;
    private DescriptorSink sink;
    private DescriptorSink teamSink;
    private boolean markerSent;
    private long arpConsumed;

    GuestAgent(final VirtualMachine vm, final NanoClock clock, final int burstSize, final PacketPool pool)
    {
        this.vm = vm;
        this.clock = clock;
        this.pool = pool;
        this.cache = pool.newCache();
        this.burst = new long[burstSize];
    }

    @Override
    public int doWork()
    {
        final int state = vm.runState();
        if (state == VirtualMachine.PAUSED)
        {
            return 0;
        }
        final long stalledUntil = vm.stalledUntilNanos();
        if (stalledUntil != 0 && clock.nanoTime() - stalledUntil < 0)
        {
            return 0; // a slow guest (fault injection): it polls nothing, its rings fill
        }
        final dev.twinpath.datapath.team.NicTeam team = vm.team();
        if (team != null)
        {
            return teamWork(team);
        }
        final NetVscAdapter current = vm.adapter();
        if (current != adapter)
        {
            adapter = current;
            sink = current::send;
        }
        if (state == VirtualMachine.RESUME_REQUESTED && announce())
        {
            markerSent = false;
            vm.resumed();
        }
        int work = adapter.doWork();
        final long now = clock.nanoTime();
        final TrafficSource source = vm.transmitSource();
        if (source != null && state == VirtualMachine.RUNNING)
        {
            work += source.send(now, sink);
        }
        // Up to RECEIVE_BURSTS bursts a duty cycle: the cost of a cycle (clock, control poll, sources)
        // is paid once for several bursts when traffic is heavy.
        int received = 0;
        for (int i = 0; i < RECEIVE_BURSTS; i++)
        {
            final int n = adapter.receive(burst, 0, burst.length);
            if (n > 0)
            {
                deliver(n, now);
                received += n;
            }
            if (n < burst.length)
            {
                break;
            }
        }
        if (state == VirtualMachine.PAUSE_REQUESTED)
        {
            work += pauseStep(received);
        }
        return work + received;
    }

    /** A teamed guest: the team runs its members and picks each packet's member. */
    private int teamWork(final dev.twinpath.datapath.team.NicTeam team)
    {
        if (teamSink == null)
        {
            teamSink = team::send;
        }
        int work = team.doWork();
        final long now = clock.nanoTime();
        final TrafficSource source = vm.transmitSource();
        if (source != null)
        {
            work += source.send(now, teamSink);
        }
        int received = 0;
        for (int i = 0; i < RECEIVE_BURSTS; i++)
        {
            final int n = team.receive(burst, 0, burst.length);
            if (n > 0)
            {
                deliver(n, now);
                received += n;
            }
            if (n < burst.length)
            {
                break;
            }
        }
        return work + received;
    }

    private int pauseStep(final int received)
    {
        if (!markerSent)
        {
            markerSent = adapter.sendEndMarker(vm.pauseMarkerEpoch());
            return 1;
        }
        if (received == 0 && adapter.isQuiescent() && vm.attachment().link().forwarding())
        {
            adapter.publishCounters(); // the adapter is retired while paused: its last counts go with the VM
            vm.paused(); // everything the old host delivered has been read; what comes later is forwarded
        }
        return 0;
    }

    private boolean announce()
    {
        final long garp = dev.twinpath.datapath.team.TeamAnnouncement.build(pool, cache, vm.mac(), 0x0A00_0001 + vm.index());
        if (garp < 0)
        {
            return false;
        }
        one[0] = garp;
        if (adapter.send(one, 0, 1) == 1)
        {
            vm.announced();
            return true;
        }
        cache.free(PacketDescriptor.handle(garp));
        return false;
    }

    private void deliver(final int n, final long now)
    {
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            final long d = burst[i];
            if (GratuitousArp.isArp(pool, d))
            {
                cache.free(PacketDescriptor.handle(d)); // the guest's stack: ARP never reaches the application
                arpConsumed++;
            }
            else
            {
                burst[kept++] = d;
            }
        }
        if (kept > 0)
        {
            vm.receiveHandler().onBurst(burst, kept, now);
        }
    }

    /** Return cached buffers to the pool (quiescent point). */
    void flushCache()
    {
        cache.flush();
    }

    /** @return ARP frames the guest's stack consumed. */
    long arpConsumed()
    {
        return arpConsumed;
    }

    /** Removed from a running lab (its VM left the process by live migration): its cached buffers go back. */
    @Override
    public void onClose()
    {
        cache.flush();
    }

    @Override
    public String roleName()
    {
        return "guest-" + vm.name();
    }
}
