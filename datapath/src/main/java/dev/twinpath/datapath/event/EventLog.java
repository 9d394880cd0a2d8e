package dev.twinpath.datapath.event;

import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The structured event log of a lab (the Event Viewer of Hyper-V's networking channel): every step
 * of every path switch, VF offer and revoke, timeout and fallback. Keeps the newest {@code capacity}
 * events, counts them by level, and hands each to an optional listener (a progress printer, a file).
 * <p>
 * Control path: any thread may record (the host's and the guests' agents do); recording allocates one
 * small record and takes a lock, which is why it is never called per packet.
 */
public final class EventLog
{
    private final SteeringEvent[] ring;
    private final NanoClock clock;
    private final long[] byLevel = new long[EventLevel.values().length];
    private final long[] byId = new long[EventId.values().length];
    private long sequence;
    private volatile Consumer<SteeringEvent> listener;

    public EventLog(final int capacity, final NanoClock clock)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("eventLogCapacity must be >= 1: " + capacity);
        }
        this.ring = new SteeringEvent[capacity];
        this.clock = clock;
    }

    /** Record an event at its id's default level. */
    public SteeringEvent record(
        final EventId id, final String adapter, final int vf, final String reason,
        final long drained, final long held, final long released)
    {
        return record(id, id.level(), adapter, vf, reason, drained, held, released);
    }

    /** Record an event at {@code level}. */
    public SteeringEvent record(
        final EventId id, final EventLevel level, final String adapter, final int vf, final String reason,
        final long drained, final long held, final long released)
    {
        final SteeringEvent event;
        synchronized (this)
        {
            event = new SteeringEvent(sequence, id, level, clock.nanoTime(), adapter, vf, reason, drained, held, released);
            ring[(int)(sequence % ring.length)] = event;
            sequence++;
            byLevel[level.ordinal()]++;
            byId[id.ordinal()]++;
        }
        final Consumer<SteeringEvent> l = listener;
        if (l != null)
        {
            l.accept(event);
        }
        return event;
    }

    /** Hand every future event to {@code listener} (null: none). */
    public void listener(final Consumer<SteeringEvent> listener)
    {
        this.listener = listener;
    }

    /** @return the events kept, oldest first. */
    public synchronized List<SteeringEvent> events()
    {
        final List<SteeringEvent> list = new ArrayList<>();
        final long first = Math.max(0, sequence - ring.length);
        for (long s = first; s < sequence; s++)
        {
            list.add(ring[(int)(s % ring.length)]);
        }
        return list;
    }

    /** @return events recorded so far (including those no longer kept). */
    public synchronized long total()
    {
        return sequence;
    }

    public synchronized long count(final EventLevel level)
    {
        return byLevel[level.ordinal()];
    }

    public synchronized long count(final EventId id)
    {
        return byId[id.ordinal()];
    }
}
