package dev.twinpath.datapath.process;

import dev.twinpath.datapath.rack.RackPort;
import dev.twinpath.datapath.stat.LabCounters;
import dev.twinpath.datapath.stat.LiveCounterType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The live counters of the rack process ({@code twinpath stat}): the pool, every rack port, each host process (its
 * state as the rack sees it, its uplink and downlink wires), the traffic, and per VM what the peer sent it, what it
 * dropped for it while its host was down, and the host it runs on. Published as {@code twinpath tor (lab NAME)}.
 * <p>
 * Control thread of the rack process; the values are racy snapshots of the agent thread's plain counters.
 */
final class RackCounters
{
    private RackCounters()
    {
    }

    static LabCounters publish(final RackProcess lab, final Path directory)
    {
        final LabCounters counters = new LabCounters();
        counters.add(LiveCounterType.RUN_TRAFFIC, "peer sent", () -> lab.peer().generator().sent());
        counters.add(LiveCounterType.RUN_TRAFFIC, "peer received", () -> lab.peer().received());
        for (final RackPort port : lab.rack().ports())
        {
            final String name = "rack port " + port.name();
            counters.add(LiveCounterType.RACK_PORT, name + " frames_in", port::framesIn);
            counters.add(LiveCounterType.RACK_PORT, name + " frames_out", port::framesOut);
            counters.add(LiveCounterType.RACK_PORT, name + " flooded", port::flooded);
            counters.add(LiveCounterType.RACK_PORT, name + " markers_in", port::markersIn);
            counters.add(LiveCounterType.RACK_PORT, name + " markers_out", port::markersOut);
            counters.add(LiveCounterType.RACK_PORT, name + " discarded", port::discarded);
            counters.add(LiveCounterType.RACK_PORT, name + " link_up", () -> port.linkUp() ? 1 : 0);
        }
        for (final HostLink host : lab.hosts())
        {
            counters.add(LiveCounterType.LAB_HOST_STATE, "host " + host.name + " state", () -> host.state.ordinal());
            counters.add(LiveCounterType.LAB_VM, "host " + host.name + " pid", () -> host.pid);
            HostCounters.wire(counters, "wire " + host.name + " uplink", host.uplink);
            counters.add(LiveCounterType.WIRE, "wire " + host.name + " downlink frames", () -> host.downlink.frames());
            counters.add(LiveCounterType.WIRE, "wire " + host.name + " downlink messages", () -> host.downlink.messages());
        }
        final int vms = lab.runContext().vms();
        final int flows = lab.runContext().flows();
        for (int v = 0; v < vms; v++)
        {
            final int vm = v;
            final String name = "vm " + lab.spec().vms().get(v).name();
            counters.add(LiveCounterType.LAB_VM, name + " sent", () ->
            {
                long sum = 0;
                for (int f = vm; f < flows; f += vms)
                {
                    sum += lab.peer().generator().sentToFlow(f);
                }
                return sum;
            });
            counters.add(LiveCounterType.LAB_VM, name + " dropped_host_down", () -> lab.peer().droppedFor(vm));
            counters.add(LiveCounterType.LAB_VM, name + " host_index", () -> lab.vmHost()[vm]);
            counters.add(LiveCounterType.LAB_VM, name + " lost_with_host", () -> lab.vmLost(vm) ? 1 : 0);
        }
        try
        {
            return counters.publish(directory, "twinpath tor " + lab.spec().tor().name() + " (lab " + lab.spec().name() + ")");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("live counters: cannot publish in " + directory, ex);
        }
    }
}
