package dev.twinpath.bench.jmh;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.codec.EthernetFrames;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import dev.twinpath.vmbus.VmBusChannel;
import dev.twinpath.vmbus.VmBusEndpoint;
import dev.twinpath.vswitch.PortSettings;
import dev.twinpath.vswitch.PortVlan;
import dev.twinpath.vswitch.SwitchType;
import dev.twinpath.vswitch.VirtualSwitch;
import dev.twinpath.vswitch.VirtualSwitchContext;
import dev.twinpath.vswitch.VmBusPortLink;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteOrder;

/**
 * Suite {@code vswitch}: 60-byte UDP frames (64 on the wire) of {@value #FLOWS} flows through the
 * virtual switch on two threads: the switch agent alone on one, the VM's guest and the wire peer on
 * the other. The VM's port is in access VLAN {@value #VLAN} with a {@value AclRules#RULES}-rule ACL
 * (every rule evaluated: the one that admits the traffic has the lowest weight); the uplink carries
 * the VLAN tagged; the MAC table has learned both ends before the measurement.
 * <ul>
 *     <li><b>vmToUplink</b>: the guest sends bursts on its VMBus channel; the switch classifies,
 *     checks spoofing, VLAN and the outbound ACL, learns and looks up, tags the frame for VLAN 10 and
 *     writes it to the uplink; the wire peer checks every flow's sequence, strips the tag and
 *     recycles the buffer.</li>
 *     <li><b>uplinkToVm</b>: the wire peer sends tagged frames; the switch strips the tag, checks the
 *     inbound ACL and delivers on the VM's channel; the guest checks and re-tags.</li>
 * </ul>
 * The score is frames that arrived in per-flow order per second ({@link Peer#received}); one out of
 * order fails the run. The uplink is a VMBus channel too (standing in for the PF default queue).
 * <p>
 * Threads: {@link Lab} is shared by the group; {@link Peer} belongs to the guest/peer thread.
 */
public class VSwitchBenchmark
{
    public static final int FLOWS = 1024;
    public static final int BURST = 32;
    public static final int VLAN = 10;
    private static final int BUFFERS = 4096;
    /**
     * Slots sized for the suite's frames: 192 bytes of data room, 256-byte slots, so the 4,096 buffers
     * span 1 MiB. With the default 2 KiB slots they span 8 MiB, 2,048 pages of 4 KiB, and every frame
     * costs both cores a TLB miss: Java gives direct memory no huge pages (DPDK's answer). The
     * {@code *2k} groups measure the default slots in the same run.
     */
    static final int SMALL_SLOT_DATA_ROOM = 192;
    /** The pool's default data room (2 KiB slots plus metadata), for the {@code *2k} groups. */
    static final int DEFAULT_SLOT_DATA_ROOM = new PacketPool.Context().dataRoom();
    private static final long VM_MAC = 0x0215_5D00_0001L;
    private static final long REMOTE_MAC = 0x00AA_BBCC_0001L;

    /** The switch, the VM's channel, the uplink channel and the frames; one per group. */
    public abstract static class Lab
    {
        PacketPool pool;
        UnsafeBuffer memory;
        final VmBusChannel vm = new VmBusChannel(new VmBusChannel.Context().name("vm1").maxBurst(BURST).conclude());
        final VmBusChannel wire = new VmBusChannel(new VmBusChannel.Context().name("wire").maxBurst(BURST).conclude());
        VirtualSwitch vswitch;
        final long[] descriptors = new long[BUFFERS];
        final int[] flowOf = new int[BUFFERS + 64];
        int payloadOffset;
        VmBusEndpoint sender;
        VmBusEndpoint receiver;
        boolean tagOnSend;

        void build(final boolean fromVm, final int dataRoom)
        {
            pool = new PacketPool(new PacketPool.Context().name("vswitch").slotCount(BUFFERS + 64).cacheSize(256)
                .dataRoom(dataRoom));
            memory = pool.buffer();
            vswitch = new VirtualSwitch(new VirtualSwitchContext().name("external").type(SwitchType.EXTERNAL)
                .pool(pool).uplink(new VmBusPortLink(wire.host())).ringBursts(64));
            vswitch.addVmAdapter(new PortSettings().name("vm1").macAddress(VM_MAC).vlan(PortVlan.access(VLAN))
                .acl(AclRules.tenRules()), new VmBusPortLink(vm.host()));
            final FrameTemplate template = new FrameTemplate().srcMac(fromVm ? VM_MAC : REMOTE_MAC)
                .dstMac(fromVm ? REMOTE_MAC : VM_MAC).ipv4(0x0A00_0001, 0x0A00_0002);
            final FrameBuilder builder = new FrameBuilder(template.conclude());
            payloadOffset = builder.payloadHeaderOffset();
            learn();
            for (int i = 0; i < BUFFERS; i++)
            {
                final int handle = pool.allocate();
                final int flow = i % FLOWS;
                flowOf[handle] = flow;
                final int at = pool.dataOffset(handle);
                int length = builder.write(memory, at, 1024 + flow, 5001, flow, 0, 0);
                memory.putShort(at + builder.l4Offset() + 6, (short)0, ByteOrder.BIG_ENDIAN); // no UDP checksum
                if (!fromVm)
                {
                    length = EthernetFrames.insertTag(memory, at, length, VLAN);
                }
                descriptors[i] = PacketDescriptor.packet(handle, length, 0, 0);
            }
            sender = fromVm ? vm.guest() : wire.guest();
            receiver = fromVm ? wire.guest() : vm.guest();
            tagOnSend = !fromVm;
        }

        /** One frame each way so the MAC table knows both ends before the measurement. */
        private void learn()
        {
            final FrameBuilder out = new FrameBuilder(new FrameTemplate().srcMac(VM_MAC).dstMac(REMOTE_MAC).conclude());
            final FrameBuilder in = new FrameBuilder(new FrameTemplate().srcMac(REMOTE_MAC).dstMac(VM_MAC).vlan(VLAN, 0).conclude());
            final long[] one = new long[1];
            final int h1 = pool.allocate();
            one[0] = PacketDescriptor.packet(h1, out.write(memory, pool.dataOffset(h1), 0, 0, 0), 0);
            vm.guest().sendBurst(one, 0, 1);
            final int h2 = pool.allocate();
            one[0] = PacketDescriptor.packet(h2, in.write(memory, pool.dataOffset(h2), 0, 0, 0), 0);
            wire.guest().sendBurst(one, 0, 1);
            for (int i = 0; i < 10; i++)
            {
                vswitch.doWork();
            }
            for (final VmBusEndpoint e : new VmBusEndpoint[]{vm.guest(), wire.guest()})
            {
                while (e.receiveBurst(one, 0, 1) == 1)
                {
                    pool.free(PacketDescriptor.handle(one[0]));
                }
            }
            if (vswitch.macTableSize() != 2)
            {
                throw new IllegalStateException("the switch did not learn both ends: " + vswitch.macTableEntries());
            }
        }

        @TearDown(Level.Trial)
        public void close()
        {
            vswitch.close();
            vm.close();
            wire.close();
        }
    }

    @State(Scope.Group)
    public static class VmToUplinkLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(true, SMALL_SLOT_DATA_ROOM);
        }
    }

    @State(Scope.Group)
    public static class UplinkToVmLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(false, SMALL_SLOT_DATA_ROOM);
        }
    }

    @State(Scope.Group)
    public static class VmToUplink2kLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(true, DEFAULT_SLOT_DATA_ROOM);
        }
    }

    @State(Scope.Group)
    public static class UplinkToVm2kLab extends Lab
    {
        @Setup(Level.Trial)
        public void setUp()
        {
            build(false, DEFAULT_SLOT_DATA_ROOM);
        }
    }

    /** The guest and the wire peer: free buffers, per-flow sequences, the score. Guest/peer thread. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Peer
    {
        /** Frames received in per-flow order, this iteration: the score. */
        public long received;
        /** Frames out of per-flow order (fails the run). */
        public long outOfOrder;

        final long[] free = new long[BUFFERS];
        int freeCount = -1;
        final FlowSequences sequences = new FlowSequences(FLOWS);
        final long[] burst = new long[BURST];
        final long[] inbound = new long[BURST];
        int pending;
        int from;

        @Setup(Level.Iteration)
        public void reset()
        {
            received = 0;
            outOfOrder = 0;
        }

        @TearDown(Level.Iteration)
        public void check()
        {
            if (outOfOrder != 0)
            {
                throw new IllegalStateException(outOfOrder + " frames arrived out of per-flow order");
            }
        }

        void step(final Lab lab)
        {
            if (freeCount < 0)
            {
                System.arraycopy(lab.descriptors, 0, free, 0, BUFFERS);
                freeCount = BUFFERS;
            }
            if (pending == 0)
            {
                pending = stamp(lab);
                from = 0;
            }
            final int sent = lab.sender.sendBurst(burst, from, pending);
            from += sent;
            pending -= sent;
            final int n = lab.receiver.receiveBurst(inbound, 0, BURST);
            if (n > 0)
            {
                take(lab, n);
            }
        }

        private int stamp(final Lab lab)
        {
            final int n = Math.min(BURST, freeCount);
            freeCount -= n;
            System.arraycopy(free, freeCount, burst, 0, n);
            final int tag = lab.tagOnSend ? EthernetFrames.TAG_LENGTH : 0;
            for (int i = 0; i < n; i++)
            {
                final int handle = PacketDescriptor.handle(burst[i]);
                final int at = lab.pool.dataOffset(handle) + tag + lab.payloadOffset;
                sequences.stamp(lab.memory, at, lab.flowOf[handle]);
            }
            return n;
        }

        /** Check each frame's flow sequence, then put the frame back as the sender sends it. */
        private void take(final Lab lab, final int n)
        {
            for (int i = 0; i < n; i++)
            {
                long d = inbound[i];
                final int at = lab.pool.dataOffset(PacketDescriptor.handle(d));
                final int tagged = PacketDescriptor.length(d) == 64 ? EthernetFrames.TAG_LENGTH : 0;
                final int header = at + tagged + lab.payloadOffset;
                if (sequences.inOrder(lab.memory, header))
                {
                    received++;
                }
                else
                {
                    outOfOrder++;
                }
                if (lab.tagOnSend && tagged == 0)
                {
                    d = PacketDescriptor.withLength(d, EthernetFrames.insertTag(lab.memory, at, PacketDescriptor.length(d), VLAN));
                }
                else if (!lab.tagOnSend && tagged != 0)
                {
                    d = PacketDescriptor.withLength(d, EthernetFrames.stripTag(lab.memory, at, PacketDescriptor.length(d)));
                }
                free[freeCount++] = d;
            }
        }
    }

    @Benchmark
    @Group("vmToUplink")
    @GroupThreads(1)
    public int vmToUplinkSwitch(final VmToUplinkLab lab)
    {
        return lab.vswitch.doWork();
    }

    @Benchmark
    @Group("vmToUplink")
    @GroupThreads(1)
    public void vmToUplinkGuestAndPeer(final VmToUplinkLab lab, final Peer peer)
    {
        peer.step(lab);
    }

    @Benchmark
    @Group("uplinkToVm")
    @GroupThreads(1)
    public int uplinkToVmSwitch(final UplinkToVmLab lab)
    {
        return lab.vswitch.doWork();
    }

    @Benchmark
    @Group("uplinkToVm")
    @GroupThreads(1)
    public void uplinkToVmPeerAndGuest(final UplinkToVmLab lab, final Peer peer)
    {
        peer.step(lab);
    }

    @Benchmark
    @Group("vmToUplink2k")
    @GroupThreads(1)
    public int vmToUplink2kSwitch(final VmToUplink2kLab lab)
    {
        return lab.vswitch.doWork();
    }

    @Benchmark
    @Group("vmToUplink2k")
    @GroupThreads(1)
    public void vmToUplink2kGuestAndPeer(final VmToUplink2kLab lab, final Peer peer)
    {
        peer.step(lab);
    }

    @Benchmark
    @Group("uplinkToVm2k")
    @GroupThreads(1)
    public int uplinkToVm2kSwitch(final UplinkToVm2kLab lab)
    {
        return lab.vswitch.doWork();
    }

    @Benchmark
    @Group("uplinkToVm2k")
    @GroupThreads(1)
    public void uplinkToVm2kPeerAndGuest(final UplinkToVm2kLab lab, final Peer peer)
    {
        peer.step(lab);
    }
}
