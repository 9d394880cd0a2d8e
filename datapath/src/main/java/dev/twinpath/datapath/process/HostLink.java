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
    final int index;
    final String name;
    final SpscDescriptorRing in;
    final SpscDescriptorRing out;
    final RackPort port;
    final WireReceiver uplink;
    WireSender downlink; // replaced when the host's process restarts
    final int control;
    LabHostState state = LabHostState.WAITING;
    long pid;
    long token; // the host process's own: a new one is a restarted process
    long lastHeardNanos;
    boolean imageSeen;
    int uplinkSession;
    boolean sessionKnown;
    long lateToken; // a new process that said hello after the run began to end: told to exit, not started
    int incarnation; // +1 each time the host goes down: an answer awaited from the old process never comes
    long downAtNanos;
    String downReason = "";
    final Map<String, Long> lastDelivered = new LinkedHashMap<>();
    HostReport report;
    long lostInFlight; // frames the rack held for the host's previous process, freed when it rejoined
    /** The VMs lost with this host when its process died, and what each had last reported received. */
    final Map<String, Long> lostVms = new LinkedHashMap<>();

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

    /**
     * Free what is left in the port's out ring (the downlink sender no longer reads it: replaced, or stopped), end markers
     * skipped. Control thread, no agent reading {@link #out}.
     */
    void freeOut(final dev.twinpath.packet.pool.PacketPool pool)
    {
        final long[] drain = new long[64];
        int n;
        while ((n = out.dequeueBurst(drain, 0, drain.length)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                if (dev.twinpath.packet.pool.PacketDescriptor.isPacket(drain[i]))
                {
                    pool.free(dev.twinpath.packet.pool.PacketDescriptor.handle(drain[i]));
                }
            }
        }
    }

    boolean up()
    {
        return state != LabHostState.DOWN && state != LabHostState.WAITING;
    }
}
