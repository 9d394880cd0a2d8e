package dev.twinpath.vswitch.acl;

import java.util.List;

/**
 * The rules of a {@link PortAcl} flattened into parallel primitive arrays (struct of arrays), one
 * index per rule in evaluation order, so matching is a loop of compares and masks with no object
 * reference per rule. Every "any" condition compiles to a test that always holds: MAC and address
 * masks of 0, version 0, protocol -1, and the port range {@code Integer.MIN_VALUE..MAX_VALUE}, which
 * also admits the {@code -1} of a packet without ports.
 * <p>
 * Immutable after construction (final fields: safely published with the {@link PortAcl}); any thread.
 */
final class CompiledRules
{
    private static final long MAC_MASK = 0xFFFF_FFFF_FFFFL;

    private final int count;
    private final int[] directions;
    private final long[] localMacMask;
    private final long[] localMac;
    private final long[] remoteMacMask;
    private final long[] remoteMac;
    private final int[] ipVersions;
    private final long[] localMaskHi;
    private final long[] localMaskLo;
    private final long[] localHi;
    private final long[] localLo;
    private final long[] remoteMaskHi;
    private final long[] remoteMaskLo;
    private final long[] remoteHi;
    private final long[] remoteLo;
    private final int[] protocols;
    private final int[] localPortLow;
    private final int[] localPortHigh;
    private final int[] remotePortLow;
    private final int[] remotePortHigh;

    CompiledRules(final List<AclRule> rules)
    {
        count = rules.size();
        directions = new int[count];
        localMacMask = new long[count];
        localMac = new long[count];
        remoteMacMask = new long[count];
        remoteMac = new long[count];
        ipVersions = new int[count];
        localMaskHi = new long[count];
        localMaskLo = new long[count];
        localHi = new long[count];
        localLo = new long[count];
        remoteMaskHi = new long[count];
        remoteMaskLo = new long[count];
        remoteHi = new long[count];
        remoteLo = new long[count];
        protocols = new int[count];
        localPortLow = new int[count];
        localPortHigh = new int[count];
        remotePortLow = new int[count];
        remotePortHigh = new int[count];
        for (int i = 0; i < count; i++)
        {
            final AclRule rule = rules.get(i);
            directions[i] = rule.direction().bits;
            localMacMask[i] = rule.localMac() == AclRule.ANY_MAC ? 0 : MAC_MASK;
            localMac[i] = rule.localMac() & localMacMask[i];
            remoteMacMask[i] = rule.remoteMac() == AclRule.ANY_MAC ? 0 : MAC_MASK;
            remoteMac[i] = rule.remoteMac() & remoteMacMask[i];
            ipVersions[i] = rule.ipVersion();
            localMaskHi[i] = rule.localAddress().maskHi();
            localMaskLo[i] = rule.localAddress().maskLo();
            localHi[i] = rule.localAddress().hi();
            localLo[i] = rule.localAddress().lo();
            remoteMaskHi[i] = rule.remoteAddress().maskHi();
            remoteMaskLo[i] = rule.remoteAddress().maskLo();
            remoteHi[i] = rule.remoteAddress().hi();
            remoteLo[i] = rule.remoteAddress().lo();
            protocols[i] = rule.protocol();
            localPortLow[i] = low(rule.localPorts());
            localPortHigh[i] = high(rule.localPorts());
            remotePortLow[i] = low(rule.remotePorts());
            remotePortHigh[i] = high(rule.remotePorts());
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
        for (int i = 0; i < count; i++)
        {
            final int version = ipVersions[i];
            if ((directions[i] & directionBit) != 0 &&
                (lMac & localMacMask[i]) == localMac[i] &&
                (rMac & remoteMacMask[i]) == remoteMac[i] &&
                (version == 0 || version == ipVersion) &&
                (protocols[i] < 0 || protocols[i] == protocol) &&
                (lLo & localMaskLo[i]) == localLo[i] && (lHi & localMaskHi[i]) == localHi[i] &&
                (rLo & remoteMaskLo[i]) == remoteLo[i] && (rHi & remoteMaskHi[i]) == remoteHi[i] &&
                lPort >= localPortLow[i] && lPort <= localPortHigh[i] &&
                rPort >= remotePortLow[i] && rPort <= remotePortHigh[i])
            {
                return i;
            }
        }
        return PortAcl.NO_MATCH;
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
