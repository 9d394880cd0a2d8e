package dev.twinpath.datapath.event;

import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The structured event log of a lab (the Event Viewer of Hyper-V's networking channels): every IOV
 * decision, VF offer and revoke, data path switch, timeout and fallback, migration phase, team
 * failover and refused setting. Keeps the newest {@code capacity} events, counts them by level and
 * id, and hands each to an optional listener (a progress printer, a file).
 * <p>
 * One log serves a whole lab; {@link #forSource(String)} gives each part (a host's IOV service, a
 * guest's NetVSC, the top-of-rack switch) a view that stamps its name as the event's source and
 * shares the same storage. {@link #query(EventQuery)} filters by level, source, subject and time.
 * <p>
 * Control path: any thread may record (the host's and the guests' agents do); recording allocates one
 * small record and takes a lock, which is why it is never called per packet.
 */
public final class EventLog
{
    private final Store store;
    private final String source;

    public EventLog(final int capacity, final NanoClock clock)
    {
        this(new Store(capacity, clock), "lab");
    }

    private EventLog(final Store store, final String source)
    {
        this.store = store;
        this.source = source;
    }

    /** @return a view of this log whose events name {@code source} as where they were decided. */
    public EventLog forSource(final String source)
    {
        return new EventLog(store, source);
    }

    /** @return the source this view stamps on its events. */
    public String source()
    {
        return source;
    }

    /** @return the clock events are stamped with. */
    public NanoClock clock()
    {
        return store.clock;
    }

    /** Record an event at its id's default level. */
    public SteeringEvent record(
        final EventId id, final String adapter, final int vf, final String reason,
        final long drained, final long held, final long released)
    {
        return record(id, id.level(), adapter, vf, reason, drained, held, released);
    }

    /** Record an event about {@code subject} (no VF, no packet figures) at its id's default level. */
    public SteeringEvent record(final EventId id, final String subject, final String reason)
    {
        return record(id, id.level(), subject, SteeringEvent.NO_VF, reason, 0, 0, 0);
    }

    /** Record an event about {@code subject} (no VF, no packet figures) at {@code level}. */
    public SteeringEvent record(final EventId id, final EventLevel level, final String subject, final String reason)
    {
        return record(id, level, subject, SteeringEvent.NO_VF, reason, 0, 0, 0);
    }

    /** Record an event at {@code level}. */
    public SteeringEvent record(
        final EventId id, final EventLevel level, final String adapter, final int vf, final String reason,
        final long drained, final long held, final long released)
    {
        final SteeringEvent event = store.add(id, level, source, adapter, vf, reason, drained, held, released);
        final Consumer<SteeringEvent> l = store.listener;
        if (l != null)
        {
            l.accept(event);
        }
        return event;
    }

    /** Hand every future event (of every source) to {@code listener} (null: none). */
    public void listener(final Consumer<SteeringEvent> listener)
    {
        store.listener = listener;
    }

    /** @return the events kept (of every source), oldest first. */
    public List<SteeringEvent> events()
    {
        return store.events();
    }

    /** @return the kept events {@code query} accepts, oldest first. */
    public List<SteeringEvent> query(final EventQuery query)
    {
        final List<SteeringEvent> all = store.events();
        final List<SteeringEvent> matching = new ArrayList<>();
        for (final SteeringEvent event : all)
        {
            if (query.test(event))
            {
                matching.add(event);
            }
        }
        return matching;
    }

    /** @return events recorded so far (including those no longer kept). */
    public long total()
    {
        synchronized (store)
        {
            return store.sequence;
        }
    }

    public long count(final EventLevel level)
    {
        synchronized (store)
        {
            return store.byLevel[level.ordinal()];
        }
    }

    public long count(final EventId id)
    {
        synchronized (store)
        {
            return store.byId[id.ordinal()];
        }
    }

    /** The storage every view of one log shares. */
    private static final class Store
    {
        private final SteeringEvent[] ring;
        private final NanoClock clock;
        private final long[] byLevel = new long[EventLevel.values().length];
        private final long[] byId = new long[EventId.values().length];
        private long sequence;
        private volatile Consumer<SteeringEvent> listener;

        Store(final int capacity, final NanoClock clock)
        {
            if (capacity < 1)
            {
                throw new IllegalArgumentException("eventLogCapacity must be >= 1: " + capacity);
            }
            this.ring = new SteeringEvent[capacity];
            this.clock = clock;
        }

        synchronized SteeringEvent add(
            final EventId id, final EventLevel level, final String source, final String subject, final int vf,
            final String reason, final long drained, final long held, final long released)
        {
            final SteeringEvent event = new SteeringEvent(sequence, id, level, clock.nanoTime(), source, subject, vf, reason,
                drained, held, released);
            ring[(int)(sequence % ring.length)] = event;
            sequence++;
            byLevel[level.ordinal()]++;
            byId[id.ordinal()]++;
            return event;
        }

        synchronized List<SteeringEvent> events()
        {
            final List<SteeringEvent> list = new ArrayList<>();
            final long first = Math.max(0, sequence - ring.length);
            for (long s = first; s < sequence; s++)
            {
                list.add(ring[(int)(s % ring.length)]);
            }
            return list;
        }
    }
}
