package dev.twinpath.datapath.team;

import dev.twinpath.datapath.event.EventLog;
import dev.twinpath.datapath.traffic.TrafficFrames;
import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.packet.pool.PoolCache;
import dev.twinpath.vf.ring.SpscDescriptorRing;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A team of {@link FakeMember}s between an application and a test network, driven one step at a time on
 * the test thread with a manual clock.
 * <p>
 * The application sends UDP frames on {@code flows} flows (stream id = flow, sequence numbered per flow
 * when the frame is built) and keeps what the team refuses, re-offering it in order. The network reads
 * every member's wire ring in member order each step, checks that each flow's packets arrive exactly once
 * and in order, learns where the team's MAC lives (from gratuitous ARPs and from frames whose source is
 * the team's MAC) and sends frames on {@code flows} RX flows to the member it learned, while that
 * member's link is up. The application checks what the team receives the same way. Nothing on the
 * per-packet path allocates.
 */
final class TeamFixture implements AutoCloseable
{
    static final long PEER_MAC = 0x0200_5EE4_0001L;
    static final long FIRST_MEMBER_MAC = 0x0215_5D00_0001L;
    static final int TEAM_IP = 0x0A00_0005;
    static final long STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    static final int RX_STREAM_BASE = 10_000;

    final PacketPool pool = new PacketPool(new PacketPool.Context().name("team-test").slotCount(16_384).dataRoom(2048));
    final PoolCache cache = pool.newCache();
    long now = 1_000_000;
    final EventLog events = new EventLog(1000, () -> now);
    long failoverEvents;
    final FakeMember[] members;
    final NicTeam team;
    final int flows;

    // the application's TX side
    int sendBurst = 32;
    boolean sending = true;
    final long[] txBuilt;
    final long[] pending = new long[8192];
    int pendingCount;
    private int nextFlow;

    // the network
    final long[] txSeen;
    final int[] txMember;
    final int[] txMemberChanges;
    long txErrors;
    long txArrived;
    int learned;
    long macMoves;
    final long[] garps;
    final long[] dataOnWire;
    final long[] dataBeforeLastGarp;
    int rxPerStep;
    final long[] rxDelivered;

    // the application's RX side
    final long[] rxSeen;
    long rxErrors;
    long rxReceived;

    private final FrameBuilder txFrames;
    private final FrameBuilder rxFrames;
    private final long[] burst = new long[256];
    private int nextRxFlow;

    TeamFixture(final TeamMode mode, final int memberCount, final int flows, final Consumer<NicTeamContext> settings)
    {
        this(mode, memberCount, flows, 64, settings);
    }

    TeamFixture(
        final TeamMode mode, final int memberCount, final int flows, final int stageCapacity, final Consumer<NicTeamContext> settings)
    {
        this.flows = flows;
        members = new FakeMember[memberCount];
        final NicTeamContext context = new NicTeamContext().name("Team1").mode(mode).announceIpv4(TEAM_IP)
            .dwell(100, TimeUnit.MILLISECONDS);
        for (int m = 0; m < memberCount; m++)
        {
            members[m] = new FakeMember("nic" + (m + 1), FIRST_MEMBER_MAC + m, stageCapacity);
            context.members(members[m]);
        }
        settings.accept(context);
        team = new NicTeam(context, pool, events, () -> now);
        learned = context.primary();
        events.listener(e -> failoverEvents += e.reason().startsWith("failover:") ? 1 : 0);
        txFrames = new FrameBuilder(new FrameTemplate().srcMac(team.mac()).dstMac(PEER_MAC)
            .addresses("10.0.0.5", "10.0.0.9").ports(1000, 2000).conclude());
        rxFrames = new FrameBuilder(new FrameTemplate().srcMac(PEER_MAC).dstMac(team.mac())
            .addresses("10.0.0.9", "10.0.0.5").ports(3000, 4000).conclude());
        txBuilt = new long[flows];
        txSeen = new long[flows];
        txMember = new int[flows];
        java.util.Arrays.fill(txMember, -1);
        txMemberChanges = new int[flows];
        garps = new long[memberCount];
        dataOnWire = new long[memberCount];
        dataBeforeLastGarp = new long[memberCount];
        rxDelivered = new long[flows];
        rxSeen = new long[flows];
    }

    FakeMember member(final int index)
    {
        return members[index];
    }

    /** One step: the clock moves 10 µs, the team works, the application sends, the network and the application read. */
    void step()
    {
        now += STEP_NANOS;
        team.doWork();
        if (sending)
        {
            fillPending();
        }
        offer();
        collectWire();
        deliverRx();
        receiveAll();
    }

    void steps(final int n)
    {
        for (int i = 0; i < n; i++)
        {
            step();
        }
    }

    /** Stop building new packets and step until everything built has left and was read (or {@code maxSteps} passed). */
    void drain(final int maxSteps)
    {
        sending = false;
        final int rx = rxPerStep;
        rxPerStep = 0;
        for (int i = 0; i < maxSteps && !(pendingCount == 0 && team.isSettled() && staged() == 0); i++)
        {
            step();
        }
        step();
        rxPerStep = rx;
    }

    int staged()
    {
        int n = 0;
        for (final FakeMember m : members)
        {
            n += m.stage.size() + m.wire.size() + m.rx.size();
        }
        return n;
    }

    long built()
    {
        long n = 0;
        for (final long b : txBuilt)
        {
            n += b;
        }
        return n;
    }

    long seen()
    {
        long n = 0;
        for (final long s : txSeen)
        {
            n += s;
        }
        return n;
    }

    private void fillPending()
    {
        final int target = Math.min(pending.length, sendBurst); // top up: build only as fast as the team takes
        while (pendingCount < target)
        {
            final int handle = cache.allocate();
            if (handle < 0)
            {
                return;
            }
            final int flow = nextFlow;
            nextFlow = (nextFlow + 1) % flows;
            pending[pendingCount++] = write(handle, flow);
        }
    }

    /** @return a new packet of {@code flow}, its next sequence number, appended to what the application will send. */
    long build(final int flow)
    {
        final long d = write(cache.allocate(), flow);
        pending[pendingCount++] = d;
        return d;
    }

    /** Forget what the application has not sent yet, as if it had never built it (they are each flow's newest). */
    void discardPending()
    {
        for (int i = pendingCount - 1; i >= 0; i--)
        {
            final long d = pending[i];
            final int header = TrafficFrames.payloadHeaderOffset(
                pool.buffer(), pool.dataOffset(PacketDescriptor.handle(d)), PacketDescriptor.length(d));
            txBuilt[PayloadHeader.streamId(pool.buffer(), header)]--;
            cache.free(PacketDescriptor.handle(d));
        }
        pendingCount = 0;
    }

    private long write(final int handle, final int flow)
    {
        final int length = txFrames.write(pool.buffer(), pool.dataOffset(handle), 1000 + flow, 2000, flow, txBuilt[flow]++, now);
        return PacketDescriptor.packet(handle, length, 0);
    }

    /** Offer what is pending, at most one burst. @return how many the team took. */
    int offer()
    {
        final int n = team.send(pending, 0, Math.min(pendingCount, sendBurst));
        if (n > 0)
        {
            System.arraycopy(pending, n, pending, 0, pendingCount - n);
            pendingCount -= n;
        }
        return n;
    }

    private void collectWire()
    {
        for (int m = 0; m < members.length; m++)
        {
            int n;
            while ((n = members[m].wire.dequeueBurst(burst, 0, burst.length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    onWire(m, burst[i]);
                }
            }
        }
    }

    private void onWire(final int member, final long d)
    {
        final int at = pool.dataOffset(PacketDescriptor.handle(d));
        if (TeamAnnouncement.isGratuitousArp(pool, d))
        {
            garps[member]++;
            dataBeforeLastGarp[member] = dataOnWire[member];
            learn(member, TeamAnnouncement.senderMac(pool, d));
        }
        else
        {
            learn(member, EthernetFrames.srcMac(pool.buffer(), at));
            dataOnWire[member]++;
            txArrived++;
            final int header = TrafficFrames.payloadHeaderOffset(pool.buffer(), at, PacketDescriptor.length(d));
            final int flow = header < 0 ? -1 : PayloadHeader.streamId(pool.buffer(), header);
            final long sequence = header < 0 ? -1 : PayloadHeader.sequence(pool.buffer(), header);
            if (flow < 0 || flow >= flows || sequence != txSeen[flow])
            {
                txErrors++;
            }
            else
            {
                txSeen[flow]++;
            }
            if (flow >= 0 && flow < flows && txMember[flow] != member)
            {
                txMemberChanges[flow] += txMember[flow] >= 0 ? 1 : 0;
                txMember[flow] = member;
            }
        }
        cache.free(PacketDescriptor.handle(d));
    }

    private void learn(final int member, final long sourceMac)
    {
        if (sourceMac == team.mac() && learned != member)
        {
            learned = member;
            macMoves++;
        }
    }

    private void deliverRx()
    {
        deliverRx(rxPerStep);
    }

    /** The network sends {@code count} frames (round-robin over the RX flows) to the member it learned, if its link is up. */
    void deliverRx(final int count)
    {
        final FakeMember target = members[learned];
        for (int i = 0; i < count && target.linkUp(); i++)
        {
            final int handle = cache.allocate();
            if (handle < 0)
            {
                return;
            }
            final int flow = nextRxFlow;
            final int length = rxFrames.write(pool.buffer(), pool.dataOffset(handle), 3000 + flow, 4000,
                RX_STREAM_BASE + flow, rxDelivered[flow], now);
            if (!target.rx.offer(PacketDescriptor.packet(handle, length, 0)))
            {
                cache.free(handle);
                return;
            }
            rxDelivered[flow]++;
            nextRxFlow = (nextRxFlow + 1) % flows;
        }
    }

    private void receiveAll()
    {
        int n;
        while ((n = team.receive(burst, 0, burst.length)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                final long d = burst[i];
                final int at = pool.dataOffset(PacketDescriptor.handle(d));
                final int header = TrafficFrames.payloadHeaderOffset(pool.buffer(), at, PacketDescriptor.length(d));
                final int flow = header < 0 ? -1 : PayloadHeader.streamId(pool.buffer(), header) - RX_STREAM_BASE;
                final long sequence = header < 0 ? -1 : PayloadHeader.sequence(pool.buffer(), header);
                if (flow < 0 || flow >= flows || sequence != rxSeen[flow])
                {
                    rxErrors++;
                }
                else
                {
                    rxSeen[flow]++;
                }
                rxReceived++;
                cache.free(PacketDescriptor.handle(d));
            }
        }
    }

    long rxDeliveredTotal()
    {
        long n = 0;
        for (final long d : rxDelivered)
        {
            n += d;
        }
        return n;
    }

    /** Free what the application, the members' rings and the team still hold, and return the cache. */
    @Override
    public void close()
    {
        for (int i = 0; i < pendingCount; i++)
        {
            cache.free(PacketDescriptor.handle(pending[i]));
        }
        pendingCount = 0;
        for (final FakeMember m : members)
        {
            freeAll(m.stage);
            freeAll(m.wire);
            freeAll(m.rx);
        }
        team.close();
        cache.close();
    }

    private void freeAll(final SpscDescriptorRing ring)
    {
        long d;
        while ((d = ring.poll()) != SpscDescriptorRing.EMPTY)
        {
            cache.free(PacketDescriptor.handle(d));
        }
    }

    /** {@link #close()}, then check the pool has every buffer back. */
    void assertNoLeak()
    {
        close();
        pool.assertNoLeak();
    }
}
