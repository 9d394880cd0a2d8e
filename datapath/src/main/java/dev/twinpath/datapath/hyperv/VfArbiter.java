package dev.twinpath.datapath.hyperv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who gets one of the finite virtual functions of one NIC. Pure and deterministic: it answers with
 * {@link VfDecision}s that the lab executes (offer a VF, revoke one, leave the adapter on the synthetic
 * path with a reason) and keeps no other state than its bookkeeping.
 * <p>
 * Rules, in order, for an adapter that asks ({@link #request}):
 * <ol>
 * <li>the host or switch cannot use SR-IOV: {@link VfDecision.Outcome#DENY} with {@link IovSupport#adapterReason()}
 * ({@link IovSupportReason#HOST_NOT_SUPPORTED} or {@link IovSupportReason#SWITCH_NOT_IOV_ENABLED});</li>
 * <li>{@code IovWeight} 0: {@link VfDecision.Outcome#DENY} with {@link IovSupportReason#ADAPTER_IOV_WEIGHT_ZERO}, never a VF
 * until its weight rises;</li>
 * <li>a VF is free: {@link VfDecision.Outcome#GRANT};</li>
 * <li>else {@link VfDecision.Outcome#WAIT} on the synthetic path with {@link IovSupportReason#VF_POOL_EXHAUSTED}.</li>
 * </ol>
 * A VF that becomes free goes at once to the waiting adapter with the highest weight; ties go to the one
 * waiting longest. Hence no adapter waits while a VF is free. <b>No preemption</b>: a higher-weight adapter
 * never takes the VF of a lower-weight holder, because a revoke costs the holder two data-path
 * switches and the weight only ranks adapters at the moment a VF is handed out. Lowering a holder's weight
 * to 0 revokes its VF ({@link #setWeight}).
 * <p>
 * Control thread.
 */
public final class VfArbiter
{
    /** Where an adapter stands. */
    public enum State
    {
        /** Registered, not asking for a VF (VM off, or the adapter released its VF). */
        IDLE,
        /** Holds a VF. */
        HOLDING,
        /** Asked; waits for a VF to be released. */
        WAITING,
        /** Asked; gets none for {@link VfArbiter#reason(String)}. */
        DENIED
    }

    private static final class Entry
    {
        final String name;
        int weight;
        State state = State.IDLE;
        IovSupportReason reason;
        long waitingSince;

        Entry(final String name, final int weight)
        {
            this.name = name;
            this.weight = weight;
        }
    }

    private final int totalVfs;
    private final IovSupport support;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int vfsInUse;
    private long waitSequence;

    /**
     * @param totalVfs virtual functions of the NIC, 0..{@value HostPlatform#MAX_TOTAL_VFS}.
     * @param support  whether the host and switch can use SR-IOV.
     */
    public VfArbiter(final int totalVfs, final IovSupport support)
    {
        if (totalVfs < 0 || totalVfs > HostPlatform.MAX_TOTAL_VFS)
        {
            throw new IllegalArgumentException("totalVfs must be 0.." + HostPlatform.MAX_TOTAL_VFS + ": " + totalVfs);
        }
        this.totalVfs = totalVfs;
        this.support = support;
    }

    /** @return an arbiter over the virtual functions of {@code vmSwitch} (none when it cannot use SR-IOV). */
    public static VfArbiter forSwitch(final VmSwitchIov vmSwitch)
    {
        return new VfArbiter(vmSwitch.virtualFunctionCount(), vmSwitch.support());
    }

    /** Register an adapter with {@code IovWeight} {@code iovWeight}; it starts {@link State#IDLE}. */
    public void register(final String adapter, final int iovWeight)
    {
        if (adapter == null || adapter.isBlank())
        {
            throw new IllegalArgumentException("adapter: a name is required");
        }
        AdapterIovSettings.checkIovWeight(iovWeight);
        if (entries.containsKey(adapter))
        {
            throw new IllegalArgumentException("adapter '" + adapter + "' is already registered");
        }
        entries.put(adapter, new Entry(adapter, iovWeight));
    }

    /** Register an adapter with the weight of its settings (later changes go through {@link #setWeight}). */
    public void register(final String adapter, final AdapterIovSettings settings)
    {
        register(adapter, settings.iovWeight());
    }

    /** Forget an adapter; its VF, if it held one, goes to the next waiter. @return adapters to offer a VF. */
    public List<String> unregister(final String adapter)
    {
        final List<String> offers = release(adapter);
        entries.remove(adapter);
        return offers;
    }

    /**
     * The adapter wants a VF (its VM runs and it is connected). Asking again is harmless: a holder is
     * granted again, a waiter keeps its place.
     *
     * @return GRANT (offer it a VF), WAIT or DENY with the reason it stays synthetic.
     */
    public VfDecision request(final String adapter)
    {
        final Entry e = entry(adapter);
        if (e.state == State.HOLDING)
        {
            return new VfDecision(adapter, VfDecision.Outcome.GRANT, null);
        }
        if (e.state == State.WAITING)
        {
            return new VfDecision(adapter, VfDecision.Outcome.WAIT, e.reason);
        }
        return evaluate(e);
    }

    /**
     * The adapter gives its VF back and stops asking (VM stopped, adapter disconnected, migrated away).
     * Idempotent: an adapter that holds nothing just stops waiting.
     *
     * @return the adapters that now hold the freed VF and must be offered it (at most one).
     */
    public List<String> release(final String adapter)
    {
        final Entry e = entry(adapter);
        final boolean held = e.state == State.HOLDING;
        e.state = State.IDLE;
        e.reason = null;
        if (!held)
        {
            return List.of();
        }
        vfsInUse--;
        final List<String> offers = new ArrayList<>(1);
        for (final VfDecision d : handOutFreeVfs())
        {
            offers.add(d.adapter());
        }
        return offers;
    }

    /**
     * {@code Set-VMNetworkAdapter -IovWeight weight} on a registered adapter.
     *
     * @return what changes: a holder set to 0 is REVOKEd (its VF goes to the best waiter, GRANT); a waiter
     * set to 0 is DENYed; a denied adapter set from 0 to 1..100 is GRANTed or WAITs. Empty when nothing changes.
     * @throws IovSettingException naming {@code IovWeight} when outside 0..100; nothing changes.
     */
    public List<VfDecision> setWeight(final String adapter, final int weight)
    {
        AdapterIovSettings.checkIovWeight(weight);
        final Entry e = entry(adapter);
        e.weight = weight;
        final List<VfDecision> decisions = new ArrayList<>(2);
        if (weight == 0 && e.state == State.HOLDING)
        {
            vfsInUse--;
            deny(e, IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO);
            decisions.add(new VfDecision(adapter, VfDecision.Outcome.REVOKE, IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO));
            decisions.addAll(handOutFreeVfs());
        }
        else if (weight == 0 && e.state == State.WAITING)
        {
            decisions.add(deny(e, IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO));
        }
        else if (weight > 0 && e.state == State.DENIED && e.reason == IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO)
        {
            decisions.add(evaluate(e));
        }
        return decisions;
    }

    /** @return the adapter's state. */
    public State state(final String adapter)
    {
        return entry(adapter).state;
    }

    /** @return why the adapter stays synthetic (WAITING, DENIED), or null (HOLDING, IDLE). */
    public IovSupportReason reason(final String adapter)
    {
        return entry(adapter).reason;
    }

    /** @return the adapter's {@code IovWeight} as the arbiter knows it. */
    public int weight(final String adapter)
    {
        return entry(adapter).weight;
    }

    /** @return true when the adapter is registered. */
    public boolean isRegistered(final String adapter)
    {
        return entries.containsKey(adapter);
    }

    /** @return the adapters holding a VF, in registration order. */
    public List<String> holders()
    {
        return entries.values().stream().filter(e -> e.state == State.HOLDING).map(e -> e.name).toList();
    }

    /** @return the waiting adapters in the order they will be served: weight down, then longest waiting. */
    public List<String> waiting()
    {
        return entries.values().stream()
            .filter(e -> e.state == State.WAITING)
            .sorted((a, b) -> a.weight != b.weight ? Integer.compare(b.weight, a.weight) : Long.compare(a.waitingSince, b.waitingSince))
            .map(e -> e.name)
            .toList();
    }

    public int totalVfs()
    {
        return totalVfs;
    }

    public int vfsInUse()
    {
        return vfsInUse;
    }

    public int freeVfs()
    {
        return totalVfs - vfsInUse;
    }

    public IovSupport support()
    {
        return support;
    }

    private VfDecision evaluate(final Entry e)
    {
        if (!support.supported())
        {
            return deny(e, support.adapterReason());
        }
        if (e.weight == 0)
        {
            return deny(e, IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO);
        }
        if (vfsInUse < totalVfs)
        {
            return grant(e);
        }
        e.state = State.WAITING;
        e.reason = IovSupportReason.VF_POOL_EXHAUSTED;
        e.waitingSince = ++waitSequence;
        return new VfDecision(e.name, VfDecision.Outcome.WAIT, e.reason);
    }

    private VfDecision grant(final Entry e)
    {
        e.state = State.HOLDING;
        e.reason = null;
        vfsInUse++;
        return new VfDecision(e.name, VfDecision.Outcome.GRANT, null);
    }

    private VfDecision deny(final Entry e, final IovSupportReason reason)
    {
        e.state = State.DENIED;
        e.reason = reason;
        return new VfDecision(e.name, VfDecision.Outcome.DENY, reason);
    }

    private List<VfDecision> handOutFreeVfs()
    {
        final List<VfDecision> grants = new ArrayList<>(1);
        while (vfsInUse < totalVfs)
        {
            Entry best = null;
            for (final Entry e : entries.values())
            {
                if (e.state == State.WAITING && (best == null || e.weight > best.weight ||
                    (e.weight == best.weight && e.waitingSince < best.waitingSince)))
                {
                    best = e;
                }
            }
            if (best == null)
            {
                break;
            }
            grants.add(grant(best));
        }
        return grants;
    }

    private Entry entry(final String adapter)
    {
        final Entry e = entries.get(adapter);
        if (e == null)
        {
            throw new IllegalArgumentException("adapter '" + adapter + "' is not registered with this arbiter");
        }
        return e;
    }
}
