package dev.twinpath.datapath.process;

import dev.twinpath.datapath.rack.RackPort;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;
import dev.twinpath.vf.ring.SpscDescriptorRing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rack process knows of one host process: its cable (the rack port, the uplink receiver filling the port's
 * in ring, the downlink sender draining its out ring), its control publication, its state and what it last said.
 * <p>
 * The wire agents run on the rack process's agent thread; everything else is the control thread's.
 */
final class HostLink
{
    enum State
    {
        /** Not heard from yet. */
        WAITING,
        /** Said hello: its lab is built. */
        JOINED,
        /** Started: its VMs are on their paths and it reports progress. */
        RUNNING,
        /** Stopped and reported. */
        REPORTED,
        /** Its process is gone (uplink image unavailable, or silent). */
        DOWN
    }

    final int index;
    final String name;
    final SpscDescriptorRing in;
    final SpscDescriptorRing out;
    final RackPort port;
    final WireReceiver uplink;
    final WireSender downlink;
    final int control;
    State state = State.WAITING;
    long pid;
    long lastHeardNanos;
    boolean imageSeen;
    long downAtNanos;
    String downReason = "";
    final Map<String, Long> lastDelivered = new LinkedHashMap<>();
    HostReport report;

    HostLink(final int index, final String name, final SpscDescriptorRing in, final SpscDescriptorRing out, final RackPort port,
        final WireReceiver uplink, final WireSender downlink, final int control)
    {
        this.index = index;
        this.name = name;
        this.in = in;
        this.out = out;
        this.port = port;
        this.uplink = uplink;
        this.downlink = downlink;
        this.control = control;
    }

    boolean up()
    {
        return state != State.DOWN && state != State.WAITING;
    }
}
