package dev.twinpath.vswitch.acl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The ACL of one VM port: its rules in evaluation order, compiled into {@link CompiledRules}, and a
 * hit counter per rule. The first matching rule decides; a packet no rule matches is allowed
 * (Hyper-V's default).
 * <p>
 * <b>Order.</b> Higher {@link AclRule#weight()} first, as Hyper-V evaluates extended ACLs. Equal
 * weights: the higher {@link AclRule#specificity()} first (the more specific rule wins, as for
 * Hyper-V's basic ACLs); then {@code Deny} before {@code Allow}; then the order given. Rule indexes
 * ({@link #rule(int)}, {@link #evaluate} results, {@link #hits(int)}) are positions in this order.
 * <p>
 * <b>Threading.</b> The rules are an immutable snapshot (final fields), so a {@code PortAcl} may be
 * built on a control thread and handed to the switch thread by any safe handoff; to change the
 * rules, build a new one and swap it in (its counters start at zero). {@link #match} may run on any
 * thread. {@link #evaluate} and {@link #allows} count hits, so only the port's single switch thread
 * may call them: it writes each counter with {@code setOpaque}, and {@link #hits(int)} and
 * {@link #noMatchHits()} read with {@code getOpaque} from any thread (whole, eventually visible
 * values, no order between them). Give each port its own instance.
 */
public final class PortAcl
{
    /** Most rules one port may have. */
    public static final int MAX_RULES = 1024;
    /** {@link #evaluate}/{@link #match} result when no rule matches: the packet is allowed. */
    public static final int NO_MATCH = -1;

    private static final Comparator<AclRule> EVALUATION_ORDER = Comparator
        .comparingInt(AclRule::weight).reversed()
        .thenComparing(Comparator.comparingInt(AclRule::specificity).reversed())
        .thenComparing(rule -> rule.action() == AclAction.ALLOW);
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);

    private final List<AclRule> rules;
    private final CompiledRules compiled;
    private final AclFlowCache cache;
    private final boolean[] allow;
    /** One counter per rule, then the no-match counter. */
    private final long[] hits;

    private PortAcl(final List<AclRule> rules)
    {
        this.rules = rules;
        this.compiled = new CompiledRules(rules);
        this.cache = rules.isEmpty() ? null : new AclFlowCache();
        this.allow = new boolean[rules.size()];
        for (int i = 0; i < allow.length; i++)
        {
            allow[i] = rules.get(i).action() == AclAction.ALLOW;
        }
        this.hits = new long[rules.size() + 1];
    }

    /**
     * @param rules in any order, at most {@value #MAX_RULES}; sorted into evaluation order.
     * @throws IllegalArgumentException for too many rules or a null one.
     */
    public static PortAcl of(final Collection<AclRule> rules)
    {
        if (rules.size() > MAX_RULES)
        {
            throw new IllegalArgumentException("rules: at most " + MAX_RULES + " per port: " + rules.size());
        }
        final List<AclRule> ordered = new ArrayList<>(rules.size());
        for (final AclRule rule : rules)
        {
            if (rule == null)
            {
                throw new IllegalArgumentException("rules: null rule at position " + ordered.size());
            }
            ordered.add(rule);
        }
        ordered.sort(EVALUATION_ORDER); // stable: the given order breaks the last ties
        return new PortAcl(List.copyOf(ordered));
    }

    public static PortAcl of(final AclRule... rules)
    {
        return of(Arrays.asList(rules));
    }

    /** @return an ACL without rules: everything is allowed. */
    public static PortAcl empty()
    {
        return of(List.of());
    }

    public int size()
    {
        return rules.size();
    }

    /** @return the rule at {@code index} in evaluation order. */
    public AclRule rule(final int index)
    {
        return rules.get(index);
    }

    /** @return the rules in evaluation order (unmodifiable). */
    public List<AclRule> rules()
    {
        return rules;
    }

    /**
     * Data path, any thread: the first rule matching a packet; counts nothing. Addresses as in
     * {@code ParsedFrame} (IPv4 in the low 32 bits of the lo word, hi 0).
     *
     * @param direction {@link AclDirection#INBOUND} (to the VM: local = destination) or
     *                  {@link AclDirection#OUTBOUND} (from the VM: local = source).
     * @param ipVersion 4, 6, or 0 for a frame that is not IP.
     * @param protocol  the IP protocol, or -1 when not IP.
     * @param srcPort   TCP/UDP source port, or -1 when the packet has none.
     * @return the rule's index, or {@link #NO_MATCH}.
     * @throws IllegalArgumentException for {@link AclDirection#BOTH}: a packet travels one way (a
     *                                  programming error, never a property of the packet).
     */
    public int match(
        final AclDirection direction, final long srcMac, final long dstMac, final int ipVersion,
        final long srcHi, final long srcLo, final long dstHi, final long dstLo,
        final int protocol, final int srcPort, final int dstPort)
    {
        if (direction == AclDirection.OUTBOUND)
        {
            return compiled.match(
                direction.bits, srcMac, dstMac, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort);
        }
        if (direction == AclDirection.INBOUND)
        {
            return compiled.match(
                direction.bits, dstMac, srcMac, ipVersion, dstHi, dstLo, srcHi, srcLo, protocol, dstPort, srcPort);
        }
        throw new IllegalArgumentException("direction of a packet must be INBOUND or OUTBOUND: " + direction);
    }

    /**
     * Data path, the port's switch thread only: {@link #match}, counting the hit on the matching rule
     * or on {@link #noMatchHits()}. Decisions are remembered per flow ({@link AclFlowCache}): the
     * first packet of a flow walks the rules, the next ones take one cache line. Allocation-free.
     *
     * @return the rule's index, or {@link #NO_MATCH}.
     */
    public int evaluate(
        final AclDirection direction, final long srcMac, final long dstMac, final int ipVersion,
        final long srcHi, final long srcLo, final long dstHi, final long dstLo,
        final int protocol, final int srcPort, final int dstPort)
    {
        final int index;
        if (allow.length == 0)
        {
            index = NO_MATCH;
        }
        else
        {
            final boolean outbound = direction == AclDirection.OUTBOUND;
            if (!outbound && direction != AclDirection.INBOUND)
            {
                throw new IllegalArgumentException("direction of a packet must be INBOUND or OUTBOUND: " + direction);
            }
            // The cache key is the packet as it travels (the direction is part of it); only a miss turns
            // it to the VM's point of view (local, remote) for the rule walk.
            final long meta = AclFlowCache.meta(direction.bits, ipVersion, protocol, srcPort, dstPort);
            final boolean compact = AclFlowCache.isCompact(ipVersion, srcHi, dstHi, srcLo, dstLo);
            final int cached = compact ?
                cache.lookupCompact(meta, srcMac, dstMac, srcLo, dstLo) :
                cache.lookup(meta, srcMac, dstMac, srcHi, srcLo, dstHi, dstLo);
            if (cached != AclFlowCache.MISS)
            {
                index = cached;
            }
            else
            {
                index = outbound ?
                    compiled.match(direction.bits, srcMac, dstMac, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort) :
                    compiled.match(direction.bits, dstMac, srcMac, ipVersion, dstHi, dstLo, srcHi, srcLo, protocol, dstPort, srcPort);
                if (compact)
                {
                    cache.fillCompact(meta, srcMac, dstMac, srcLo, dstLo, index);
                }
                else
                {
                    cache.fill(meta, srcMac, dstMac, srcHi, srcLo, dstHi, dstLo, index);
                }
            }
        }
        final int counter = index == NO_MATCH ? allow.length : index;
        // opaque: single writer (the switch thread), plain read of its own last write; pairs with getOpaque in hits()
        COUNTER.setOpaque(hits, counter, hits[counter] + 1);
        return index;
    }

    /**
     * Data path, the port's switch thread only: {@link #evaluate} and apply the action.
     *
     * @return true when the matching rule allows the packet or no rule matches.
     */
    public boolean allows(
        final AclDirection direction, final long srcMac, final long dstMac, final int ipVersion,
        final long srcHi, final long srcLo, final long dstHi, final long dstLo,
        final int protocol, final int srcPort, final int dstPort)
    {
        final int index = evaluate(direction, srcMac, dstMac, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort);
        return index == NO_MATCH || allow[index];
    }

    /** @return packets the rule at {@code index} decided. Any thread (opaque read). */
    public long hits(final int index)
    {
        if (index < 0 || index >= allow.length)
        {
            throw new IndexOutOfBoundsException("rule index " + index + " of " + allow.length + " rules");
        }
        return (long)COUNTER.getOpaque(hits, index);
    }

    /** @return packets no rule matched (allowed by default). Any thread (opaque read). */
    public long noMatchHits()
    {
        return (long)COUNTER.getOpaque(hits, allow.length);
    }

    /** @return the rules in evaluation order, one a line, each with its index and hits. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rules.size(); i++)
        {
            sb.append(i).append(": ").append(rules.get(i)).append(" (hits ").append(hits(i)).append(")\n");
        }
        return sb.append("default: Allow (hits ").append(noMatchHits()).append(")").toString();
    }
}
