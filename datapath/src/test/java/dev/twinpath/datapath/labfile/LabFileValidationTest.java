package dev.twinpath.datapath.labfile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each kind of mistake gives a problem with the right path, line and message; problems are all
 * collected, in file order.
 */
class LabFileValidationTest
{
    private static final String HOSTS = """
        duration: 6s
        hosts:
          - name: A
          - name: B
        """;

    @Test
    void aTypeErrorNamesThePathLineAndColumnAndTheBadValue()
    {
        final List<LabFileProblem> problems = problems("""
            duration: 6s
            hosts:
              - name: A
              - name: B
                platform:
                  nic: { sriov: true, vfs: eight }
            vms: [{ name: v, host: A }]
            """);
        assertEquals(List.of(new LabFileProblem(
            "hosts[1].platform.nic.vfs", 6, 32, "expected an integer 0..256, got 'eight'")), problems);
        assertEquals("hosts[1].platform.nic.vfs: expected an integer 0..256, got 'eight' (line 6, column 32)",
            problems.get(0).toString());
    }

    @Test
    void theMessageListsEveryProblemPrefixedByTheFileName()
    {
        final LabFileException ex = assertThrows(LabFileException.class, () -> LabFileReader.parse("""
            duration: 6s
            threading: tow
            hosts:
              - name: A
                platform:
                  nic: { sriov: true, vfs: eight }
                  bios: { sriov: true, osControlPcie: false }
            vms:
              - name: vm1
                host: D
                adapters:
                  - { name: eth0, iovWeight: 101 }
            schedule:
              - { at: 2s, migrate: vm1, to: A, revokeVf: vm1 }
              - { at: 7s, linkDown: vm1, adapter: eth1 }
            """, "lab.yaml"));
        assertEquals("""
            lab.yaml:2:12: threading: expected one of one, two, per-agent, got 'tow' (did you mean 'two'?)
            lab.yaml:6:32: hosts[0].platform.nic.vfs: expected an integer 0..256, got 'eight'
            lab.yaml:7:28: hosts[0].platform.bios.osControlPcie: unknown key 'osControlPcie' \
            (did you mean 'osControlsPcie'?); allowed keys: sriov, osControlsPcie
            lab.yaml:10:11: vms[0].host: no host named 'D'; hosts: A
            lab.yaml:12:34: vms[0].adapters[0].iovWeight: expected an integer 0..100, got '101'
            lab.yaml:14:5: schedule[0]: expected exactly one action key (migrate, revokeVf, offerVf, setIovWeight, \
            linkDown, linkUp, surpriseRemove, loseControl, delayControl, fillControlRing, stallGuest, exhaustPool, \
            hostDown, hostUp), got migrate, revokeVf
            lab.yaml:15:11: schedule[1].at: expected a duration in [0s, 6s), before the end of the run, got '7s'
            lab.yaml:15:39: schedule[1].adapter: VM 'vm1' has no adapter 'eth1' (did you mean 'eth0'?); \
            its adapters: eth0""", ex.getMessage());
        assertEquals("lab.yaml", ex.fileName());
        assertEquals(8, ex.problems().size());
    }

    @Test
    void rangesAreChecked()
    {
        final List<LabFileProblem> problems = problems("""
            duration: 25h
            warmup: -1s
            traffic: { rate: 101M, guestRate: 1.5, flows: 65537, frameSize: 59 }
            hosts:
              - name: A
                platform: { nic: { vfs: 257, queuePairsPerVf: 0 } }
            vms:
              - name: v
                host: A
                adapters: [{ name: eth0, iovWeight: -1, queuePairs: 17 }]
            """);
        assertProblem(problems, "duration", 1, "expected a duration > 0 and at most 24h, got '25h'");
        assertProblem(problems, "warmup", 2, "expected a duration of 0 or more, got '-1s'");
        assertProblem(problems, "traffic.rate", 3, "expected a packet rate 0..100M pps, got '101M'");
        assertProblem(problems, "traffic.guestRate", 3, "got '1.5'");
        assertProblem(problems, "traffic.flows", 3, "expected an integer 1..65536, got '65537'");
        assertProblem(problems, "traffic.frameSize", 3, "expected an integer 60..9000, got '59'");
        assertProblem(problems, "hosts[0].platform.nic.vfs", 6, "expected an integer 0..256, got '257'");
        assertProblem(problems, "hosts[0].platform.nic.queuePairsPerVf", 6, "expected an integer 1..16, got '0'");
        assertProblem(problems, "vms[0].adapters[0].iovWeight", 10, "expected an integer 0..100, got '-1'");
        assertProblem(problems, "vms[0].adapters[0].queuePairs", 10, "expected an integer 1..16, got '17'");
        assertEquals(10, problems.size(), problems::toString);
    }

    @Test
    void aWarmupMustEndBeforeTheRun()
    {
        assertProblem(problems("duration: 2s\nwarmup: 2s\nhosts: [{name: A}]\nvms: [{name: v, host: A}]\n"),
            "warmup", 2, "expected a duration in [0s, 2s), shorter than the run, got '2s'");
    }

    @Test
    void malformedDurationsAndRatesSayWhatTheFormIs()
    {
        final List<LabFileProblem> problems = problems("""
            duration: soon
            traffic: { rate: lots }
            hosts: [{name: A}]
            vms: [{name: v, host: A}]
            """);
        assertProblem(problems, "duration", 1, "such as 500ms, 2s, 1.5s, 250us or 1m (a bare integer is milliseconds)");
        assertProblem(problems, "traffic.rate", 2, "such as 200000, 200k or 1.5M, got 'lots'");
    }

    @Test
    void unknownKeysListTheAllowedOnesAndSuggestTheClosest()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms:
              - name: v
                hots: A
                colour: blue
            """);
        assertProblem(problems, "vms[0].hots", 7, "unknown key 'hots' (did you mean 'host'?); " +
            "allowed keys: name, host, mac, adapters, team");
        assertProblem(problems, "vms[0].colour", 8, "unknown key 'colour'; allowed keys: name, host, mac, adapters, team");
        assertProblem(problems, "vms[0].host", 6, "missing, expected the name of a host");
    }

    @Test
    void duplicateKeysInOneMappingAreRefused()
    {
        final List<LabFileProblem> problems = problems(HOSTS + "vms: [{name: v, host: A}]\nduration: 3s\n");
        assertProblem(problems, "duration", 6, "duplicate key 'duration' (first at line 1)");
    }

    @Test
    void duplicateHostVmAndAdapterNamesAreRefused()
    {
        final List<LabFileProblem> problems = problems("""
            duration: 6s
            hosts:
              - name: A
              - name: A
            vms:
              - name: v
                host: A
                mac: 00:15:5d:00:00:01
                adapters: [{ name: eth0 }, { name: eth0 }]
              - name: v
                host: A
                mac: 00:15:5D:00:00:01
            """);
        assertProblem(problems, "hosts[1].name", 4, "duplicate host name 'A' (first at line 3)");
        assertProblem(problems, "vms[0].adapters[1].name", 9, "duplicate adapter name 'eth0' in this VM (first at line 9)");
        assertProblem(problems, "vms[1].name", 10, "duplicate VM name 'v' (first at line 6)");
        assertProblem(problems, "vms[1].mac", 12, "duplicate MAC address '00:15:5D:00:00:01' (first at line 8)");
    }

    @Test
    void badMacAddressesAreRefused()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms:
              - { name: a, host: A, mac: 01:00:5e:00:00:01 }
              - { name: b, host: A, mac: 00:00:00:00:00:00 }
              - { name: c, host: A, mac: 00:15:5d:00:00 }
            """);
        assertProblem(problems, "vms[0].mac", 6, "expected a unicast MAC address");
        assertProblem(problems, "vms[1].mac", 7, "other than 00:00:00:00:00:00");
        assertProblem(problems, "vms[2].mac", 8, "expected a MAC address such as 00:15:5d:00:00:01, got '00:15:5d:00:00'");
    }

    @Test
    void aVmOnAnUnknownHostIsRefused()
    {
        assertProblem(problems(HOSTS + "vms:\n  - name: v\n    host: C\n"),
            "vms[0].host", 7, "no host named 'C'; hosts: A, B");
    }

    @Test
    void scheduleEntriesMustNameKnownVmsHostsAndAdapters()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms: [{ name: vm1, host: A }]
            schedule:
              - { at: 1s, migrate: vm2, to: B }
              - { at: 1s, migrate: vm1, to: Z }
              - { at: 1s, revokeVf: vm1, adapter: eth1 }
              - { at: 1s, setIovWeight: vm1, weight: 101 }
              - { at: 1s, offerVf: vm1, to: B }
              - { migrate: vm1, to: B }
            """);
        assertProblem(problems, "schedule[0].migrate", 7, "no VM named 'vm2' (did you mean 'vm1'?); VMs: vm1");
        assertProblem(problems, "schedule[1].to", 8, "no host named 'Z'; hosts: A, B");
        assertProblem(problems, "schedule[2].adapter", 9, "VM 'vm1' has no adapter 'eth1'");
        assertProblem(problems, "schedule[3].weight", 10, "expected an integer 0..100, got '101'");
        assertProblem(problems, "schedule[4].to", 11, "unknown key 'to'; allowed keys: at, offerVf, adapter");
        assertProblem(problems, "schedule[5].at", 12, "missing, expected a duration in [0s, 6s)");
        assertEquals(6, problems.size(), problems::toString);
    }

    @Test
    void aMigrationToTheHostTheVmIsOnAtThatMomentIsRefused()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms: [{ name: vm1, host: A }]
            schedule:
              - { at: 3s, migrate: vm1, to: B }
              - { at: 1s, migrate: vm1, to: A }
              - { at: 2s, migrate: vm1, to: B }
            """);
        assertProblem(problems, "schedule[0].to", 7, "VM 'vm1' is already on host 'B' at 3s (it migrates there at 2s)");
        assertProblem(problems, "schedule[1].to", 8, "VM 'vm1' is already on host 'A' at 1s (it starts there)");
        assertEquals(2, problems.size(), problems::toString);
    }

    @Test
    void actionsAtOrAfterTheEndOfTheRunAreRefused()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms: [{ name: vm1, host: A }]
            schedule:
              - { at: 5999ms, linkDown: vm1 }
              - { at: 6s, linkUp: vm1 }
              - { at: 1m, linkUp: vm1 }
            """);
        assertProblem(problems, "schedule[1].at", 8, "expected a duration in [0s, 6s), before the end of the run, got '6s'");
        assertProblem(problems, "schedule[2].at", 9, "got '1m'");
        assertEquals(2, problems.size(), problems::toString);
    }

    @Test
    void aScheduleEntryNeedsExactlyOneActionKey()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms: [{ name: vm1, host: A }]
            schedule:
              - { at: 1s }
              - { at: 1s, linkDown: vm1, linkUp: vm1 }
              - { at: 1s, migrat: vm1, to: B }
              - just a string
            """);
        assertProblem(problems, "schedule[0]", 7, "expected exactly one action key (migrate, revokeVf, offerVf, " +
            "setIovWeight, linkDown, linkUp, surpriseRemove, loseControl, delayControl, fillControlRing, stallGuest, " +
            "exhaustPool, hostDown, hostUp), got none");
        assertProblem(problems, "schedule[1]", 8, "got linkDown, linkUp");
        assertProblem(problems, "schedule[2]", 9, "got none");
        assertProblem(problems, "schedule[2].migrat", 9, "unknown key 'migrat' (did you mean 'migrate'?)");
        assertProblem(problems, "schedule[3]", 10, "expected a schedule entry (a mapping with at and one action key), " +
            "got 'just a string'");
    }

    @Test
    void aTeamMustNameTwoOrMoreOfTheVmsAdaptersOnce()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms:
              - name: a
                host: A
                adapters: [{ name: eth0 }, { name: eth1 }]
                team: { members: [eth0, eth2, eth0] }
              - name: b
                host: A
                team: { mode: round-robin, members: [eth0] }
              - name: c
                host: A
                team: { name: t }
            """);
        assertProblem(problems, "vms[0].team.members[1]", 9,
            "this VM has no adapter 'eth2'; its adapters: eth0, eth1");
        assertProblem(problems, "vms[0].team.members[2]", 9, "'eth0' is already a member (at line 9)");
        assertProblem(problems, "vms[1].team.mode", 12, "expected one of active-standby, address-hash, got 'round-robin'");
        assertProblem(problems, "vms[1].team.members", 12, "a team needs 2 or more of the VM's adapters, got 1");
        assertProblem(problems, "vms[2].team.members", 15, "missing, expected a list of 2 or more adapter names");
        assertEquals(5, problems.size(), problems::toString);
    }

    @Test
    void listCountsAreChecked()
    {
        final List<LabFileProblem> problems = problems("""
            duration: 1s
            hosts: []
            vms:
              - name: v
                host: A
                adapters: []
            """);
        assertProblem(problems, "hosts", 2, "expected 1..16 hosts, got 0");
        assertProblem(problems, "vms[0].adapters", 6, "expected 1..8 adapters, got 0");

        final StringBuilder many = new StringBuilder("duration: 1s\nvms: [{name: v, host: h0}]\nhosts:\n");
        for (int i = 0; i < 17; i++)
        {
            many.append("  - name: h").append(i).append('\n');
        }
        assertProblem(problems(many.toString()), "hosts", 4, "expected 1..16 hosts, got 17");
    }

    @Test
    void requiredKeysAreNamedWhenMissing()
    {
        final List<LabFileProblem> problems = problems("name: x\n");
        assertProblem(problems, "duration", 1, "missing, expected a duration > 0 and at most 24h");
        assertProblem(problems, "hosts", 1, "missing, expected 1..16 hosts");
        assertProblem(problems, "vms", 1, "missing, expected 1..256 VMs");
    }

    @Test
    void anEmptyFileIsRefused()
    {
        assertEquals(List.of(new LabFileProblem("", 0, 0,
            "the file is empty; a lab needs at least duration, hosts and vms")), problems("# only a comment\n"));
        assertEquals(1, problems("").size());
    }

    @Test
    void aFileThatIsNotAMappingIsRefusedOnce()
    {
        assertEquals(List.of(new LabFileProblem("", 1, 1, "expected a mapping of lab keys (name, duration, warmup, " +
            "threading, traffic, tor, hosts, vms, schedule), got a list")), problems("- duration: 1s\n"));
        assertProblem(problems("[1, 2]"), "", 1, "got a list");
        assertProblem(problems("just words"), "", 1, "got 'just words'");
    }

    @Test
    void aSectionOfTheWrongKindIsReportedOnce()
    {
        final List<LabFileProblem> problems = problems(HOSTS + "vms: [{name: v, host: A}]\ntraffic: [1, 2]\ntor: 3\n");
        assertProblem(problems, "traffic", 6, "expected a traffic mapping, got a list");
        assertProblem(problems, "tor", 7, "expected a top-of-rack switch mapping, got '3'");
        assertEquals(2, problems.size(), problems::toString);
    }

    @Test
    void unparseableTextReportsSnakeYamlsPlace()
    {
        assertEquals(List.of(new LabFileProblem("", 3, 1, "not valid YAML or JSON: expected ',' or ']', " +
            "but got <stream end> (while parsing a flow sequence at line 2, column 8)")),
            problems("duration: 1s\nhosts: [A\n"));
        assertProblem(problems("{\"duration\": \"1s\",, }"), "", 1, "not valid YAML or JSON");
        assertProblem(problems("duration: 1s\n\thosts: []\n"), "", 2, "Do not use \\t(TAB) for indentation");
        assertProblem(problems("duration: 1s\n---\nhosts: []\n"), "", 2,
            "expected a single document in the stream, but found another document");
    }

    @Test
    void problemsComeInFileOrder()
    {
        final List<LabFileProblem> problems = problems(HOSTS + """
            vms: [{ name: vm1, host: A }]
            schedule:
              - { at: 2s, migrate: vm1, to: A }
            threading: three
            """);
        assertEquals(List.of(7, 8), problems.stream().map(LabFileProblem::line).toList());
    }

    static List<LabFileProblem> problems(final String text)
    {
        try
        {
            LabFileReader.parse(text, "test.yaml");
        }
        catch (final LabFileException ex)
        {
            return ex.problems();
        }
        return fail("expected the lab to be refused:\n" + text);
    }

    static void assertProblem(
        final List<LabFileProblem> problems, final String path, final int line, final String messagePart)
    {
        for (final LabFileProblem problem : problems)
        {
            if (problem.path().equals(path) && problem.line() == line && problem.message().contains(messagePart))
            {
                return;
            }
        }
        fail("no problem at " + path + " line " + line + " saying \"" + messagePart + "\" among:\n" +
            String.join("\n", problems.stream().map(LabFileProblem::toString).toList()));
    }

    @Test
    void problemsFormatLikeACompiler()
    {
        final LabFileProblem problem = new LabFileProblem("vms[0].adapters[1].iovWeight", 12, 16, "expected ...");
        assertEquals("lab.yaml:12:16: vms[0].adapters[1].iovWeight: expected ...", problem.format("lab.yaml"));
        assertEquals("lab.yaml: too big", new LabFileProblem("", 0, 0, "too big").format("lab.yaml"));
        assertTrue(problem.toString().endsWith("(line 12, column 16)"));
    }
}
