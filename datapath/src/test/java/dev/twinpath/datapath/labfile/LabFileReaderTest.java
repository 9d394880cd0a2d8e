package dev.twinpath.datapath.labfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabFileReaderTest
{
    /** Surefire runs in the module's directory; the examples live at the repository's root. */
    private static final Path EXAMPLES = Path.of("..", "examples", "labs");

    @Test
    void everyShippedExampleParsesFromTheRepositoryAndTheClassPath() throws IOException
    {
        for (final String example : LabFileReader.EXAMPLES)
        {
            final LabSpec fromFile = LabFileReader.read(EXAMPLES.resolve(example));
            assertEquals(fromFile, LabFileReader.example(example), example);
            try (InputStream in = LabFileReader.class.getResourceAsStream("/labs/" + example))
            {
                assertNotNull(in, example);
                assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve(example)), in.readAllBytes(),
                    example + ": examples/labs and datapath's resources must hold the same file");
            }
        }
        try (var files = Files.list(EXAMPLES))
        {
            assertEquals(LabFileReader.EXAMPLES.size(), files.count(), "every example file is listed in EXAMPLES");
        }
    }

    @Test
    void theMigrationExampleIsTheDefaultLab()
    {
        assertEquals(LabSpec.defaultLab(), LabFileReader.example("migration.yaml"));
    }

    @Test
    void theSeedHostExampleUsesTheSeedPreset()
    {
        final LabSpec lab = LabFileReader.example("seed-host.json");
        assertEquals(List.of(new HostSpec("seed", PlatformSpec.seedBiosLimited(), SwitchSpec.defaults())), lab.hosts());
        assertEquals(0x0015_5d00_0001L, lab.vm("vm1").mac());
    }

    @Test
    void theTeamingExampleTeamsTwoAdaptersAndFlapsALink()
    {
        final LabSpec lab = LabFileReader.example("teaming.yaml");
        final VmSpec vm1 = lab.vm("vm1");
        assertEquals(new TeamSpec("team0", TeamMode.ACTIVE_STANDBY, List.of("eth0", "eth1")), vm1.team());
        assertEquals(List.of(
            new ScheduleAction.LinkDown(TimeUnit.SECONDS.toNanos(2), "vm1", "eth0"),
            new ScheduleAction.LinkUp(TimeUnit.SECONDS.toNanos(4), "vm1", "eth0")), lab.schedule());
    }

    @Test
    void jsonAndYamlDescribingTheSameLabGiveEqualSpecs()
    {
        final String yaml = """
            name: same
            duration: 1.5s
            warmup: 250ms
            threading: per-agent
            traffic: { rate: 1.5M, guestRate: 50k, flows: 128, frameSize: 1518 }
            tor: { name: rack7 }
            hosts:
              - name: A
                platform:
                  preset: no-sriov-nic
                  nic: { sriov: true, vfs: 4, queuePairsPerVf: 2 }
                  bios: { osControlsPcie: false }
                  ioRemapping: { erratum: true }
                  acs: false
                switch: { name: Lab Switch, enableIov: false }
              - name: B
            vms:
              - name: vm1
                host: A
                mac: 00-15-5D-00-00-0A
                adapters:
                  - { name: eth0, iovWeight: 50, queuePairs: 2 }
                  - { name: eth1, iovWeight: 0 }
                team: { name: t, mode: address-hash, members: [eth1, eth0] }
            schedule:
              - { at: 1s, setIovWeight: vm1, weight: 0, adapter: eth1 }
              - { at: 100ms, migrate: vm1, to: B }
              - { at: 1s, revokeVf: vm1 }
              - { at: 1200, offerVf: vm1 }
            """;
        final String json = """
            {"name": "same", "duration": "1.5s", "warmup": 250, "threading": "per-agent",
             "traffic": {"rate": 1500000, "guestRate": "50k", "flows": 128, "frameSize": 1518},
             "tor": {"name": "rack7"},
             "hosts": [
               {"name": "A",
                "platform": {"preset": "no-sriov-nic", "nic": {"sriov": true, "vfs": 4, "queuePairsPerVf": 2},
                             "bios": {"osControlsPcie": false}, "ioRemapping": {"erratum": true}, "acs": false},
                "switch": {"name": "Lab Switch", "enableIov": false}},
               {"name": "B"}],
             "vms": [{"name": "vm1", "host": "A", "mac": "00:15:5d:00:00:0a",
                      "adapters": [{"name": "eth0", "iovWeight": 50, "queuePairs": 2}, {"name": "eth1", "iovWeight": 0}],
                      "team": {"name": "t", "mode": "address-hash", "members": ["eth1", "eth0"]}}],
             "schedule": [{"at": "1s", "setIovWeight": "vm1", "weight": 0, "adapter": "eth1"},
                          {"at": "100ms", "migrate": "vm1", "to": "B"},
                          {"at": 1000, "revokeVf": "vm1"},
                          {"at": "1.2s", "offerVf": "vm1"}]}
            """;
        final LabSpec fromYaml = LabFileReader.parse(yaml, "same.yaml");
        assertEquals(fromYaml, LabFileReader.parse(json, "same.json"));

        assertEquals(new LabSpec("same", 1_500_000_000L, 250_000_000L, LabThreading.PER_AGENT,
            new TrafficSpec(1_500_000, 50_000, 128, 1518), new TorSpec("rack7"),
            List.of(
                new HostSpec("A", new PlatformSpec(true, 4, 2, true, false, true, true, false),
                    new SwitchSpec("Lab Switch", false)),
                new HostSpec("B", PlatformSpec.sriovReady(), SwitchSpec.defaults())),
            List.of(new VmSpec("vm1", "A", 0x0015_5d00_000aL,
                List.of(new AdapterSpec("eth0", 50, 2), new AdapterSpec("eth1", 0, 1)),
                new TeamSpec("t", TeamMode.ADDRESS_HASH, List.of("eth1", "eth0")))),
            List.of(
                new ScheduleAction.Migrate(100_000_000L, "vm1", "B"),
                new ScheduleAction.SetIovWeight(1_000_000_000L, "vm1", "eth1", 0),
                new ScheduleAction.RevokeVf(1_000_000_000L, "vm1", "eth0"),
                new ScheduleAction.OfferVf(1_200_000_000L, "vm1", "eth0"))), fromYaml);
    }

    @Test
    void aMinimalLabTakesEveryDefault()
    {
        final LabSpec lab = LabFileReader.parse("{\"duration\": 2000, \"hosts\": [{\"name\": \"A\"}], " +
            "\"vms\": [{\"name\": \"vm1\", \"host\": \"A\"}]}", "dir/minimal.lab.json");

        assertEquals("minimal.lab", lab.name());
        assertEquals(TimeUnit.SECONDS.toNanos(2), lab.durationNanos());
        assertEquals(0, lab.warmupNanos());
        assertEquals(LabThreading.TWO, lab.threading());
        assertEquals(TrafficSpec.defaults(), lab.traffic());
        assertEquals(TorSpec.defaults(), lab.tor());
        assertEquals(List.of(new HostSpec("A", PlatformSpec.sriovReady(), SwitchSpec.defaults())), lab.hosts());
        assertEquals(List.of(new VmSpec("vm1", "A", VmSpec.ASSIGN_MAC, List.of(AdapterSpec.defaults()), null)), lab.vms());
        assertTrue(lab.schedule().isEmpty());
        assertNull(lab.host("B"));
    }

    @Test
    void compactJsonWithoutSpacesParses()
    {
        final LabSpec lab = LabFileReader.parse(
            "{\"duration\":\"1s\",\"hosts\":[{\"name\":\"A\"}],\"vms\":[{\"name\":\"v\",\"host\":\"A\"}]}", "c.json");
        assertEquals("v", lab.vms().get(0).name());
    }

    @Test
    void aliasesMayShareAPlatform()
    {
        final LabSpec lab = LabFileReader.parse("""
            duration: 1s
            hosts:
              - { name: A, platform: &seed { preset: seed-bios-limited, nic: { vfs: 2 } } }
              - { name: B, platform: *seed }
            vms: [{ name: v, host: A }]
            """, "alias.yaml");
        assertEquals(lab.hosts().get(0).platform(), lab.hosts().get(1).platform());
        assertEquals(2, lab.hosts().get(1).platform().nicVfs());
    }

    @Test
    void aScheduleIsSortedByTimeKeepingFileOrderAtOneTime()
    {
        final LabSpec lab = LabFileReader.parse("""
            duration: 10s
            hosts: [{ name: A }, { name: B }]
            vms: [{ name: v, host: A }]
            schedule:
              - { at: 3s, migrate: v, to: A }
              - { at: 1s, linkDown: v }
              - { at: 1s, linkUp: v }
              - { at: 0, migrate: v, to: B }
            """, "order.yaml");
        assertEquals(List.of("migrate", "linkDown", "linkUp", "migrate"),
            lab.schedule().stream().map(ScheduleAction::key).toList());
        assertEquals(List.of(0L, 1_000_000_000L, 1_000_000_000L, 3_000_000_000L),
            lab.schedule().stream().map(ScheduleAction::atNanos).toList());
    }

    @Test
    void readRefusesAMissingFileAndNonUtf8Text(@TempDir final Path dir) throws IOException
    {
        final LabFileException missing =
            assertThrows(LabFileException.class, () -> LabFileReader.read(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().startsWith("nope.yaml: cannot read the file"), missing.getMessage());

        final Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[]{ 'n', 'a', 'm', 'e', ':', ' ', (byte)0xE9 });
        final LabFileException notUtf8 = assertThrows(LabFileException.class, () -> LabFileReader.read(latin1));
        assertEquals("latin1.yaml: the file is not UTF-8 text", notUtf8.getMessage());
    }

    @Test
    void aByteOrderMarkIsAllowed()
    {
        assertEquals("bom", LabFileReader.parse(
            "\uFEFFduration: 1s\nhosts: [{name: A}]\nvms: [{name: v, host: A}]\n", "bom.yaml").name());
    }
}
