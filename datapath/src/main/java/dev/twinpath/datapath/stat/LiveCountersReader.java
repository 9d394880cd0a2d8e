package dev.twinpath.datapath.stat;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process's live counters file, mapped read-only and checked ({@link LiveCountersDescriptor#validate}):
 * the header (pid, command, start time, heartbeat) and an Agrona {@link CountersReader} over its counters. Values
 * are read live: each {@link #snapshot()} sees what the writer published at its last refresh.
 * <pre>{@code
 * try (LiveCountersReader reader = LiveCountersReader.open(file))
 * {
 *     for (LiveCountersReader.Counter c : reader.snapshot()) System.out.println(c.label() + " " + c.valueText());
 * }
 * }</pre>
 * Used by one thread (the {@code twinpath stat} command's).
 */
public final class LiveCountersReader implements AutoCloseable
{
    /** One counter as read: id, type id (its {@link LiveCounterType}, or null when unknown to this build), value, label. */
    public record Counter(int id, int typeId, LiveCounterType type, long value, String label)
    {
        /** @return the value for a person: a state's name, or the number with thousands separators. */
        public String valueText()
        {
            return type == null ? String.format(java.util.Locale.ROOT, "%,d", value) : type.valueText(value);
        }

        /** @return the type's name for a table, or {@code type<id>} when unknown. */
        public String typeText()
        {
            return type == null ? "type" + typeId : type.label();
        }
    }

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersReader counters;
    private final long pid;
    private final long startMillis;
    private final String command;
    private boolean closed;

    private LiveCountersReader(final Path path, final MappedByteBuffer mapped)
    {
        this.path = path;
        this.mapped = mapped;
        final long fileLength = mapped.capacity();
        final UnsafeBuffer whole = new UnsafeBuffer(mapped);
        LiveCountersDescriptor.validate(whole, fileLength, path.toString());
        header = new UnsafeBuffer(mapped, 0, LiveCountersDescriptor.HEADER_LENGTH);
        final int metadata = header.getInt(LiveCountersDescriptor.METADATA_LENGTH_OFFSET);
        final int values = header.getInt(LiveCountersDescriptor.VALUES_LENGTH_OFFSET);
        counters = new CountersReader(new UnsafeBuffer(mapped, LiveCountersDescriptor.metadataOffset(), metadata),
            new UnsafeBuffer(mapped, (int)LiveCountersDescriptor.valuesOffset(metadata), values), StandardCharsets.UTF_8);
        pid = header.getLong(LiveCountersDescriptor.PID_OFFSET);
        startMillis = header.getLong(LiveCountersDescriptor.START_TIME_OFFSET);
        final byte[] text = new byte[header.getInt(LiveCountersDescriptor.COMMAND_LENGTH_OFFSET)];
        header.getBytes(LiveCountersDescriptor.COMMAND_OFFSET, text);
        command = new String(text, StandardCharsets.UTF_8);
    }

    /**
     * Map and check {@code file}.
     *
     * @throws LiveCountersFormatException naming the field and offset when the file is not a whole live counters file.
     * @throws IOException                 when it cannot be read (gone, no permission).
     */
    public static LiveCountersReader open(final Path file) throws IOException
    {
        final long size = Files.size(file);
        if (size > Integer.MAX_VALUE)
        {
            throw new LiveCountersFormatException(file.toString(), "values length", LiveCountersDescriptor.VALUES_LENGTH_OFFSET,
                "gives a file of " + size + " bytes, more than a reader maps");
        }
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file))
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        try
        {
            return new LiveCountersReader(file, mapped);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
    }

    public Path path()
    {
        return path;
    }

    /** @return the writer's process id. */
    public long pid()
    {
        return pid;
    }

    /** @return when the writer created the file, ms since the epoch. */
    public long startMillis()
    {
        return startMillis;
    }

    /** @return what the writer runs: {@code twinpath run}. */
    public String command()
    {
        return command;
    }

    /** @return when the writer last refreshed the values, ms since the epoch. */
    public long heartbeatMillis()
    {
        return header.getLongVolatile(LiveCountersDescriptor.HEARTBEAT_OFFSET); // acquire (L): pairs with LiveCountersFile.heartbeat
    }

    /** @return how many times the writer refreshed the values. */
    public long refreshes()
    {
        return header.getLongVolatile(LiveCountersDescriptor.REFRESHES_OFFSET); // acquire (L)
    }

    /** @return true when the writer's process still runs. */
    public boolean writerAlive()
    {
        return LiveCountersDirectory.isAlive(pid, startMillis);
    }

    /** @return Agrona's reader over the counters, for a tool that wants them raw. */
    public CountersReader counters()
    {
        return counters;
    }

    /** @return every allocated counter, in id order, with its current value. */
    public List<Counter> snapshot()
    {
        final List<Counter> list = new ArrayList<>();
        counters.forEach((value, id, label) ->
        {
            final int typeId = counters.getCounterTypeId(id);
            list.add(new Counter(id, typeId, LiveCounterType.of(typeId), value, label));
        });
        return list;
    }

    /** @return the value of the counter labelled exactly {@code label}, or {@code missing}. */
    public long value(final String label, final long missing)
    {
        for (final Counter c : snapshot())
        {
            if (c.label().equals(label))
            {
                return c.value();
            }
        }
        return missing;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }
}
