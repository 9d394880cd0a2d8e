package dev.twinpath.datapath.run;

import dev.twinpath.datapath.lab.HostConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The random schedule of a soak run: every VM live-migrates to a host picked at random every 1 to 3
 * seconds (the VMs' migrations interleave), its VF revoked and offered again 250 ms after each; with
 * faults, a mild fault now and then (late control messages, a short guest stall, a short pool
 * exhaustion, a destination host that disappears during a migration and comes back) that must not cost
 * a packet (a host disappearing only in a lab of one VM). The same seed gives the same schedule.
 * <p>
 * Control thread (builds a {@link LabPlan} before the run).
 */
public final class SoakPlan
{
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final long MAX_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(3000);
    private static final long FAULT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private SoakPlan()
    {
    }

    /**
     * @param base          the lab (hosts, VMs, placement); its own schedule is dropped.
     * @param vms           VMs of the lab ({@code vm1 .. vmN}).
     * @param durationNanos the run's length: nothing is scheduled in its last two seconds.
     * @param seed          the random seed.
     * @param faults        also inject mild faults.
     * @return the plan with its random schedule.
     */
    public static LabPlan randomize(final LabPlan base, final int vms, final long durationNanos, final long seed,
        final boolean faults)
    {
        final LabPlan plan = base.withoutActions();
        final List<String> hosts = new ArrayList<>();
        for (final HostConfig host : base.hosts())
        {
            hosts.add(host.name());
        }
        if (hosts.size() < 2)
        {
            throw new IllegalArgumentException("soak: the lab needs two or more hosts to migrate between; it has " +
                hosts.size());
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final long end = durationNanos - TimeUnit.SECONDS.toNanos(2);
        final Map<Integer, String> placement = base.placement();
        for (int vm = 0; vm < vms; vm++)
        {
            final String name = "vm" + (vm + 1);
            String at = placement.getOrDefault(vm, hosts.get(0));
            long t = MIN_GAP_NANOS / 2 + random.nextLong(MAX_GAP_NANOS) + vm * TimeUnit.MILLISECONDS.toNanos(400);
            while (t < end)
            {
                final String to = other(hosts, at, random);
                if (faults && vms == 1 && random.nextInt(4) == 0)
                {
                    // The destination disappears while the VM pauses, comes back 200 ms later; the migration
                    // gives up and the VM stays where it is. With one VM only: another VM on that host, or
                    // migrating to it meanwhile, would change what happens (the fault is skipped or refused).
                    {
                        plan.action(new LabAction(t - 1, LabAction.Kind.HOST_DOWN, null, to, 0, 0, "pausing"));
                        plan.action(LabAction.migrate(t, name, to));
                        plan.action(new LabAction(t + TimeUnit.MILLISECONDS.toNanos(200), LabAction.Kind.HOST_UP, null, to, 0));
                        t += MIN_GAP_NANOS + random.nextLong(MAX_GAP_NANOS - MIN_GAP_NANOS);
                        continue;
                    }
                }
                plan.action(LabAction.migrate(t, name, to));
                at = to;
                // A VF revoke and offer between two migrations, on the control thread like them (never during one).
                plan.action(LabAction.revokeVf(t + MIN_GAP_NANOS / 4, name));
                plan.action(LabAction.offerVf(t + MIN_GAP_NANOS / 4 + TimeUnit.MILLISECONDS.toNanos(100), name));
                if (faults && random.nextInt(2) == 0)
                {
                    plan.action(mildFault(t + MIN_GAP_NANOS / 2, name, random));
                }
                t += MIN_GAP_NANOS + random.nextLong(MAX_GAP_NANOS - MIN_GAP_NANOS);
            }
        }
        return plan;
    }

    private static LabAction mildFault(final long at, final String vm, final SplittableRandom random)
    {
        return switch (random.nextInt(3))
        {
            case 0 -> new LabAction(at, LabAction.Kind.DELAY_CONTROL, vm, null, 2, FAULT_NANOS / 2, "to-host");
            case 1 -> new LabAction(at, LabAction.Kind.STALL_GUEST, vm, null, 0, FAULT_NANOS, null);
            default -> new LabAction(at, LabAction.Kind.EXHAUST_POOL, null, null, 0, FAULT_NANOS, null);
        };
    }

    private static String other(final List<String> hosts, final String current, final SplittableRandom random)
    {
        String to;
        do
        {
            to = hosts.get(random.nextInt(hosts.size()));
        }
        while (to.equals(current));
        return to;
    }
}
