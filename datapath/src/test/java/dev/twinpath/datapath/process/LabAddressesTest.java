package dev.twinpath.datapath.process;

import dev.twinpath.datapath.labfile.LabFileReader;
import dev.twinpath.datapath.labfile.LabSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the processes of a lab listen, and which stream carries what: unique lab-wide, the same over udp and ipc. */
class LabAddressesTest
{
    @Test
    void withoutChannelsEveryProcessGetsALoopbackPortFromTheBase()
    {
        final LabAddresses addresses = new LabAddresses(LabFileReader.example("processes.yaml"), 41_000);
        assertEquals("aeron:udp?endpoint=localhost:41000", addresses.rackChannel());
        assertEquals(List.of("A", "B", "C"), addresses.hostNames());
        assertEquals("aeron:udp?endpoint=localhost:41001", addresses.hostChannel(0));
        assertEquals("aeron:udp?endpoint=localhost:41003", addresses.hostChannel(2));
        assertEquals(1, addresses.hostIndex("B"));
        assertFalse(addresses.ipc());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> addresses.hostIndex("Z")).getMessage()
            .contains("no host 'Z' in the lab; hosts: [A, B, C]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LabAddresses(LabFileReader.example("processes.yaml"),
            65_534)).getMessage().startsWith("portBase: 65534 must be in [1024, 65531]"));
    }

    @Test
    void theFilesChannelsWinAndStreamIdsAreUniqueLabWide()
    {
        final LabSpec ipc = LabFileReader.parse("""
            duration: 2s
            tor: { channel: aeron:ipc }
            hosts: [ { name: A, channel: aeron:ipc }, { name: B, channel: aeron:ipc } ]
            vms: [ { name: vm1, host: A } ]
            """, "ipc.yaml");
        final LabAddresses addresses = new LabAddresses(ipc, LabAddresses.DEFAULT_PORT_BASE);
        assertTrue(addresses.ipc());
        assertEquals("aeron:ipc", addresses.hostChannel(1));
        final java.util.Set<Integer> streams = new java.util.HashSet<>();
        streams.add(LabAddresses.CONTROL_TO_RACK);
        for (int host = 0; host < 16; host++)
        {
            for (final int stream : new int[] {LabAddresses.uplink(host), LabAddresses.downlink(host),
                LabAddresses.controlToHost(host), LabAddresses.forwardTo(host)})
            {
                assertTrue(streams.add(stream), "stream " + stream + " used twice");
            }
        }
    }
}
