package dev.twinpath.vswitch;

import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.vswitch.acl.AclDirection;
import dev.twinpath.vswitch.acl.AclRule;
import dev.twinpath.vswitch.acl.PortAcl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinpath.vswitch.SwitchFixture.MAC_A;
import static dev.twinpath.vswitch.SwitchFixture.MAC_B;
import static dev.twinpath.vswitch.SwitchFixture.MAC_REMOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Port ACLs applied by the switch: outbound at the sending port, inbound at the receiving one. */
class SwitchAclTest
{
    private final SwitchFixture f = new SwitchFixture(SwitchType.EXTERNAL);
    private final TestLink a = new TestLink("a");
    private final TestLink b = new TestLink("b");

    @AfterEach
    void tearDown()
    {
        f.consume(a, b, f.uplink);
        f.close();
        f.pool.assertNoLeak();
    }

    private long udp(final long src, final long dst, final String from, final String to, final int dport, final long seq)
    {
        return f.frame(new FrameTemplate().srcMac(src).dstMac(dst).addresses(from, to).ports(1234, dport).frameLength(60), 1, seq);
    }

    @Test
    void outboundRulesFilterWhatAVmSendsAndInboundRulesWhatItReceives()
    {
        f.start();
        final PortAcl acl = PortAcl.of(
            AclRule.deny(AclDirection.OUTBOUND).remoteAddress("192.168.0.0/16").build(),
            AclRule.deny(AclDirection.INBOUND).protocol(AclRule.UDP).localPort(53).build());
        final SwitchPort pa = f.vm(new PortSettings().name("a").macAddress(MAC_A).acl(acl), a);
        f.vm("b", MAC_B, b);
        f.vswitch.addStaticMac(MAC_REMOTE, 0, f.vswitch.uplink());

        a.inject(udp(MAC_A, MAC_REMOTE, "10.0.0.1", "192.168.1.1", 80, 0));  // denied outbound
        a.inject(udp(MAC_A, MAC_REMOTE, "10.0.0.1", "10.9.9.9", 80, 1));     // allowed
        f.uplink.inject(udp(MAC_REMOTE, MAC_A, "10.9.9.9", "10.0.0.1", 53, 2)); // denied inbound (local port 53)
        f.uplink.inject(udp(MAC_REMOTE, MAC_A, "192.168.1.1", "10.0.0.1", 80, 3)); // inbound from 192.168: allowed (outbound rule)
        f.run();
        assertEquals(List.of((1L << 32) | 1), f.streamSequences(f.uplink));
        assertEquals(List.of((1L << 32) | 3), f.streamSequences(a));
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.ACL_DENIED_OUTBOUND));
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.ACL_DENIED_INBOUND));
        assertEquals(1, acl.hits(0));
        assertEquals(1, acl.hits(1));
        f.assertIdentity();
    }

    @Test
    void anInboundDenyFiltersFloodCopiesPerPort()
    {
        f.start();
        final PortAcl acl = PortAcl.of(AclRule.deny(AclDirection.INBOUND).remoteMac(MAC_REMOTE).build());
        final SwitchPort pa = f.vm(new PortSettings().name("a").macAddress(MAC_A).acl(acl), a);
        f.vm("b", MAC_B, b);
        f.uplink.inject(udp(MAC_REMOTE, 0xFFFF_FFFF_FFFFL, "10.9.9.9", "10.255.255.255", 80, 0));
        f.run();
        assertEquals(0, a.delivered.size());
        assertEquals(1, b.delivered.size());
        assertEquals(1, f.vswitch.counters().copiesDropped(DropCause.ACL_DENIED_INBOUND));
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.ACL_DENIED_INBOUND));
        f.assertIdentity();
    }

    @Test
    void changingTheAclOfARunningPortTakesEffectAtTheNextBurst()
    {
        f.start();
        final SwitchPort pa = f.vm("a", MAC_A, a);
        f.vswitch.addStaticMac(MAC_REMOTE, 0, f.vswitch.uplink());
        a.inject(udp(MAC_A, MAC_REMOTE, "10.0.0.1", "10.9.9.9", 22, 0));
        f.run();
        f.vswitch.updatePort(pa, new PortSettings().macAddress(MAC_A)
            .acl(PortAcl.of(AclRule.deny(AclDirection.BOTH).protocol(AclRule.UDP).remotePort(22).build())));
        a.inject(udp(MAC_A, MAC_REMOTE, "10.0.0.1", "10.9.9.9", 22, 1));
        f.run();
        assertEquals(List.of(1L << 32), f.streamSequences(f.uplink));
        assertEquals(1, f.vswitch.counters().portDropped(pa.id(), DropCause.ACL_DENIED_OUTBOUND));
    }
}
