package dev.twinpath.datapath.process;

import dev.twinpath.datapath.lab.TrafficSource;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.DescriptorSink;
import dev.twinpath.datapath.traffic.TrafficProfile;
import dev.twinpath.packet.pool.PacketPool;

/**
 * What one VM's application sends in a lab of processes ({@code traffic.guestRate}): constant-rate UDP to the rack's
 * peer on the VM's own flows (streams {@code vm * flows ...}), started when the host starts and stopped when the run
 * ends. When the VM live-migrates, its next sequence goes with it ({@link #depart()}, then {@link #arrive} at the
 * destination), so the peer sees each stream continue.
 * <p>
 * {@link #send} runs on the VM's guest thread; the requests are volatile writes it picks up; {@link #depart()} and the
 * figures at a quiescent point (the guest paused, or the lab drained).
 */
final class VmSender implements TrafficSource, AutoCloseable
{
    private static final int IDLE = 0;
    private static final int START = 1;
    private static final int RUNNING = 2;
    private static final int STOPPED = 3;

    private final ConstantRateGenerator generator;
    private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(IDLE);
    private volatile long resumeAt = -1;

    VmSender(final int vmIndex, final long vmMac, final long peerMac, final int flows, final int[] frameLengths,
        final long ratePps, final PacketPool pool)
    {
        final TrafficProfile profile = new TrafficProfile().flows(flows).frameLengths(frameLengths).ratePps(ratePps)
            .srcMac(vmMac).destinations(peerMac).srcIp(0x0A02_0000 + vmIndex + 1).dstIp(0x0A00_0001)
            .streamIdBase(vmIndex * flows).conclude();
        generator = new ConstantRateGenerator(profile, pool);
    }

    /** Start at the guest's next call. Any thread. */
    void requestStart()
    {
        state.compareAndSet(IDLE, START);
    }

    /** Continue the sequences of the VM's sender on its previous host from {@code index}, at the guest's next call. */
    void arrive(final long index)
    {
        resumeAt = index; // before the state's release below
        state.compareAndSet(IDLE, START);
    }

    /** Stop building packets at the guest's next call. Any thread. */
    void requestStop()
    {
        state.set(STOPPED);
    }

    /** The VM is leaving (its guest paused): free what was built and not sent. @return the next index to send. */
    long depart()
    {
        state.set(STOPPED);
        generator.discardPending();
        return nextIndex();
    }

    private long nextIndex()
    {
        long sent = 0;
        for (int f = 0; f < generator.flows(); f++)
        {
            sent += generator.sentToFlow(f);
        }
        return sent;
    }

    /** @return what each of the VM's streams has sent since sequence 0, over every host it ran on. Quiescent point. */
    long[] sentPerFlow()
    {
        return generator.sentPerFlow(new long[generator.flows()]);
    }

    /** @return true once stopped and nothing built is waiting. Any thread (racy). */
    boolean stopped()
    {
        return state.get() == STOPPED && generator.pending() == 0;
    }

    @Override
    public int send(final long nowNanos, final DescriptorSink sink)
    {
        final int s = state.get();
        if (s == START)
        {
            final long index = resumeAt;
            if (index >= 0)
            {
                generator.resume(index, nowNanos);
            }
            else
            {
                generator.start(nowNanos);
            }
            state.compareAndSet(START, RUNNING); // a stop requested meanwhile wins
        }
        else if (s == IDLE)
        {
            return 0;
        }
        else if (s == STOPPED && generator.isRunning())
        {
            generator.stop();
        }
        return generator.generate(nowNanos, sink); // a stopped generator still offers what it built
    }

    @Override
    public void close()
    {
        generator.close();
    }
}
