package dev.twinpath.datapath.event;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A filter over an {@link EventLog}, like Get-WinEvent's: a minimum level (ERROR is the most severe),
 * sources and subjects (exact names, or a prefix ending in {@code *}), ids, and a time window in the
 * log's clock. Every part left unset matches everything.
 * <p>
 * Built on one thread, then immutable in use; any thread.
 */
public final class EventQuery implements Predicate<SteeringEvent>
{
    private EventLevel minimumLevel;
    private String source;
    private String subject;
    private final Set<EventId> ids = EnumSet.noneOf(EventId.class);
    private long fromNanos = Long.MIN_VALUE;
    private long toNanos = Long.MAX_VALUE;

    /** Events of {@code level} or more severe (ERROR > WARNING > INFORMATION). */
    public EventQuery level(final EventLevel level)
    {
        this.minimumLevel = level;
        return this;
    }

    /** Events whose source is {@code source} (case-insensitive; {@code "A*"} matches every source starting with A). */
    public EventQuery source(final String source)
    {
        this.source = source;
        return this;
    }

    /** Events about {@code subject} (case-insensitive; a trailing {@code *} matches a prefix). */
    public EventQuery subject(final String subject)
    {
        this.subject = subject;
        return this;
    }

    /** Events of one of these ids (call again to add more). */
    public EventQuery id(final EventId id)
    {
        ids.add(id);
        return this;
    }

    /** Events stamped in [{@code fromNanos}, {@code toNanos}] of the log's clock. */
    public EventQuery between(final long fromNanos, final long toNanos)
    {
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        return this;
    }

    @Override
    public boolean test(final SteeringEvent event)
    {
        if (minimumLevel != null && !atLeast(event.level(), minimumLevel))
        {
            return false;
        }
        if (!ids.isEmpty() && !ids.contains(event.id()))
        {
            return false;
        }
        if (event.timeNanos() < fromNanos || event.timeNanos() > toNanos)
        {
            return false;
        }
        return matches(source, event.source()) && matches(subject, event.subject());
    }

    /** @return true when {@code level} is at least as severe as {@code minimum}. */
    public static boolean atLeast(final EventLevel level, final EventLevel minimum)
    {
        return level.severity() >= minimum.severity();
    }

    private static boolean matches(final String pattern, final String value)
    {
        if (pattern == null)
        {
            return true;
        }
        if (value == null)
        {
            return false;
        }
        final String p = pattern.toLowerCase(Locale.ROOT);
        final String v = value.toLowerCase(Locale.ROOT);
        return p.endsWith("*") ? v.startsWith(p.substring(0, p.length() - 1)) : v.equals(p);
    }
}
