package dev.twinpath.datapath.run;

import org.agrona.concurrent.NanoClock;

/**
 * The planned switches of a {@link FailoverRun}: every VM's VF is revoked every {@code interval},
 * the VM stays on the synthetic path for {@code syntheticTime}, then a VF is offered again. VM
 * {@code i} of {@code n} revokes first at {@code origin + interval * (i + 1) / n}, so the VMs take
 * turns. A cycle starts only when its offer is due at least one synthetic time before the end and
 * both of its switches fit under the switch budget, so a run ends with every VM back on its VF.
 * <p>
 * Planned switches are orderly: a revoke waits until the VM is on its VF (guest and host agree), an
 * offer until it is on the synthetic path with its old VF back in the NIC's pool; each is tried at
 * every {@link #poll} from its due time on. A late offer pushes the next revoke back so the VM keeps
 * at least {@code interval - syntheticTime} on its VF: a control thread that falls behind never
 * issues a burst of switches to catch up. A revoke or offer the lab refuses is counted in
 * {@link #refused()}; a refused revoke skips that cycle.
 * <p>
 * Owned by the control thread.
 */
final class SwitchSchedule
{
    /** What the schedule does to the lab. Control thread. */
    interface Operations
    {
        /** @return true when {@code vm} is on its VF, the guest and the host agreeing. */
        boolean readyForRevoke(int vm);

        /** @return false when the lab refused (no VF to revoke). */
        boolean revoke(int vm);

        /** @return true when {@code vm} is on the synthetic path and its old VF is back in the pool. */
        boolean readyForOffer(int vm);

        /** @return false when the lab refused (no VF free). */
        boolean offer(int vm);
    }

    private final NanoClock clock;
    private final long intervalNanos;
    private final long syntheticNanos;
    private final long vfNanos;
    private final long lastOfferNanos;
    private final long maxSwitches;
    private final long[] nextRevoke;
    private final long[] offerDue;
    private long issued;
    private long refused;

    /**
     * @param clock          read after each revoke and offer, which may wait for the host's thread.
     * @param vms            VMs, 1 or more.
     * @param originNanos    when the run starts.
     * @param endNanos       when the run ends.
     * @param intervalNanos  time between two revokes of one VM; 0 for no switches.
     * @param syntheticNanos time on the synthetic path per cycle, less than the interval.
     * @param maxSwitches    most switches (revokes plus offers) to issue.
     */
    SwitchSchedule(
        final NanoClock clock,
        final int vms, final long originNanos, final long endNanos, final long intervalNanos, final long syntheticNanos,
        final long maxSwitches)
    {
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.syntheticNanos = syntheticNanos;
        this.vfNanos = intervalNanos - syntheticNanos;
        this.lastOfferNanos = endNanos - syntheticNanos;
        this.maxSwitches = intervalNanos > 0 ? maxSwitches : 0;
        this.nextRevoke = new long[vms];
        this.offerDue = new long[vms];
        for (int i = 0; i < vms; i++)
        {
            nextRevoke[i] = originNanos + intervalNanos * (i + 1) / vms;
            offerDue[i] = Long.MAX_VALUE;
        }
    }

    /**
     * Issue every switch due by {@code nowNanos}.
     *
     * @return switches issued by this call.
     */
    int poll(final long nowNanos, final Operations operations)
    {
        int work = 0;
        for (int vm = 0; vm < nextRevoke.length; vm++)
        {
            if (offerDue[vm] != Long.MAX_VALUE)
            {
                if (nowNanos - offerDue[vm] >= 0 && operations.readyForOffer(vm))
                {
                    offerDue[vm] = Long.MAX_VALUE;
                    issued++;
                    work++;
                    if (!operations.offer(vm))
                    {
                        refused++;
                    }
                    final long offered = clock.nanoTime();
                    if (nextRevoke[vm] - (offered + vfNanos) < 0)
                    {
                        nextRevoke[vm] = offered + vfNanos; // a late offer: keep the VF time, do not catch up
                    }
                }
            }
            else if (nowNanos - nextRevoke[vm] >= 0 && cycleFits(nowNanos) && operations.readyForRevoke(vm))
            {
                nextRevoke[vm] += intervalNanos;
                issued++;
                work++;
                if (operations.revoke(vm))
                {
                    offerDue[vm] = clock.nanoTime() + syntheticNanos;
                }
                else
                {
                    refused++;
                }
            }
        }
        return work;
    }

    private boolean cycleFits(final long revokeNanos)
    {
        return issued + 2 <= maxSwitches && revokeNanos + syntheticNanos - lastOfferNanos <= 0;
    }

    /** @return true when no VM waits for its offer and no further cycle will start. */
    boolean finished(final long nowNanos)
    {
        return nextDueNanos(nowNanos) == Long.MAX_VALUE;
    }

    /** @return VMs whose offer is due but not yet made. */
    int offersWaiting()
    {
        int waiting = 0;
        for (final long due : offerDue)
        {
            waiting += due != Long.MAX_VALUE ? 1 : 0;
        }
        return waiting;
    }

    /** @return the earliest time after {@code nowNanos} a switch is due (overdue: a past time), or {@link Long#MAX_VALUE}. */
    long nextDueNanos(final long nowNanos)
    {
        long next = Long.MAX_VALUE;
        for (int vm = 0; vm < nextRevoke.length; vm++)
        {
            final long revoke = nextRevoke[vm] - nowNanos > 0 ? nextRevoke[vm] : nowNanos;
            final long due = offerDue[vm] != Long.MAX_VALUE ? offerDue[vm] :
                cycleFits(revoke) ? nextRevoke[vm] : Long.MAX_VALUE;
            next = Math.min(next, due);
        }
        return next;
    }

    /** @return switches issued (revokes and offers), refused ones included. */
    long issued()
    {
        return issued;
    }

    /** @return switches the lab refused. */
    long refused()
    {
        return refused;
    }
}
