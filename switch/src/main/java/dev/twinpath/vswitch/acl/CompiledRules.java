package dev.twinpath.vswitch.acl;

import java.util.List;

/**
 * The rules of a {@link PortAcl} flattened into one {@code long[]}, a fixed stride of fields per
 * rule in evaluation order, so matching is a loop of compares and masks with no object reference
 * per rule and one array whose bound the loop itself checks. Every "any" condition compiles to a test that always holds: MAC and address
 * masks of 0, version 0, protocol -1, and the port range {@code Integer.MIN_VALUE..MAX_VALUE}, which
 * also admits the {@code -1} of a packet without ports.
 * <p>
 * Immutable after construction (final fields: safely published with the {@link PortAcl}); any thread.
 */
final class CompiledRules
{
    private static final long MAC_MASK = 0xFFFF_FFFF_FFFFL;

    // One rule = STRIDE longs, fields in the order the loop tests them (the remote address first: it
    // tells most rules apart), so a rule's fields share two cache lines and a rule that does not
    // match is usually left after its first load.
    private static final int REMOTE_MASK_LO = 0;
    private static final int REMOTE_LO = 1;
    private static final int META = 2;          // direction bits | version << 8 | (protocol + 1) << 16
    private static final int LOCAL_MASK_LO = 3;
    private static final int LOCAL_LO = 4;
    private static final int REMOTE_PORTS = 5;  // low << 32 | high, as signed ints
    private static final int LOCAL_PORTS = 6;
    private static final int REMOTE_MASK_HI = 7;
    private static final int REMOTE_HI = 8;
    private static final int LOCAL_MASK_HI = 9;
    private static final int LOCAL_HI = 10;
    private static final int LOCAL_MAC_MASK = 11;
    private static final int LOCAL_MAC = 12;
    private static final int REMOTE_MAC_MASK = 13;
    private static final int REMOTE_MAC = 14;
    private static final int STRIDE = 16;

    private final long[] table;

    CompiledRules(final List<AclRule> rules)
    {
        table = new long[rules.size() * STRIDE];
        for (int i = 0; i < rules.size(); i++)
        {
            final AclRule rule = rules.get(i);
            final int at = i * STRIDE;
            final long localMacMask = rule.localMac() == AclRule.ANY_MAC ? 0 : MAC_MASK;
            final long remoteMacMask = rule.remoteMac() == AclRule.ANY_MAC ? 0 : MAC_MASK;
            table[at + META] = rule.direction().bits | (long)rule.ipVersion() << 8 | (long)(rule.protocol() + 1) << 16;
            table[at + LOCAL_MAC_MASK] = localMacMask;
            table[at + LOCAL_MAC] = rule.localMac() & localMacMask;
            table[at + REMOTE_MAC_MASK] = remoteMacMask;
            table[at + REMOTE_MAC] = rule.remoteMac() & remoteMacMask;
            table[at + LOCAL_MASK_HI] = rule.localAddress().maskHi();
            table[at + LOCAL_MASK_LO] = rule.localAddress().maskLo();
            table[at + LOCAL_HI] = rule.localAddress().hi();
            table[at + LOCAL_LO] = rule.localAddress().lo();
            table[at + REMOTE_MASK_HI] = rule.remoteAddress().maskHi();
            table[at + REMOTE_MASK_LO] = rule.remoteAddress().maskLo();
            table[at + REMOTE_HI] = rule.remoteAddress().hi();
            table[at + REMOTE_LO] = rule.remoteAddress().lo();
            table[at + LOCAL_PORTS] = (long)low(rule.localPorts()) << 32 | (high(rule.localPorts()) & 0xFFFF_FFFFL);
            table[at + REMOTE_PORTS] = (long)low(rule.remotePorts()) << 32 | (high(rule.remotePorts()) & 0xFFFF_FFFFL);
        }
    }

    /**
     * First rule, in evaluation order, that matches a packet already turned to the VM's point of
     * view (local and remote). Allocation-free.
     *
     * @return the rule's index, or {@link PortAcl#NO_MATCH}.
     */
    int match(
        final int directionBit, final long lMac, final long rMac, final int ipVersion,
        final long lHi, final long lLo, final long rHi, final long rLo, final int protocol, final int lPort, final int rPort)
    {
        final long[] t = table;
        for (int at = 0; at + STRIDE <= t.length; at += STRIDE)
        {
            if ((rLo & t[at + REMOTE_MASK_LO]) != t[at + REMOTE_LO])
            {
                continue;
            }
            final long meta = t[at + META];
            final int version = (int)(meta >>> 8) & 0xFF;
            final int ruleProtocol = (int)(meta >>> 16) - 1;
            if ((meta & directionBit) == 0 ||
                (version != 0 && version != ipVersion) ||
                (ruleProtocol >= 0 && ruleProtocol != protocol) ||
                (lLo & t[at + LOCAL_MASK_LO]) != t[at + LOCAL_LO] ||
                !inRange(rPort, t[at + REMOTE_PORTS]) || !inRange(lPort, t[at + LOCAL_PORTS]) ||
                (rHi & t[at + REMOTE_MASK_HI]) != t[at + REMOTE_HI] ||
                (lHi & t[at + LOCAL_MASK_HI]) != t[at + LOCAL_HI] ||
                (lMac & t[at + LOCAL_MAC_MASK]) != t[at + LOCAL_MAC] ||
                (rMac & t[at + REMOTE_MAC_MASK]) != t[at + REMOTE_MAC])
            {
                continue;
            }
            return at / STRIDE;
        }
        return PortAcl.NO_MATCH;
    }

    private static boolean inRange(final int port, final long range)
    {
        return port >= (int)(range >>> 32) && port <= (int)range;
    }

    private static int low(final PortRange ports)
    {
        return ports.isAny() ? Integer.MIN_VALUE : ports.low();
    }

    private static int high(final PortRange ports)
    {
        return ports.isAny() ? Integer.MAX_VALUE : ports.high();
    }
}
