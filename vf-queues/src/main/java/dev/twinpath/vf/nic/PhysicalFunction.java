package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.rss.IndirectionTable;
import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.vf.ring.OverflowMode;
import dev.twinpath.vf.ring.SpscDescriptorRing;
import org.agrona.concurrent.Agent;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The physical function of an SR-IOV NIC: a finite pool of {@link VirtualFunction}s, the PF default
 * queue (frames no VF claims: where the host's software switch listens), the PF's own TX ring, the
 * uplink wire port, and the {@link EmbeddedSwitch} between them, run by the NIC {@link #agent()}.
 * <p>
 * Control operations (allocate, assign, revoke, reset, surprise removal, filter moves) take the NIC
 * lock; the agent's {@code doWork} only <em>tries</em> it and skips a round while the control plane
 * holds it, so a change lands between two bursts: atomic with respect to the packet stream.
 * <p>
 * Threads: control methods from any control thread; {@link #agent()} on one agent thread; the wire
 * RX ring's producer is the wire peer, the wire TX and PF default rings' consumers are the peer and
 * the host switch, and the PF TX ring's producer is the host switch.
 */
public final class PhysicalFunction
{
    /** Queue pairs a VF may have at most. */
    public static final int MAX_QUEUE_PAIRS = 16;

    private final String name;
    private final PacketPool pool;
    private final VirtualFunction[] vfs;
    private final int maxQueuePairs;
    private final int ringCapacity;
    private final int burst;
    private final OverflowMode overflowMode;
    private final long mac;
    private final FunctionCounters counters;
    private final FunctionCounters wireCounters;
    private final SpscDescriptorRing wireRx;
    private final SpscDescriptorRing pfTx;
    private final EgressQueue wireTx;
    private final EgressQueue pfDefault;
    private final EmbeddedSwitch embeddedSwitch;
    private final RxFilterMoves filters;
    private final ReentrantLock lock = new ReentrantLock();
    private final org.agrona.concurrent.NanoClock clock;

    public PhysicalFunction(final NicContext context)
    {
        context.conclude();
        name = context.name();
        pool = context.pool();
        maxQueuePairs = context.maxQueuePairs();
        ringCapacity = context.ringCapacity();
        burst = context.burst();
        overflowMode = context.overflowMode();
        mac = context.pfMac();
        clock = context.clock();
        counters = new FunctionCounters(name + "/pf");
        wireCounters = new FunctionCounters(name + "/wire");
        vfs = new VirtualFunction[context.totalVfs()];
        for (int i = 0; i < vfs.length; i++)
        {
            vfs[i] = new VirtualFunction(name, i);
        }
        wireRx = new SpscDescriptorRing(ringCapacity);
        pfTx = new SpscDescriptorRing(ringCapacity);
        wireTx = new EgressQueue(new SpscDescriptorRing(ringCapacity), burst, wireCounters, null, overflowMode,
            EgressQueue.Kind.WIRE);
        pfDefault = new EgressQueue(new SpscDescriptorRing(ringCapacity), burst, counters, null, overflowMode,
            EgressQueue.Kind.RX);
        embeddedSwitch = new EmbeddedSwitch(this, pool, vfs, wireRx, pfTx, wireTx, pfDefault, burst, clock);
        embeddedSwitch.macTable.put(mac, EmbeddedSwitch.PF_FUNCTION);
        filters = new RxFilterMoves(lock, embeddedSwitch, pfDefault);
    }

    public String name()
    {
        return name;
    }

    public long mac()
    {
        return mac;
    }

    /** @return the size of the VF pool. */
    public int totalVfs()
    {
        return vfs.length;
    }

    /** @return VFs not allocated. Any thread (a snapshot). */
    public int freeVfs()
    {
        int free = 0;
        for (final VirtualFunction vf : vfs)
        {
            free += vf.state() == VfState.FREE ? 1 : 0;
        }
        return free;
    }

    public VirtualFunction vf(final int id)
    {
        return vfs[id];
    }

    /** @return the wire's receive ring: the wire peer (or traffic generator) produces into it. */
    public SpscDescriptorRing wireRxRing()
    {
        return wireRx;
    }

    /** @return the wire's transmit ring: the wire peer consumes it. */
    public SpscDescriptorRing wireTxRing()
    {
        return wireTx.ring();
    }

    /** @return the PF default queue: frames no VF claims; the host's software switch consumes it. */
    public SpscDescriptorRing pfDefaultRing()
    {
        return pfDefault.ring();
    }

    /** @return the PF's transmit ring: the host's software switch produces into it. */
    public SpscDescriptorRing pfTxRing()
    {
        return pfTx;
    }

    public FunctionCounters counters()
    {
        return counters;
    }

    public FunctionCounters wireCounters()
    {
        return wireCounters;
    }

    /** @return the NIC agent: run it with an Agrona {@code AgentRunner} or inside a composite agent. */
    public Agent agent()
    {
        return new Agent()
        {
            @Override
            public int doWork()
            {
                return PhysicalFunction.this.doWork();
            }

            @Override
            public String roleName()
            {
                return "nic-" + name;
            }
        };
    }

    /** One NIC round; 0 when the control plane holds the lock. Agent thread (or a test driving it). */
    public int doWork()
    {
        // A waiting control thread goes first: tryLock alone would barge ahead of it every round.
        if (lock.hasQueuedThreads() || !lock.tryLock())
        {
            return 0;
        }
        try
        {
            return embeddedSwitch.poll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Take a VF from the pool for {@code owner}, with {@code queuePairs} queue pairs.
     *
     * @throws IovException VF_POOL_EXHAUSTED when none is free, BAD_CONFIGURATION for the queue count.
     */
    public VirtualFunction allocate(final String owner, final int queuePairs)
    {
        if (queuePairs < 1 || queuePairs > maxQueuePairs)
        {
            throw new IovException(IovException.Reason.BAD_CONFIGURATION,
                "queuePairs must be 1.." + maxQueuePairs + ": " + queuePairs);
        }
        lock.lock();
        try
        {
            for (final VirtualFunction vf : vfs)
            {
                if (vf.state() == VfState.FREE)
                {
                    vf.owner = owner;
                    vf.queuePairs = newQueuePairs(vf, queuePairs);
                    vf.indirection = new IndirectionTable(queuePairs);
                    vf.state(VfState.ALLOCATED);
                    return vf;
                }
            }
            throw new IovException(IovException.Reason.VF_POOL_EXHAUSTED,
                "no virtual function left on " + name + ": all " + vfs.length + " are allocated");
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Configure an ALLOCATED VF and install its MAC/VLAN filter: it becomes ACTIVE. */
    public void assign(final VirtualFunction vf, final VfConfig config)
    {
        config.validate();
        lock.lock();
        try
        {
            requireState(vf, VfState.ALLOCATED, "assign");
            filters.checkMacsFree(config, name);
            vf.mac = config.mac;
            vf.secondaryMac = config.secondaryMac;
            vf.portVlan = config.portVlan;
            vf.trunk = config.trunkVlans != null;
            java.util.Arrays.fill(vf.allowedVlans, 0);
            if (config.trunkVlans != null)
            {
                for (final int v : config.trunkVlans)
                {
                    vf.allowedVlans[v >>> 6] |= 1L << (v & 63);
                }
            }
            vf.spoofCheck = config.spoofCheck;
            vf.trust = config.trust;
            vf.linkState = config.linkState;
            vf.rss = config.rssKey == null ? ToeplitzHash.microsoftDefault() : new ToeplitzHash(config.rssKey);
            vf.rateLimit.configure(config.rateBytesPerSecond, config.rateBurstBytes, clock.nanoTime());
            for (final QueuePair qp : vf.queuePairs)
            {
                qp.egress().overflowMode(config.overflowMode != null ? config.overflowMode : overflowMode);
            }
            vf.rxSteeredToPf = config.rxSteeredToPf;
            filters.steer(vf, config.rxSteeredToPf ? EmbeddedSwitch.PF_FUNCTION : vf.id());
            vf.flowsToPf.clear();
            if (config.flowsToPf != null)
            {
                for (final int hash : config.flowsToPf)
                {
                    vf.flowsToPf.add(hash);
                }
            }
            vf.state(VfState.ACTIVE);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Set the administrative link state (any time). */
    public void linkState(final VirtualFunction vf, final LinkState state)
    {
        underLock(() -> vf.linkState = state);
    }

    /**
     * Planned removal: the filter goes (new frames for the MAC reach the PF default queue), an end
     * marker of {@code epoch} follows the last frame in every RX queue, and the NIC keeps draining the
     * VF's TX queues; when they are empty and the markers are queued the VF is REVOKED.
     */
    public void revoke(final VirtualFunction vf, final long epoch)
    {
        lock.lock();
        try
        {
            requireState(vf, VfState.ACTIVE, "revoke");
            if (!vf.rxSteeredToPf)
            {
                filters.steer(vf, EmbeddedSwitch.PF_FUNCTION); // from now on: the synthetic path
                filters.stageEndMarkers(vf, epoch);
            }
            FunctionTeardown.closeTx(vf);
            vf.state(VfState.REVOKING);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Under the lock, from the switch: REVOKING becomes REVOKED once TX is empty and markers are out. */
    void completeRevokeIfDrained(final VirtualFunction vf)
    {
        for (final QueuePair qp : vf.queuePairs)
        {
            if (!qp.txRing().isEmpty() || qp.egress().staged() > 0)
            {
                return;
            }
        }
        vf.state(VfState.REVOKED);
    }

    /**
     * Steer the VF's RX traffic to the PF default queue (the synthetic path) without revoking it: the
     * filter goes and an end marker of {@code epoch} follows the last frame in each of its RX queues
     * (even when the filter had gone already, so a receiver waiting for the marker always gets it).
     */
    public void moveMacToPf(final VirtualFunction vf, final long epoch)
    {
        filters.moveMacToPf(vf, epoch);
    }

    /** Steer the MAC back to the VF: an end marker of {@code epoch} follows the last frame in the PF default queue. */
    public void moveMacToVf(final VirtualFunction vf, final long epoch)
    {
        filters.moveMacToVf(vf, epoch, 0);
    }

    /**
     * Steer the MAC back to the VF; the end marker left in the PF default queue carries
     * {@code markerPort} in its port field, so the listener there (the host switch) can route it to
     * the port of the VM that owns the VF.
     */
    public void moveMacToVf(final VirtualFunction vf, final long epoch, final int markerPort)
    {
        filters.moveMacToVf(vf, epoch, markerPort);
    }

    /**
     * Flow rules (like a NIC's n-tuple filters): frames of these flows, named by their RSS hash under
     * the VF's key, go to the PF default queue (the synthetic path) while the MAC stays on the VF. An
     * end marker of {@code epoch} follows the last frame in each of the VF's RX queues (whether or not
     * the MAC is on the VF just now, so a receiver can always wait for it). Flows that share a hash
     * move together.
     */
    public void steerFlowsToPf(final VirtualFunction vf, final int[] rssHashes, final int count, final long epoch)
    {
        filters.steerFlowsToPf(vf, rssHashes, count, epoch);
    }

    /**
     * Remove flow rules: the flows return to the VF; an end marker of {@code epoch} (port field
     * {@code markerPort}) follows the last frame in the PF default queue.
     */
    public void steerFlowsToVf(
        final VirtualFunction vf, final int[] rssHashes, final int count, final long epoch, final int markerPort)
    {
        filters.steerFlowsToVf(vf, rssHashes, count, epoch, markerPort);
    }

    /**
     * Function-level reset of a VF the guest no longer uses (ALLOCATED, REVOKED or REMOVED): every
     * queue is emptied and every buffer returns to the pool, counted as DROP_RESET.
     *
     * @return packets freed.
     */
    public int functionLevelReset(final VirtualFunction vf)
    {
        lock.lock();
        try
        {
            final VfState state = vf.state();
            if (state == VfState.ACTIVE || state == VfState.REVOKING || state == VfState.FREE)
            {
                throw new IovException(IovException.Reason.WRONG_STATE,
                    vf.name() + " is " + state + ": reset needs the guest to have stopped using it (revoke first)");
            }
            final int freed = FunctionTeardown.reset(vf, embeddedSwitch.cache(), new long[burst]);
            vf.queuePairs = newQueuePairs(vf, vf.queuePairs.length); // a reset function starts with empty queues
            embeddedSwitch.cache().flush();
            return freed;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Return a VF to the pool (after a reset of whatever it still holds). */
    public void release(final VirtualFunction vf)
    {
        lock.lock();
        try
        {
            if (vf.state() == VfState.ACTIVE || vf.state() == VfState.REVOKING)
            {
                throw new IovException(IovException.Reason.WRONG_STATE, vf.name() + " is " + vf.state() +
                    ": revoke it before releasing");
            }
            if (vf.state() != VfState.FREE)
            {
                functionLevelReset(vf);
                filters.forgetMacs(vf, mac);
                vf.owner = null;
                vf.mac = 0;
                vf.rxSteeredToPf = false;
                vf.flowsToPf.clear();
                vf.state(VfState.FREE);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Surprise removal: the VF stops at once; see {@link SurpriseRemovalReport}. */
    /** The host switch behind the PF serves {@code hostMac} (a VM on the synthetic path): VFs hairpin to it. Any thread. */
    public void addHostMac(final long hostMac)
    {
        filters.hostMac(hostMac, true);
    }

    /** The host switch no longer serves {@code hostMac}. Any thread. */
    public void removeHostMac(final long hostMac)
    {
        filters.hostMac(hostMac, false);
    }

    public SurpriseRemovalReport surpriseRemove(final VirtualFunction vf)
    {
        lock.lock();
        try
        {
            return surpriseRemoveLocked(vf);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Fault injection: surprise-remove {@code vf} after the NIC classifies {@code packets} more wire frames. */
    public void injectSurpriseRemoval(final VirtualFunction vf, final long packets)
    {
        underLock(() ->
        {
            embeddedSwitch.faultVf = vf;
            embeddedSwitch.faultCountdown = packets;
        });
    }

    SurpriseRemovalReport surpriseRemoveLocked(final VirtualFunction vf)
    {
        if (vf.state() != VfState.ACTIVE && vf.state() != VfState.REVOKING)
        {
            throw new IovException(IovException.Reason.WRONG_STATE,
                "surpriseRemove needs " + vf.name() + " to be ACTIVE or REVOKING, it is " + vf.state());
        }
        filters.steer(vf, EmbeddedSwitch.PF_FUNCTION); // the synthetic path takes over
        final SurpriseRemovalReport report = FunctionTeardown.surpriseRemove(vf, embeddedSwitch.cache(), new long[burst]);
        vf.removalReport = report; // before the volatile state write (release): whoever reads REMOVED sees the report
        vf.state(VfState.REMOVED);
        return report;
    }

    private QueuePair[] newQueuePairs(final VirtualFunction vf, final int count)
    {
        final QueuePair[] queues = new QueuePair[count];
        for (int q = 0; q < count; q++)
        {
            queues[q] = new QueuePair(vf.name(), q, ringCapacity, burst, vf.counters(), overflowMode);
        }
        return queues;
    }

    static void requireState(final VirtualFunction vf, final VfState expected, final String operation)
    {
        if (vf.state() != expected)
        {
            throw new IovException(IovException.Reason.WRONG_STATE,
                operation + " needs " + vf.name() + " to be " + expected + ", it is " + vf.state());
        }
    }

    /** Flush the agent's pool cache back to the shared pool (call when the NIC is stopped, before audits). */
    public void flushCaches()
    {
        underLock(() -> embeddedSwitch.cache().flush());
    }

    /** Run a control change under the NIC lock: it lands between two bursts of the agent. */
    private void underLock(final Runnable change)
    {
        lock.lock();
        try
        {
            change.run();
        }
        finally
        {
            lock.unlock();
        }
    }
}
