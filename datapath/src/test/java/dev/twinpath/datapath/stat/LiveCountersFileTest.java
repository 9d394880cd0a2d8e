package dev.twinpath.datapath.stat;

import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.lab.LabContext;
import dev.twinpath.datapath.lab.ThreadingMode;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live counters file as a reader sees it: what {@link LabCounters} publishes comes back through
 * {@link LiveCountersReader} with its labels, type ids and values, the header says who wrote it and when, and a
 * file that is not whole is refused naming the field and its offset.
 */
class LiveCountersFileTest
{
    @TempDir
    Path dir;

    private static Lab lab()
    {
        return new Lab(new LabContext().vms(2).totalVfs(3).queuePairs(2).poolSlots(8_192).threading(ThreadingMode.ONE));
    }

    @Test
    void whatThePublisherWritesTheReaderReadsBackWithLabelsTypesAndValues() throws IOException
    {
        try (Lab lab = lab())
        {
            final long[] offered = {42};
            final LabCounters live = new LabCounters(lab)
                .add(LiveCounterType.RUN_TRAFFIC, "run offered", () -> offered[0]);
            live.publish(dir, "twinpath run (test)");
            try (live; LiveCountersReader reader = LiveCountersReader.open(live.path()))
            {
                assertEquals(dir.resolve("twinpath-" + ProcessHandle.current().pid() + ".dat").toAbsolutePath(), live.path());
                assertEquals(ProcessHandle.current().pid(), reader.pid());
                assertEquals("twinpath run (test)", reader.command());
                assertTrue(reader.writerAlive());
                assertTrue(Math.abs(System.currentTimeMillis() - reader.startMillis()) < 60_000, "start " + reader.startMillis());

                final List<LiveCountersReader.Counter> counters = reader.snapshot();
                assertEquals(live.size(), counters.size());
                final Map<String, LiveCountersReader.Counter> byLabel = new HashMap<>();
                for (int i = 0; i < counters.size(); i++)
                {
                    final LiveCountersReader.Counter c = counters.get(i);
                    assertEquals(i, c.id(), "ids in order");
                    assertEquals(null, byLabel.put(c.label(), c), "one counter per label: " + c.label());
                    assertEquals(c.typeId(), reader.counters().getCounterTypeId(c.id()));
                }
                final String nic = lab.hosts().get(0).nic(0).name();
                final String vm = lab.vm(0).adapters().get(0).fullName();
                expect(byLabel, "run offered", LiveCounterType.RUN_TRAFFIC, 42, "42");
                expect(byLabel, "pool capacity", LiveCounterType.POOL, lab.pool().capacity(), null);
                expect(byLabel, "nic " + nic + " vf2 state", LiveCounterType.VF_STATE, 0, "FREE");
                expect(byLabel, "nic " + nic + " vf2 q1 rx_packets", LiveCounterType.QUEUE, 0, "0");
                expect(byLabel, "nic " + nic + " wire rx_packets", LiveCounterType.NIC_FUNCTION, 0, "0");
                expect(byLabel, "nic " + nic + " drop RX_RING_FULL", LiveCounterType.NIC_DROP, 0, "0");
                expect(byLabel, "adapter " + vm + " state", LiveCounterType.ADAPTER_STATE, 0, "SYNTHETIC");
                expect(byLabel, "adapter " + vm + " host_state", LiveCounterType.HOST_VF_STATE, 0, "NO_VF");
                expect(byLabel, "adapter " + vm + " path_switches", LiveCounterType.ADAPTER, 0, "0");
                expect(byLabel, "vswitch " + nic + " drop ACL_DENIED_INBOUND", LiveCounterType.SWITCH_DROP, 0, "0");
                expect(byLabel, "vswitch " + nic + " uplink received_packets", LiveCounterType.SWITCH_PORT, 0, "0");
                expect(byLabel, "port " + vm + " transmitted_packets", LiveCounterType.SWITCH_PORT, 0, "0");
                assertFalse(byLabel.containsKey("nic " + nic + " vf3 state"), "3 VFs: vf0..vf2");
                assertFalse(byLabel.containsKey("nic " + nic + " vf0 q2 rx_packets"), "2 queue pairs: q0, q1");
                assertTrue(byLabel.containsKey("adapter " + lab.vm(1).adapters().get(0).fullName() + " rx_vf"));

                final long heartbeat = reader.heartbeatMillis();
                final long refreshes = reader.refreshes();
                offered[0] = 1_234_567;
                live.refresh(heartbeat + 5);
                assertEquals(heartbeat + 5, reader.heartbeatMillis());
                assertEquals(refreshes + 1, reader.refreshes());
                assertEquals(1_234_567, reader.value("run offered", -1));
                assertEquals("1,234,567", LiveCounterType.RUN_TRAFFIC.valueText(reader.value("run offered", -1)));
            }
            assertFalse(Files.exists(dir.resolve("twinpath-" + ProcessHandle.current().pid() + ".dat")), "deleted on close");
        }
    }

    private static void expect(final Map<String, LiveCountersReader.Counter> byLabel, final String label,
        final LiveCounterType type, final long value, final String text)
    {
        final LiveCountersReader.Counter c = byLabel.get(label);
        assertTrue(c != null, "no counter '" + label + "' among " + byLabel.keySet().stream().sorted().toList());
        assertEquals(type.id(), c.typeId(), label);
        assertEquals(type, c.type(), label);
        assertEquals(value, c.value(), label);
        if (text != null)
        {
            assertEquals(text, c.valueText(), label);
        }
    }

    @Test
    void twoPublishersOfOneProcessGetTwoFilesAndBothAreDeleted() throws IOException
    {
        final long pid = ProcessHandle.current().pid();
        try (LiveCountersFile first = LiveCountersFile.create(dir, "first", 4);
            LiveCountersFile second = LiveCountersFile.create(dir, "second", 4))
        {
            assertEquals("twinpath-" + pid + ".dat", first.path().getFileName().toString());
            assertEquals("twinpath-" + pid + "-2.dat", second.path().getFileName().toString());
            assertEquals(List.of(first.path(), second.path()), LiveCountersDirectory.files(dir).stream()
                .map(p -> p.toAbsolutePath().normalize()).toList());
            assertEquals(pid, LiveCountersDirectory.pidOf(second.path()));
        }
        assertEquals(List.of(), LiveCountersDirectory.files(dir));
    }

    @Test
    void aFileLeftByAProcessWithOurPidIsReplaced() throws IOException
    {
        final Path stale = dir.resolve("twinpath-" + ProcessHandle.current().pid() + ".dat");
        Files.writeString(stale, "left over");
        try (LiveCountersFile file = LiveCountersFile.create(dir, "now", 2);
            LiveCountersReader reader = LiveCountersReader.open(stale))
        {
            assertEquals("now", reader.command());
        }
    }

    @Test
    void aBadFileIsRefusedNamingTheFieldAndItsOffset() throws IOException
    {
        final byte[] good;
        try (LiveCountersFile file = LiveCountersFile.create(dir, "good", 3))
        {
            file.counters().allocate("a counter", LiveCounterType.POOL.id());
            good = Files.readAllBytes(file.path());
        }
        assertEquals(LiveCountersDescriptor.fileLength(3 * CountersReader.METADATA_LENGTH, 3 * CountersReader.COUNTER_LENGTH),
            good.length);

        refused(new byte[0], "header", 0, "truncated: the file has 0 bytes, the header alone needs 256");
        refused(java.util.Arrays.copyOf(good, 100), "header", 0, "truncated: the file has 100 bytes");
        refused(withInt(good, 0, 0xCAFEBABE), "magic", 0, "is 0xcafebabe, expected 0x43505754 ('TWPC')");
        refused(withInt(good, 0, 0), "magic", 0, "is 0: the file is still being created");
        refused(withInt(good, 4, 2), "layout version", 4, "is 2, this reader knows 1");
        refused(withInt(good, 12, 100), "values length", 12, "is 100, not a positive multiple of 128");
        refused(withInt(good, 8, 512), "metadata length", 8, "is 512, expected 4 x values length = 1536");
        refused(java.util.Arrays.copyOf(good, good.length - 1), "values length", 12,
            "truncated: the lengths at offsets 8 and 12 need " + good.length + " bytes, the file has " + (good.length - 1));
        refused(withInt(good, 32, 93), "command length", 32, "is 93, must be 0..92");

        final Path ok = Files.write(dir.resolve("twinpath-1.dat"), good);
        try (LiveCountersReader reader = LiveCountersReader.open(ok))
        {
            assertEquals("good", reader.command());
            assertEquals("a counter", reader.snapshot().get(0).label());
            assertEquals(LiveCounterType.POOL, reader.snapshot().get(0).type());
        }
    }

    private void refused(final byte[] bytes, final String field, final int offset, final String problem) throws IOException
    {
        final Path file = Files.write(dir.resolve("bad.dat"), bytes);
        final LiveCountersFormatException ex = assertThrows(LiveCountersFormatException.class,
            () -> LiveCountersReader.open(file).close());
        assertEquals(field, ex.field());
        assertEquals(offset, ex.offset());
        assertTrue(ex.getMessage().startsWith(file + ": " + field + " (offset " + offset + ") " + problem), ex.getMessage());
    }

    private static byte[] withInt(final byte[] bytes, final int offset, final int value)
    {
        final byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()).putInt(offset, value);
        assertNotEquals(0, copy.length);
        return copy;
    }

    @Test
    void theMagicReadsTwpcInTheFile()
    {
        final byte[] bytes = new byte[4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(LiveCountersDescriptor.MAGIC);
        assertArrayEquals("TWPC".getBytes(java.nio.charset.StandardCharsets.US_ASCII), bytes);
    }
}
