package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscAdapter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * One VM's guest: runs its NetVSC adapter's control work, receives bursts and hands them to the
 * application's {@link PacketHandler}, and lets an optional {@link TrafficSource} send.
 * <p>
 * Runs on the guest-side thread of its lab.
 */
final class GuestAgent implements Agent
{
    /** Bursts received per duty cycle at most. */
    static final int RECEIVE_BURSTS = 4;

    private final VirtualMachine vm;
    private final NetVscAdapter adapter;
    private final NanoClock clock;
    private final long[] burst;
    private final dev.twinpath.datapath.traffic.DescriptorSink sink;

    GuestAgent(final VirtualMachine vm, final NanoClock clock, final int burstSize)
    {
        this.vm = vm;
        this.adapter = vm.adapter();
        this.clock = clock;
        this.burst = new long[burstSize];
        this.sink = adapter::send;
    }

    @Override
    public int doWork()
    {
        int work = adapter.doWork();
        final long now = clock.nanoTime();
        final TrafficSource source = vm.transmitSource();
        if (source != null)
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
                vm.receiveHandler().onBurst(burst, n, now);
                received += n;
            }
            if (n < burst.length)
            {
                break;
            }
        }
        return work + received;
    }

    @Override
    public String roleName()
    {
        return "guest-" + vm.name();
    }
}
