package dev.twinpath.datapath.run;

import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.TeamSetup;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.labfile.AdapterSpec;
import dev.twinpath.datapath.labfile.HostSpec;
import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.labfile.PlatformSpec;
import dev.twinpath.datapath.labfile.ScheduleAction;
import dev.twinpath.datapath.labfile.VmSpec;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns a lab file's {@link LabSpec} into what a {@link FailoverRun} runs: a {@link RunContext} with a
 * {@link LabPlan} (hosts with their platforms and switches, VMs placed by name, the schedule), VM
 * {@code i} of the file being the lab's {@code vm(i+1)}... named as in the file. Refuses, naming the
 * field, what the lab cannot run (adapters not named eth0, eth1, ... in order; several adapters without a team).
 * <p>
 * Stateless; any thread.
 */
public final class LabFilePlans
{
    private LabFilePlans()
    {
    }

    /**
     * @return the run a lab file describes: its traffic, duration, threading, hosts, VMs and schedule; no
     * periodic VF switches (the schedule says what happens).
     * @throws IllegalArgumentException naming the part of the file the lab cannot run.
     */
    public static RunContext toRunContext(final LabSpec spec)
    {
        final LabPlan plan = new LabPlan().name(spec.name());
        for (final HostSpec host : spec.hosts())
        {
            plan.host(new HostConfig(host.name()).platform(platform(host.name(), host.platform()))
                .switchName(host.vSwitch().name()).enableIov(host.vSwitch().enableIov()).conclude());
        }
        final RunContext context = new RunContext();
        final java.util.Map<String, Integer> nicsNeeded = new java.util.HashMap<>();
        for (int i = 0; i < spec.vms().size(); i++)
        {
            final VmSpec vm = spec.vms().get(i);
            final String expected = "vm" + (i + 1);
            if (!vm.name().equals(expected))
            {
                throw new IllegalArgumentException("vms[" + i + "].name: the lab names its VMs vm1, vm2, ... in file order; " +
                    "expected '" + expected + "', got '" + vm.name() + "'");
            }
            final List<AdapterSpec> adapters = vm.adapters();
            for (int a = 0; a < adapters.size(); a++)
            {
                if (!adapters.get(a).name().equals("eth" + a))
                {
                    throw new IllegalArgumentException("vms[" + i + "].adapters[" + a + "].name: the lab names adapters eth0, " +
                        "eth1, ... in file order; expected 'eth" + a + "', got '" + adapters.get(a).name() + "'");
                }
                plan.adapterIov(i, a, adapters.get(a).iovWeight(), adapters.get(a).queuePairs());
            }
            if (adapters.size() > 1 && vm.team() == null)
            {
                throw new IllegalArgumentException("vms[" + i + "].team: a VM of several adapters uses them through a NIC team");
            }
            if (vm.team() != null)
            {
                if (vm.team().members().size() != adapters.size())
                {
                    throw new IllegalArgumentException("vms[" + i + "].team.members: the lab teams every adapter of the VM");
                }
                plan.team(i, new TeamSetup(vm.team().name(), vm.team().mode() == dev.twinpath.datapath.labfile.TeamMode.ADDRESS_HASH ?
                    dev.twinpath.datapath.team.TeamMode.ADDRESS_HASH : dev.twinpath.datapath.team.TeamMode.ACTIVE_STANDBY));
                nicsNeeded.merge(vm.host(), adapters.size(), Math::max);
            }
            plan.adapters(i, adapters.size());
            if (vm.mac() != VmSpec.ASSIGN_MAC)
            {
                plan.vmMac(i, vm.mac());
            }
            plan.place(i, vm.host());
        }
        for (final HostConfig host : plan.hosts())
        {
            host.nics(nicsNeeded.getOrDefault(host.name(), 1)); // a team's adapters go on NICs of their own
        }
        for (final ScheduleAction action : spec.schedule())
        {
            plan.action(action(action));
        }
        final int frameLength = Math.max(60, spec.traffic().frameSize() - 4);
        context.vms(spec.vms().size()).flows(Math.max(spec.traffic().flows(), spec.vms().size()))
            .frameLength(frameLength).ratePps(spec.traffic().ratePps()).guestRatePps(spec.traffic().guestRatePps())
            .duration(spec.durationNanos(), TimeUnit.NANOSECONDS).warmup(spec.warmupNanos(), TimeUnit.NANOSECONDS)
            .switchInterval(0, TimeUnit.NANOSECONDS).threading(threading(spec)).plan(plan);
        return context;
    }

    private static ThreadingMode threading(final LabSpec spec)
    {
        return switch (spec.threading())
        {
            case ONE -> ThreadingMode.ONE;
            case TWO -> ThreadingMode.TWO;
            case PER_AGENT -> ThreadingMode.PER_AGENT;
        };
    }

    private static HostPlatform platform(final String name, final PlatformSpec p)
    {
        return new HostPlatform(name, p.nicSriov(), p.nicSriov() ? p.nicVfs() : 0, p.queuePairsPerVf(), p.biosSriov(),
            p.osControlsPcie(), p.ioRemapping(), p.ioRemappingErratum(), p.acs());
    }

    /** @return the lab action a lab file's schedule entry describes. */
    public static LabAction toAction(final ScheduleAction action)
    {
        return action(action);
    }

    private static LabAction action(final ScheduleAction action)
    {
        if (action instanceof ScheduleAction.Migrate m)
        {
            return LabAction.migrate(m.atNanos(), m.vm(), m.toHost());
        }
        if (action instanceof ScheduleAction.RevokeVf r)
        {
            return new LabAction(r.atNanos(), LabAction.Kind.REVOKE_VF, r.vm(), r.adapter(), 0);
        }
        if (action instanceof ScheduleAction.OfferVf o)
        {
            return new LabAction(o.atNanos(), LabAction.Kind.OFFER_VF, o.vm(), o.adapter(), 0);
        }
        if (action instanceof ScheduleAction.SetIovWeight w)
        {
            return new LabAction(w.atNanos(), LabAction.Kind.SET_IOV_WEIGHT, w.vm(), w.adapter(), w.weight());
        }
        if (action instanceof ScheduleAction.LinkDown d)
        {
            return new LabAction(d.atNanos(), LabAction.Kind.LINK_DOWN, d.vm(), d.adapter(), 0);
        }
        if (action instanceof ScheduleAction.Fault f)
        {
            return fault(f);
        }
        final ScheduleAction.LinkUp u = (ScheduleAction.LinkUp)action;
        return new LabAction(u.atNanos(), LabAction.Kind.LINK_UP, u.vm(), u.adapter(), 0);
    }

    private static LabAction fault(final ScheduleAction.Fault f)
    {
        final LabAction.Kind kind = switch (f.key())
        {
            case "surpriseRemove" -> LabAction.Kind.SURPRISE_REMOVE;
            case "loseControl" -> LabAction.Kind.LOSE_CONTROL;
            case "delayControl" -> LabAction.Kind.DELAY_CONTROL;
            case "fillControlRing" -> LabAction.Kind.FILL_CONTROL_RING;
            case "stallGuest" -> LabAction.Kind.STALL_GUEST;
            case "exhaustPool" -> LabAction.Kind.EXHAUST_POOL;
            case "hostDown" -> LabAction.Kind.HOST_DOWN;
            case "hostUp" -> LabAction.Kind.HOST_UP;
            default -> throw new IllegalArgumentException("not a fault: " + f.key());
        };
        return new LabAction(f.atNanos(), kind, f.vm(), f.host() != null ? f.host() : f.adapter(), (int)f.count(),
            f.durationNanos(), f.option());
    }
}
