package dev.twinpath.datapath.run;

import dev.twinpath.datapath.hyperv.HostPlatform;
import dev.twinpath.datapath.lab.HostConfig;
import dev.twinpath.datapath.lab.ThreadingMode;
import dev.twinpath.datapath.labfile.AdapterSpec;
import dev.twinpath.datapath.labfile.HostSpec;
import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.labfile.PlatformSpec;
import dev.twinpath.datapath.labfile.ScheduleAction;
import dev.twinpath.datapath.labfile.VmSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns a lab file's {@link LabSpec} into what a {@link FailoverRun} runs: a {@link RunContext} with a
 * {@link LabPlan} (hosts with their platforms and switches, VMs placed by name, the schedule), VM
 * {@code i} of the file being the lab's {@code vm(i+1)}... named as in the file. Refuses, naming the
 * field, what the lab cannot run yet (a VM of several adapters or a team).
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
                .switchName(host.vSwitch().name()).enableIov(host.vSwitch().enableIov()));
        }
        final List<String> vmNames = new ArrayList<>();
        final RunContext context = new RunContext();
        for (int i = 0; i < spec.vms().size(); i++)
        {
            final VmSpec vm = spec.vms().get(i);
            final String expected = "vm" + (i + 1);
            if (!vm.name().equals(expected))
            {
                throw new IllegalArgumentException("vms[" + i + "].name: the lab names its VMs vm1, vm2, ... in file order; " +
                    "expected '" + expected + "', got '" + vm.name() + "'");
            }
            if (vm.adapters().size() != 1 || vm.team() != null)
            {
                throw new IllegalArgumentException("vms[" + i + "].adapters: a run lab gives each VM one adapter; " +
                    "teams of several adapters run in the Java API (NicTeam), not yet in `twinpath run`");
            }
            if (vm.mac() != VmSpec.ASSIGN_MAC)
            {
                context.vmMac(i, vm.mac());
            }
            final AdapterSpec adapter = vm.adapters().get(0);
            plan.place(i, vm.host());
            vmNames.add(vm.name());
            context.adapterIov(i, adapter.iovWeight(), adapter.queuePairs());
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

    private static LabAction action(final ScheduleAction action)
    {
        if (action instanceof ScheduleAction.Migrate m)
        {
            return LabAction.migrate(m.atNanos(), m.vm(), m.toHost());
        }
        if (action instanceof ScheduleAction.RevokeVf r)
        {
            return LabAction.revokeVf(r.atNanos(), r.vm());
        }
        if (action instanceof ScheduleAction.OfferVf o)
        {
            return LabAction.offerVf(o.atNanos(), o.vm());
        }
        if (action instanceof ScheduleAction.SetIovWeight w)
        {
            return LabAction.setIovWeight(w.atNanos(), w.vm(), w.weight());
        }
        if (action instanceof ScheduleAction.LinkDown d)
        {
            return new LabAction(d.atNanos(), LabAction.Kind.LINK_DOWN, d.vm(), d.adapter(), 0);
        }
        final ScheduleAction.LinkUp u = (ScheduleAction.LinkUp)action;
        return new LabAction(u.atNanos(), LabAction.Kind.LINK_UP, u.vm(), u.adapter(), 0);
    }
}
