package dev.twinpath.bench.jmh;

import dev.twinpath.vswitch.acl.AclDirection;
import dev.twinpath.vswitch.acl.AclRule;
import dev.twinpath.vswitch.acl.PortAcl;

/**
 * The ACL of the {@code vswitch} suite's VM port: nine deny rules of the kind an administrator
 * writes (management ports, other private ranges, name service, NetBIOS, ULA, ICMP, one MAC) that
 * the benchmark traffic does not match, evaluated first (weight 100), and one allow rule for the
 * traffic's 10.0.0.0/8 UDP (weight 1), so every frame walks all {@value #RULES} rules.
 */
final class AclRules
{
    static final int RULES = 10;

    private AclRules()
    {
    }

    static PortAcl tenRules()
    {
        final AclDirection both = AclDirection.BOTH;
        return PortAcl.of(
            AclRule.deny(both).weight(100).remoteAddress("192.168.0.0/16").build(),
            AclRule.deny(both).weight(100).remoteAddress("172.16.0.0/12").build(),
            AclRule.deny(both).weight(100).protocol(AclRule.TCP).localPort(22).build(),
            AclRule.deny(both).weight(100).protocol(AclRule.TCP).localPort(3389).build(),
            AclRule.deny(both).weight(100).protocol(AclRule.UDP).remotePort(53).build(),
            AclRule.deny(both).weight(100).protocol(AclRule.UDP).localPorts(137, 139).build(),
            AclRule.deny(both).weight(100).remoteAddress("fd00::/8").build(),
            AclRule.deny(both).weight(100).protocol(AclRule.ICMP).build(),
            AclRule.deny(both).weight(100).remoteMac(0x0011_2233_4455L).build(),
            AclRule.allow(both).weight(1).remoteAddress("10.0.0.0/8").protocol(AclRule.UDP).build());
    }
}
