package dev.twinpath.vswitch;

import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.vswitch.acl.AclDirection;
import dev.twinpath.vswitch.acl.AclRule;
import dev.twinpath.vswitch.acl.PortAcl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinpath.vswitch.SwitchFixture.MAC_A;
import static dev.twinpath.vswitch.SwitchFixture.MAC_B;
import static dev.twinpath.vswitch.SwitchFixture.MAC_C;
import static dev.twinpath.vswitch.SwitchFixture.MAC_REMOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a guest can send or an administrator can do that must not break isolation or accounting. */
class SwitchHostileInputTest
{
    @Test
    void descriptorsOfNoKnownKindAreCountedAndNothingIsFreedForThem()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            final SwitchPort pa = f.vm("a", MAC_A, a);
            f.vm("b", MAC_B, b);
            final long good = f.frame(MAC_A, MAC_B, -1, 1, 0);
            a.inject((2L << 56) | (good & 0xFF_FFFF_FFFF_FFFFL)); // kind 2, naming a live buffer
            a.inject(PacketDescriptor.NULL_DESCRIPTOR);
            a.inject(good);
            f.run();
            assertEquals(2, f.vswitch.counters().portDropped(pa.id(), DropCause.INVALID_DESCRIPTOR));
            assertEquals(3, f.vswitch.counters().received());
            assertEquals(List.of(1L << 32), f.streamSequences(b), "the good frame went through, once");
            f.assertIdentity();
            f.consume(a, b);
            f.close();
            f.pool.assertNoLeak(); // the buffer named by the kind-2 descriptor was freed once, by its owner
        }
    }

    @Test
    void aStaticEntryLeavesWithItsPortAndDoesNotPassToTheNextPortInItsSlot()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.start();
            final TestLink x = new TestLink("x");
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            f.vm("x", MAC_A, x);
            final SwitchPort pa = f.vm("a", MAC_B, a);
            f.vswitch.addStaticMac(MAC_REMOTE, 0, pa);
            f.vswitch.removePort(pa);
            final SwitchPort pb = f.vm("b", MAC_C, b);
            assertEquals(pa.id(), pb.id(), "the slot is reused");
            x.inject(f.frame(MAC_A, MAC_REMOTE, -1, 1, 0));
            f.run();
            assertEquals(0, f.vswitch.counters().forwarded(), "not forwarded to B as if it were A");
            assertEquals(1, f.vswitch.counters().flooded(), "unknown again: flooded");
            f.consume(x, a, b);
        }
    }

    @Test
    void framesReadFromAPortBeforeItWasRemovedAreNotTakenForTheNextPortInItsSlot()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.context.maxBurst(4).ringBursts(4);
            f.start();
            final TestLink x = new TestLink("x");
            final TestLink c = new TestLink("c");
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            final SwitchPort px = f.vm("x", MAC_A, x);
            f.vswitch.addStaticMac(MAC_A, 0, px);
            f.vm(new PortSettings().name("c").macAddress(MAC_REMOTE), c);
            final SwitchPort pa = f.vm("a", MAC_B, a);
            x.room = 2; // X takes two frames, then holds the switch (lossless)
            for (int i = 0; i < 4; i++)
            {
                c.inject(f.frame(MAC_REMOTE, MAC_A, -1, 2, i));
                a.inject(f.frame(MAC_B, MAC_A, -1, 1, i));
            }
            f.vswitch.doWork(); // reads a burst of C and one of A; C's blocks on X, A's waits in the ring
            assertTrue(f.vswitch.isBlocked());
            f.vswitch.removePort(pa);
            final SwitchPort pb = f.vm(new PortSettings().name("b").macAddress(MAC_C), b);
            assertEquals(pa.id(), pb.id());
            x.room = Integer.MAX_VALUE;
            f.run();
            assertEquals(4, x.delivered.size(), "C's burst is delivered");
            assertEquals(List.of(2L << 32, (2L << 32) | 1, (2L << 32) | 2, (2L << 32) | 3), f.streamSequences(x));
            assertEquals(4, f.vswitch.counters().dropped(DropCause.PORT_REMOVED), "the one read but not switched is dropped");
            assertEquals(0, f.vswitch.counters().portDropped(pb.id(), DropCause.SPOOFED_SOURCE), "not judged as B's");
            assertEquals(2, f.vswitch.macTableSize(), "X (static) and C: B never learned A's address");
            f.assertIdentity();
            f.consume(x, c, a, b);
            f.close();
            f.pool.assertNoLeak();
        }
    }

    @Test
    void aFirstFragmentCarriesItsPortsToTheAcl()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink b = new TestLink("b");
            final SwitchPort pa = f.vm(new PortSettings().name("a").macAddress(MAC_A)
                .acl(PortAcl.of(AclRule.deny(AclDirection.OUTBOUND).protocol(AclRule.TCP).remotePort(22).build())), a);
            f.vm("b", MAC_B, b);
            final long d = f.frame(new FrameTemplate().srcMac(MAC_A).dstMac(MAC_B).protocol(FrameTemplate.TCP)
                .ports(40000, 22), 1, 0);
            final int at = f.pool.dataOffset(PacketDescriptor.handle(d));
            f.memory.putByte(at + 14 + 6, (byte)0x20); // more fragments, offset 0: the first fragment
            a.inject(d);
            f.run();
            assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.ACL_DENIED_OUTBOUND));
            assertEquals(0, b.delivered.size());
            f.consume(a, b);
        }
    }

    @Test
    void aLinkThatThrowsIsReportedAndItsFramesSettledWithoutStoppingTheSwitch()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            final List<Throwable> reported = new java.util.ArrayList<>();
            f.context.errorHandler(reported::add);
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink c = new TestLink("c");
            final TestLink broken = new TestLink("broken")
            {
                @Override
                public int transmit(final long[] descriptors, final int offset, final int count)
                {
                    throw new IllegalStateException("adapter bug");
                }
            };
            f.vm("a", MAC_A, a);
            final SwitchPort pb = f.vm("b", MAC_B, broken);
            f.vm("c", MAC_C, c);
            f.vswitch.addStaticMac(MAC_B, 0, pb);
            f.vswitch.addStaticMac(MAC_C, 0, f.vswitch.ports().get(2));
            a.inject(f.frame(MAC_A, MAC_B, -1, 1, 0));
            a.inject(PacketDescriptor.marker(9, pb.id()));
            a.inject(f.frame(MAC_A, MAC_C, -1, 1, 1));
            f.run();
            assertEquals(1, reported.size());
            assertEquals(1, f.vswitch.counters().linkErrors());
            assertEquals(1, f.vswitch.counters().portDropped(pb.id(), DropCause.LINK_ERROR));
            assertEquals(List.of((1L << 32) | 1), f.streamSequences(c), "the other port still gets its frame");
            a.inject(f.frame(MAC_A, MAC_C, -1, 1, 2));
            f.run();
            assertEquals(2, c.delivered.size(), "and the switch goes on");
            f.assertIdentity();
            f.consume(a, c);
            f.close();
            f.pool.assertNoLeak();
        }
    }

    @Test
    void aHungLossyGuestWithAWaitingMarkerDoesNotHoldTheOtherPorts()
    {
        try (SwitchFixture f = new SwitchFixture(SwitchType.PRIVATE))
        {
            f.start();
            final TestLink a = new TestLink("a");
            final TestLink hung = new TestLink("hung");
            final TestLink c = new TestLink("c");
            f.vm("a", MAC_A, a);
            final SwitchPort ph = f.vm(new PortSettings().name("hung").macAddress(MAC_B).lossless(false), hung);
            final SwitchPort pc = f.vm("c", MAC_C, c);
            f.vswitch.addStaticMac(MAC_C, 0, pc);
            hung.room = 0;
            a.inject(PacketDescriptor.marker(7, PacketDescriptor.MAX_PORT)); // to every port, the hung one too
            for (int i = 0; i < 200; i++)
            {
                a.inject(f.frame(MAC_A, MAC_C, -1, 1, i));
            }
            f.run();
            assertEquals(201, c.delivered.size(), "the marker and every frame reached C");
            assertTrue(!f.vswitch.isBlocked());
            hung.room = Integer.MAX_VALUE;
            f.run();
            assertEquals(1, hung.delivered.size(), "the marker waited for the hung guest, and got there");
            assertEquals(0, f.vswitch.counters().portDropped(ph.id()));
            f.consume(a, hung, c);
        }
    }
}
