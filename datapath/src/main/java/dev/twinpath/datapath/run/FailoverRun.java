package dev.twinpath.datapath.run;

import dev.twinpath.datapath.AdapterCounter;
import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.host.HostVfState;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.VirtualMachine;
import dev.twinpath.datapath.traffic.ConstantRateGenerator;
import dev.twinpath.datapath.traffic.StreamChecker;
import dev.twinpath.datapath.traffic.TrafficProfile;
import org.agrona.concurrent.NanoClock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The main job of Twinpath: a lab whose wire peer sends constant-rate UDP to every VM while the VMs'
 * VFs are revoked and offered again on a schedule, and proof at the end that nothing was lost,
 * reordered, duplicated or leaked.
 * <pre>{@code
 * RunSummary summary = new FailoverRun(new RunContext().duration(3, TimeUnit.SECONDS)).run(RunListener.NONE);
 * if (!summary.passed()) System.out.println(summary.problems());
 * }</pre>
 * The run: a warm-up first ({@link RunContext#warmup}), then build the lab ({@link RunContext}), give each VM a {@link StreamChecker} as its
 * application (flow {@code i} goes to VM {@code i % vms}), start the agents, offer every VM a VF and
 * wait until all are on it, start the wire peer, then until the duration is over issue the
 * {@link SwitchSchedule}'s revokes and offers and report progress; then stop the wire peer, let every
 * switch finish, drain the lab and audit it into a {@link RunSummary}.
 * <p>
 * Runs on the calling thread (the control thread); the lab's agents run on their own threads.
 */
public final class FailoverRun
{
    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final int MAX_TIMELINE_INTERVALS = 1 << 22;
    /** Longest sleep of the control loop: how soon a stop request is seen. */
    private static final long STOP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RunContext context;
    private boolean record;
    private RunRecording recording;

    public FailoverRun(final RunContext context)
    {
        this.context = context.conclude();
    }

    /** Also record what a run report needs ({@link RunRecording}); the warm-up records nothing. @return this. */
    public FailoverRun record()
    {
        record = true;
        return this;
    }

    /** @return what the measured run recorded, or null when {@link #record()} was not asked or the run has not ended. */
    public RunRecording recording()
    {
        return recording;
    }

    public RunContext context()
    {
        return context;
    }

    /**
     * Run the warm-up (if any: the same lab for {@link RunContext#warmupNanos()}, switching often, its
     * invariants checked and its figures dropped), then the lab to the end, and audit it.
     *
     * @param listener told of each stage and of the progress; called on this thread.
     * @return what was measured.
     * @throws IllegalArgumentException when the settings are refused (before anything starts).
     */
    public RunSummary run(final RunListener listener)
    {
        if (context.warmupNanos() == 0)
        {
            return measure(listener);
        }
        final RunSummary warmup = new FailoverRun(context.warmupContext()).measure(new RunListener()
        {
            @Override
            public boolean stopRequested()
            {
                return listener.stopRequested();
            }
        });
        listener.onNote(String.format(Locale.ROOT, "warm-up: %,d packets in %.1f s, %d path switches: %s (not counted)",
            warmup.traffic().offered(), warmup.setup().sendNanos() / 1e9, warmup.switching().pathSwitches(),
            warmup.passed() ? "pass" : "FAIL " + warmup.problems()));
        return measure(listener).withWarmup(warmup);
    }

    private RunSummary measure(final RunListener listener)
    {
        try (Lab lab = new Lab(context.labContext()))
        {
            final int vms = context.vms();
            final long[] macs = new long[vms];
            for (int i = 0; i < vms; i++)
            {
                macs[i] = lab.vm(i).mac();
            }
            final TrafficProfile profile = new TrafficProfile().flows(context.flows()).frameLengths(context.frameLengths())
                .ratePps(context.ratePps()).srcMac(lab.context().peerMac()).destinations(macs).conclude();
            final long intervals = context.durationNanos() / context.timelineIntervalNanos() + 2;
            final GuestReceiver[] receivers = new GuestReceiver[vms];
            final RunRecording recording = record ?
                new RunRecording((int)Math.min(intervals, MAX_TIMELINE_INTERVALS), context.timelineIntervalNanos()) : null;
            final PathUnderTest path = context.pathUnderTest();
            for (int i = 0; i < vms; i++)
            {
                final StreamChecker checker = new StreamChecker(profile, "vf", "synthetic");
                final int slots = (int)Math.min(intervals, MAX_TIMELINE_INTERVALS);
                receivers[i] = path == null || path.capacityPps() == 0 ?
                    new GuestReceiver(checker, lab.pool(), slots, context.timelineIntervalNanos()) :
                    new GuestReceiver(checker, lab.pool(), slots, context.timelineIntervalNanos(), path.path(),
                        Math.max(1, path.capacityPps() / vms));
                if (recording != null)
                {
                    receivers[i].record(recording.tap(lab.vm(i)));
                }
                lab.vm(i).onReceive(receivers[i]);
            }
            try (ConstantRateGenerator generator = new ConstantRateGenerator(profile, lab.pool());
                GuestSenders guests = context.guestRatePps() > 0 ?
                    new GuestSenders(lab, context, (int)Math.min(intervals, MAX_TIMELINE_INTERVALS)) : null;
                RunCounters live = RunCounters.open(context, lab, generator, receivers, listener))
            {
                final WireTraffic traffic = new WireTraffic(generator);
                lab.wireSource(traffic);
                listener.onLabReady(lab);
                final RunSummary summary = run(lab, generator, traffic, guests, receivers, recording, listener, live);
                this.recording = recording;
                return summary;
            }
        }
    }

    private RunSummary run(
        final Lab lab, final ConstantRateGenerator generator, final WireTraffic traffic, final GuestSenders guests,
        final GuestReceiver[] receivers, final RunRecording recording, final RunListener listener, final RunCounters live)
    {
        final NanoClock clock = lab.clock();
        final LabReadings readings = new LabReadings(lab, receivers);
        final LabOperations operations = new LabOperations(lab);
        lab.start();

        final long offerStart = clock.nanoTime();
        int refusedOffers = 0;
        final boolean offer = context.pathUnderTest() == null || context.pathUnderTest().path() == PathUnderTest.VF;
        for (final VirtualMachine vm : offer ? lab.vms() : List.<VirtualMachine>of())
        {
            for (final dev.twinpath.datapath.lab.VmAdapter adapter : vm.adapters())
            {
                refusedOffers += lab.offerVf(adapter) ? 0 : 1;
            }
        }
        final boolean onVfs = await(clock, context.settleTimeoutNanos(), () -> settled(lab));
        final long adapters = lab.vms().stream().mapToLong(vm -> vm.adapters().size()).sum();
        final long vfs = lab.vms().stream().flatMap(vm -> vm.adapters().stream())
            .filter(a -> a.adapter().state() == NetVscState.VF_ACTIVE).count();
        listener.onNote(onVfs ?
            String.format(Locale.ROOT, "%d VMs, %d of %d adapters on a VF after %.1f ms%s; the wire peer starts",
                lab.vms().size(), vfs, adapters, (clock.nanoTime() - offerStart) / 1e6,
                refusedOffers == 0 ? "" : " (" + refusedOffers + " synthetic: see the event log)") :
            "not every adapter settled within the settle timeout (see the event log); the wire peer starts anyway");

        final long origin = clock.nanoTime();
        for (final GuestReceiver r : receivers)
        {
            r.origin(origin);
        }
        if (recording != null)
        {
            recording.origin(origin);
        }
        traffic.requestStart();
        if (guests != null)
        {
            guests.requestStart();
        }
        final long end = origin + context.durationNanos();
        final SwitchSchedule schedule = new SwitchSchedule(clock, lab.vms().size(), origin, end,
            context.switchIntervalNanos(), context.syntheticTimeNanos(), context.maxSwitches());
        // The schedule runs on the host's thread: a switch then wakes no thread (a third runnable
        // thread on a machine whose cores the agents keep busy would preempt one of them).
        final ScheduleDuty duty = new ScheduleDuty(clock, schedule, operations);
        final ActionRunner actions = new ActionRunner(lab, context.plan() == null ? java.util.List.of() : context.plan().actions(),
            listener);
        lab.onHostThread(duty);
        final long[] previous = new long[2];
        long lastProgress = origin;
        long nextProgress = origin + context.progressIntervalNanos();
        long now;
        while ((now = clock.nanoTime()) - end < 0 && lab.firstError() == null && !listener.stopRequested())
        {
            live.refresh(now);
            if (now - nextProgress >= 0)
            {
                final RunProgress progress = readings.progress(now - origin, previous, now - lastProgress);
                listener.onProgress(progress);
                if (recording != null)
                {
                    recording.sample(now, progress);
                }
                lastProgress = now;
                nextProgress += context.progressIntervalNanos();
            }
            if (actions.runDue(now - origin) > 0)
            {
                continue; // a migration may have taken a while: look at the clock again
            }
            final long wake = Math.min(Math.min(Math.min(nextProgress - now, end - now), actions.nextDueNanos() - (now - origin)),
                STOP_POLL_NANOS);
            LockSupport.parkNanos(Math.max(MIN_PARK_NANOS, Math.min(wake, live.nanosToRefresh(now))));
        }

        traffic.requestStop();
        if (guests != null)
        {
            guests.requestStop();
        }
        if (now - end < 0)
        {
            duty.stop(); // stopped early (Ctrl-C or an agent's error): no new switch
        }
        final boolean quiet = await(clock, context.settleTimeoutNanos(), () ->
            traffic.stopped() && generator.pending() == 0 && (guests == null || guests.stopped()) && duty.finished() &&
            settled(lab));
        lab.removeFromHostThread(duty);
        now = clock.nanoTime();
        if (now - lastProgress > context.progressIntervalNanos() / 10)
        {
            final RunProgress progress = readings.progress(now - origin, previous, now - lastProgress);
            listener.onProgress(progress);
            if (recording != null)
            {
                recording.sample(now, progress);
            }
        }
        if (!quiet)
        {
            listener.onNote("switches still under way after the settle timeout: " + states(lab));
        }
        lab.drain();
        generator.discardPending();
        if (guests != null)
        {
            guests.discardPending();
        }
        for (final GuestReceiver r : receivers)
        {
            r.flush();
        }
        if (recording != null)
        {
            recording.finish(clock.nanoTime(), lab.switchTimes().windows());
        }
        for (final VirtualMachine vm : lab.vms())
        {
            final dev.twinpath.datapath.team.NicTeam team = vm.team();
            if (team != null)
            {
                final var c = team.counters();
                final var status = team.status();
                actions.note(String.format(Locale.ROOT, "team %s of %s (%s): %d failovers, %d failbacks, %d packets taken " +
                    "back and re-sent, %d announcements; now %s on %s", team.name(), vm.name(), team.mode(),
                    c.get(dev.twinpath.datapath.team.TeamCounter.FAILOVERS),
                    c.get(dev.twinpath.datapath.team.TeamCounter.FAILBACKS),
                    c.get(dev.twinpath.datapath.team.TeamCounter.RESENT),
                    c.get(dev.twinpath.datapath.team.TeamCounter.ANNOUNCEMENTS), status.status(), status.home()));
            }
        }
        return summarize(lab, generator, traffic, receivers, readings, schedule, refusedOffers)
            .withGuestTx(guests == null ? null : guests.summarize())
            .withSchedule(actions.outcomes(), actions.migrations());
    }

    private RunSummary summarize(
        final Lab lab, final ConstantRateGenerator generator, final WireTraffic traffic, final GuestReceiver[] receivers,
        final LabReadings readings, final SwitchSchedule schedule, final int refusedOffers)
    {
        final int vms = receivers.length;
        final long[] sent = generator.sentPerFlow(new long[generator.flows()]);
        final long[] toVm = new long[sent.length];
        long lost = 0;
        for (int vm = 0; vm < vms; vm++)
        {
            for (int flow = 0; flow < sent.length; flow++)
            {
                toVm[flow] = flow % vms == vm ? sent[flow] : 0; // flow i goes to VM i % vms
            }
            lost += receivers[vm].checker().lostAtEnd(toVm);
        }
        final long sendNanos = Math.max(0, traffic.stopNanos() - traffic.startNanos());
        final long offered = generator.sent();
        final long intended = context.isMaxRate() ? offered : (long)(context.ratePps() * (sendNanos / 1e9));
        final Map<String, Long> drops = readings.droppedByCause();
        long dropped = 0;
        for (final long d : drops.values())
        {
            dropped += d;
        }
        final RunSummary.Traffic trafficSummary = new RunSummary.Traffic(offered, intended, readings.delivered(),
            readings.delivered(0), readings.delivered(1), lost, readings.reordered(), readings.duplicates(),
            readings.foreign(), dropped, readings.tooOld());

        final RunSummary.Switching switching = new RunSummary.Switching(readings.adapterSum(AdapterCounter.PATH_SWITCHES),
            (int)lab.vms().stream().mapToLong(vm -> vm.adapters().size()).sum() + schedule.issued(),
            refusedOffers + schedule.refused(), Percentiles.of(lab.switchTimes().snapshot()),
            readings.heldBackMax(), readings.adapterSum(AdapterCounter.CONTROL_TIMEOUTS),
            readings.adapterSum(AdapterCounter.RX_RELEASED_ON_TIMEOUT), readings.adapterSum(AdapterCounter.FLAPS_DAMPED));

        final long interval = context.timelineIntervalNanos();
        final long[] timeline = readings.timeline();
        final long whole = Math.min((traffic.stopNanos() - receivers[0].originNanos()) / interval, timeline.length - 1);
        final RunSummary.Timeline timelineSummary = whole >= 3 ?
            new RunSummary.Timeline(interval, timeline, 1, (int)whole - 1) :
            new RunSummary.Timeline(interval, timeline, 0, (int)Math.max(0, whole));

        final Map<String, Long> byLevel = new LinkedHashMap<>();
        for (final EventLevel level : EventLevel.values())
        {
            byLevel.put(level.name(), lab.events().count(level));
        }
        final Throwable error = lab.firstError();
        final RunSummary.Setup setup = new RunSummary.Setup(vms, context.totalVfs(), context.flows(), context.frameLength(),
            context.ratePps(), context.threading().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            context.durationNanos(), sendNanos, context.hasSwitches() ? context.switchIntervalNanos() : 0,
            context.syntheticTimeNanos());
        final long leaked = lab.leakedBuffers();
        return new RunSummary(setup, trafficSummary, drops, Percentiles.of(readings.latency(0)),
            Percentiles.of(readings.latency(1)), switching, timelineSummary, leaked, byLevel,
            error == null ? null : error.toString(), lab.events().events(), null, null, List.of(), List.of());
    }

    private static boolean await(final NanoClock clock, final long timeoutNanos, final BooleanSupplier condition)
    {
        final long deadline = clock.nanoTime() + timeoutNanos;
        while (!condition.getAsBoolean())
        {
            if (clock.nanoTime() - deadline > 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
        return true;
    }

    /** @return true when every VM is at rest: on its VF with the host agreeing, or synthetic with no VF left. */
    private static boolean settled(final Lab lab)
    {
        for (final VirtualMachine vm : lab.vms())
        {
            for (final dev.twinpath.datapath.lab.VmAdapter a : vm.adapters())
            {
                final NetVscState guest = a.adapter().state();
                final HostVfState host = a.attachment().controller().state();
                final boolean onVf = guest == NetVscState.VF_ACTIVE && host == HostVfState.VF_ACTIVE;
                final boolean synthetic = guest == NetVscState.SYNTHETIC && host == HostVfState.NO_VF;
                if (!onVf && !synthetic)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static String states(final Lab lab)
    {
        final StringBuilder sb = new StringBuilder();
        for (final VirtualMachine vm : lab.vms())
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(vm.name()).append(' ').append(vm.adapter().state())
                .append("/host ").append(vm.host().state());
        }
        return sb.toString();
    }
}
