package dev.twinpath.datapath.labfile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinpath.datapath.labfile.LabFileValidationTest.assertProblem;
import static dev.twinpath.datapath.labfile.LabFileValidationTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Where each process of a lab of processes listens: {@code tor.channel} and {@code hosts[i].channel}, all given or all
 * left out, all {@code aeron:ipc} or all udp with an endpoint each, checked with the path and line of the mistake.
 */
class LabFileChannelsTest
{
    @Test
    void channelsAreReadWhenGivenAndNullWhenLeftOut()
    {
        final LabSpec given = LabFileReader.parse("""
            duration: 2s
            tor: { name: tor1, channel: "aeron:udp?endpoint=10.0.0.1:40700" }
            hosts:
              - { name: A, channel: "aeron:udp?endpoint=10.0.0.2:40701" }
              - { name: B, channel: "aeron:udp?endpoint=10.0.0.3:40701" }
            vms: [ { name: vm1, host: A } ]
            """, "channels.yaml");
        assertEquals("aeron:udp?endpoint=10.0.0.1:40700", given.tor().channel());
        assertEquals(List.of("aeron:udp?endpoint=10.0.0.2:40701", "aeron:udp?endpoint=10.0.0.3:40701"),
            given.hosts().stream().map(HostSpec::channel).toList());

        final LabSpec none = LabFileReader.example("processes.yaml");
        assertNull(none.tor().channel());
        none.hosts().forEach(h -> assertNull(h.channel(), h.name()));
    }

    @Test
    void everyProcessOnIpcIsAccepted()
    {
        final LabSpec ipc = LabFileReader.parse("""
            duration: 2s
            tor: { channel: aeron:ipc }
            hosts: [ { name: A, channel: aeron:ipc }, { name: B, channel: aeron:ipc } ]
            vms: [ { name: vm1, host: A } ]
            """, "ipc.yaml");
        assertEquals("aeron:ipc", ipc.tor().channel());
    }

    @Test
    void aChannelThatIsNotOneIsRefusedWithItsPath()
    {
        assertProblem(problems("""
            tor: { channel: "aeron:udp?mtu=8192" }
            hosts: [ { name: A, channel: "aeron:udp?endpoint=localhost:1" } ]
            vms: [ { name: vm1, host: A } ]
            """), "tor.channel", 1, "a udp channel needs endpoint=host:port");
        assertProblem(problems("""
            tor: { channel: "aeron:ipc" }
            hosts: [ { name: A, channel: "http://localhost" } ]
            vms: [ { name: vm1, host: A } ]
            """), "hosts[0].channel", 2, "expected an Aeron channel");
        assertProblem(problems("""
            tor: { channel: "aeron:udp?endpoint=localhost:40700|mtu=8192" }
            hosts: [ { name: A, channel: "aeron:udp?endpoint=localhost:40701" } ]
            vms: [ { name: vm1, host: A } ]
            """), "tor.channel", 1, "set mtu and term-length through");
    }

    @Test
    void channelsAreAllGivenOrNone()
    {
        assertProblem(problems("""
            tor: { channel: "aeron:udp?endpoint=localhost:40700" }
            hosts:
              - { name: A, channel: "aeron:udp?endpoint=localhost:40701" }
              - { name: B }
            vms: [ { name: vm1, host: A } ]
            """), "hosts[1].channel", 1, "give a channel to the tor and to every host, or to none");
        assertProblem(problems("""
            hosts: [ { name: A, channel: "aeron:udp?endpoint=localhost:40701" } ]
            vms: [ { name: vm1, host: A } ]
            """), "tor.channel", 1, "give a channel to the tor and to every host, or to none");
    }

    @Test
    void ipcAndUdpDoNotMixAndNoTwoProcessesShareAnEndpoint()
    {
        assertProblem(problems("""
            duration: 2s
            tor: { channel: aeron:ipc }
            hosts:
              - { name: A, channel: aeron:ipc }
              - { name: B, channel: "aeron:udp?endpoint=localhost:40702" }
            vms: [ { name: vm1, host: A } ]
            """), "hosts[1].channel", 5, "mixes aeron:ipc and aeron:udp");
        assertProblem(problems("""
            tor: { channel: "aeron:udp?endpoint=localhost:40700" }
            hosts:
              - { name: A, channel: "aeron:udp?endpoint=localhost:40701" }
              - { name: B, channel: "aeron:udp?endpoint=localhost:40700" }
            vms: [ { name: vm1, host: A } ]
            """), "hosts[1].channel", 4, "is already where the tor listens");
    }
}
