package dev.twinpath.datapath;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.jfr.ControlTimeoutEvent;
import dev.twinpath.datapath.jfr.PathSwitchEvent;
import dev.twinpath.datapath.jfr.TwinpathEvents;
import dev.twinpath.datapath.steer.SteeringEpoch;

/**
 * The data path switch under way at one NetVSC adapter, as {@link NetVscControl} reports it: its duration for
 * the lab's {@link SwitchTimes} (from the request until both directions run on the new path with nothing held
 * back), and its JFR {@link PathSwitchEvent}, begun when the switch starts and committed when it ends, with the
 * packets drained, held back and released meanwhile. One event per switch the adapter's PATH_SWITCHES counter
 * counts: a switch to the VF that falls back (refused, timed out, overtaken by a revoke or a removal) is one
 * event that ends when the VF is let go, with {@code completed} false.
 * <p>
 * Nothing of JFR is built while no recording takes the events ({@link TwinpathEvents}). Owned by the adapter's
 * guest thread.
 */
final class SwitchTrace
{
    private final String host;
    private final String adapter;
    private final SwitchTimes times;
    private long startNanos;
    private boolean timing;
    private PathSwitchEvent event;
    private long eventStartNanos;
    private String fellBack;

    SwitchTrace(final String host, final String adapter, final SwitchTimes times)
    {
        this.host = host;
        this.adapter = adapter;
        this.times = times;
    }

    /** A switch starts at {@code nowNanos} (an open one ends as superseded). */
    void begin(final Path from, final Path to, final String trigger, final int vf, final long nowNanos)
    {
        startNanos = nowNanos;
        timing = true;
        endEvent("superseded by " + trigger, nowNanos);
        if (TwinpathEvents.pathSwitches())
        {
            event = new PathSwitchEvent();
            event.host = host;
            event.adapter = adapter;
            event.fromPath = from.label();
            event.toPath = to.label();
            event.trigger = trigger;
            event.vf = vf;
            eventStartNanos = nowNanos;
            fellBack = null;
            event.begin();
        }
    }

    /**
     * The adapter moves to the synthetic path ({@code trigger}). A switch to the VF the host has not completed
     * ({@code toVfPending}) falls back and goes on to the VF's release; else a new switch starts.
     */
    void toSynthetic(final boolean toVfPending, final String trigger, final int vf, final long nowNanos)
    {
        if (toVfPending && event != null)
        {
            startNanos = nowNanos;
            timing = true;
            fellBack(trigger);
        }
        else
        {
            begin(Path.VF, Path.SYNTHETIC, trigger, vf, nowNanos);
        }
    }

    /** The switch to the VF did not happen ({@code why}); it ends when the VF is let go. */
    void fellBack(final String why)
    {
        if (event != null && fellBack == null)
        {
            fellBack = "fell back to synthetic: " + why;
        }
    }

    /** The VF vanished ({@code toVfPending}: during a switch to it the host had not completed); untimed. */
    void surpriseRemoval(final boolean toVfPending, final int vf, final long drained, final long released, final long nowNanos)
    {
        if (toVfPending)
        {
            fellBack("surprise removal");
        }
        else if (event == null || fellBack == null && event.toPath.equals(Path.VF.label()))
        {
            begin(Path.VF, Path.SYNTHETIC, "surprise removal", vf, nowNanos); // else: a revoke's switch, now cut short
        }
        timing = false;
        if (event != null)
        {
            event.drained += drained;
            event.released += released;
        }
    }

    /** The host took the VF back without a revoke reaching the guest: an instant switch, untimed. */
    void takenBack(final int vf, final long nowNanos)
    {
        begin(Path.VF, Path.SYNTHETIC, "taken back", vf, nowNanos);
        timing = false;
        endEvent("VF taken back by the host without a revoke", nowNanos);
    }

    /** @return true while a switch is being timed. */
    boolean timing()
    {
        return timing;
    }

    /** Both directions run on the VF with nothing held: the switch to it is over. */
    void settled(final long nowNanos)
    {
        record(Path.VF, nowNanos);
        endEvent("completed", nowNanos);
    }

    /** The VF was released to the host ({@code how}): the switch to synthetic, or a fallback, is over. */
    void released(final String how, final long nowNanos)
    {
        record(Path.SYNTHETIC, nowNanos);
        endEvent(how, nowNanos);
    }

    /** A path close reported its figures; those of a flow-set move are not the switch's. */
    void pathClosed(final long epoch, final long drained, final long held, final long released)
    {
        if (event != null && (epoch < 0 || !SteeringEpoch.isFlowSet(epoch)))
        {
            event.drained += drained;
            event.held += held;
            event.released += released;
        }
    }

    /** An event-log entry was recorded: a control timeout is a JFR event too. */
    void onEvent(final EventId id, final int vf, final String reason)
    {
        if (id == EventId.CONTROL_TIMEOUT && TwinpathEvents.controlTimeouts())
        {
            final ControlTimeoutEvent e = new ControlTimeoutEvent();
            e.host = host;
            e.adapter = adapter;
            e.vf = vf;
            e.what = reason;
            e.commit();
        }
    }

    private void record(final Path to, final long nowNanos)
    {
        if (timing && times != null)
        {
            times.record(adapter, to, startNanos, nowNanos);
        }
        timing = false;
    }

    private void endEvent(final String outcome, final long nowNanos)
    {
        final PathSwitchEvent e = event;
        if (e != null)
        {
            event = null;
            e.completed = fellBack == null;
            e.outcome = fellBack == null ? outcome : fellBack + "; " + outcome;
            e.switchTime = nowNanos - eventStartNanos;
            e.commit();
        }
    }
}
