package dev.twinpath.datapath.process;

import dev.twinpath.datapath.stat.LabCounters;
import dev.twinpath.datapath.stat.LiveCounterType;
import dev.twinpath.datapath.wire.WireReceiver;
import dev.twinpath.datapath.wire.WireSender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The live counters of a host process ({@code twinpath stat}): every part of its lab ({@link LabCounters}), its uplink
 * and downlink wires, and for every VM of the lab whether it runs here and what it received here. Published as
 * {@code twinpath host A (lab NAME)}, so {@code twinpath stat --lab NAME} shows it with the lab's other processes.
 * <p>
 * The counters the lab had when it started are fixed; a VM arriving later is seen through its lab-wide rows.
 * Control thread of the host process.
 */
final class HostCounters
{
    private HostCounters()
    {
    }

    static LabCounters publish(final HostProcess host, final Path directory)
    {
        final LabCounters counters = new LabCounters(host.lab());
        wire(counters, "wire " + host.name() + " downlink", host.wires().downlink());
        wire(counters, "wire " + host.name() + " uplink", host.wires().uplinkSender());
        for (final var vm : host.labVmNames())
        {
            counters.add(LiveCounterType.LAB_VM, "vm " + vm + " on " + host.name(), () ->
            {
                final VmReceiver r = host.receivers().get(vm);
                return r != null && r.resident() ? 1 : 0;
            });
            counters.add(LiveCounterType.LAB_VM, "vm " + vm + " received on " + host.name(), () -> host.receivedHere(vm));
        }
        try
        {
            return counters.publish(directory, "twinpath host " + host.name() + " (lab " + host.labName() + ")");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("live counters: cannot publish in " + directory, ex);
        }
    }

    static void wire(final LabCounters counters, final String name, final WireReceiver receiver)
    {
        counters.add(LiveCounterType.WIRE, name + " frames", receiver::frames);
        counters.add(LiveCounterType.WIRE, name + " messages", receiver::messages);
        counters.add(LiveCounterType.WIRE, name + " malformed", receiver::malformedTotal);
        counters.add(LiveCounterType.WIRE, name + " images", receiver::imageCount);
    }

    static void wire(final LabCounters counters, final String name, final WireSender sender)
    {
        counters.add(LiveCounterType.WIRE, name + " frames", sender::frames);
        counters.add(LiveCounterType.WIRE, name + " messages", sender::messages);
        counters.add(LiveCounterType.WIRE, name + " back_pressured", () ->
            sender.failures(dev.twinpath.datapath.wire.WirePublicationFailure.BACK_PRESSURED));
        counters.add(LiveCounterType.WIRE, name + " not_connected", () ->
            sender.failures(dev.twinpath.datapath.wire.WirePublicationFailure.NOT_CONNECTED));
    }
}
