package dev.twinpath.datapath.labfile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fault entries of a lab's schedule: each key read with its options, and each mistake named. */
class LabFileFaultsTest
{
    private static final String HEAD = """
        duration: 5s
        hosts: [ { name: A }, { name: B } ]
        vms: [ { name: vm1, host: A } ]
        schedule:
        """;

    private static long ms(final long millis)
    {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void everyFaultKeyIsRead()
    {
        final LabSpec spec = LabFileReader.parse(HEAD + """
              - { at: 100ms, surpriseRemove: vm1 }
              - { at: 200ms, surpriseRemove: vm1, adapter: eth0, afterFrames: 50 }
              - { at: 300ms, loseControl: vm1, direction: toHost, count: 2 }
              - { at: 400ms, delayControl: vm1, delay: 50ms }
              - { at: 500ms, fillControlRing: vm1, direction: toGuest }
              - { at: 600ms, stallGuest: vm1, duration: 200ms }
              - { at: 700ms, exhaustPool: 150ms }
              - { at: 800ms, hostDown: B, during: prepared }
              - { at: 900ms, migrate: vm1, to: B }
              - { at: 1s, hostUp: B }
              - { at: 2s, hostDown: B }
            """, "faults.yaml");
        assertEquals(List.of(
            new ScheduleAction.Fault(ms(100), "surpriseRemove", "vm1", "eth0", null, null, 0, 0),
            new ScheduleAction.Fault(ms(200), "surpriseRemove", "vm1", "eth0", null, null, 50, 0),
            new ScheduleAction.Fault(ms(300), "loseControl", "vm1", "eth0", null, "to-host", 2, 0),
            new ScheduleAction.Fault(ms(400), "delayControl", "vm1", "eth0", null, "to-guest", 1, ms(50)),
            new ScheduleAction.Fault(ms(500), "fillControlRing", "vm1", "eth0", null, "to-guest", 1, 0),
            new ScheduleAction.Fault(ms(600), "stallGuest", "vm1", null, null, null, 0, ms(200)),
            new ScheduleAction.Fault(ms(700), "exhaustPool", null, null, null, null, 0, ms(150)),
            new ScheduleAction.Fault(ms(800), "hostDown", null, null, "B", "prepared", 0, 0),
            new ScheduleAction.Migrate(ms(900), "vm1", "B"),
            new ScheduleAction.Fault(ms(1000), "hostUp", null, null, "B", null, 0, 0),
            new ScheduleAction.Fault(ms(2000), "hostDown", null, null, "B", null, 0, 0)), spec.schedule(),
            "the migration to B gives up (B goes down while it is prepared): vm1 stays on A, so B may go down at 2s");
    }

    @Test
    void everyMistakeIsNamedWithItsPlace()
    {
        final LabFileException ex = assertThrows(LabFileException.class, () -> LabFileReader.parse(HEAD + """
              - { at: 100ms, loseControl: vm1, direction: sideways, count: 0 }
              - { at: 200ms, delayControl: vm1 }
              - { at: 300ms, stallGuest: vm1, duration: 2m }
              - { at: 400ms, exhaustPool: forever }
              - { at: 500ms, hostDown: C }
              - { at: 600ms, hostDown: A }
              - { at: 700ms, hostDown: B, during: blackout }
              - { at: 800ms, surpriseRemove: vm2, afterFrames: -1 }
            """, "bad.yaml"));
        assertEquals("""
            bad.yaml:5:47: schedule[0].direction: expected one of toGuest, toHost, got 'sideways'
            bad.yaml:5:64: schedule[0].count: expected an integer 1..1000, got '0'
            bad.yaml:6:5: schedule[1].delay: missing, expected a duration more than 0 and at most 1m
            bad.yaml:7:45: schedule[2].duration: expected a duration more than 0 and at most 1m, got '2m'
            bad.yaml:8:31: schedule[3].exhaustPool: expected a duration more than 0 and at most 1m such as 500ms, 2s, \
            1.5s, 250us or 1m (a bare integer is milliseconds), got 'forever'
            bad.yaml:9:28: schedule[4].hostDown: no host named 'C'; hosts: A, B
            bad.yaml:10:28: schedule[5].hostDown: host 'A' runs VM 'vm1' at 600ms; only a host without running VMs \
            can go down (or use during: prepared, forwarding or pausing to take it down during a migration to it)
            bad.yaml:11:39: schedule[6].during: expected one of prepared, forwarding, pausing, got 'blackout'
            bad.yaml:12:34: schedule[7].surpriseRemove: no VM named 'vm2' (did you mean 'vm1'?); VMs: vm1
            bad.yaml:12:52: schedule[7].afterFrames: expected an integer 1..1000000000, got '-1'""",
            ex.getMessage());
    }
}
