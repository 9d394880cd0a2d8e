package dev.twinpath.datapath.event;

/**
 * One entry of the {@link EventLog}: what happened ({@link EventId}), where it was decided
 * ({@code source}: a host's IOV service, a guest's NetVSC, the top-of-rack switch, a NIC team, a
 * migration), to which subject (an adapter, switch, VM or team) and VF, when, why, and the packet
 * figures of the step (drained from the old path, held back, released).
 * <p>
 * Immutable, any thread.
 */
public record SteeringEvent(
    long sequence,
    EventId id,
    EventLevel level,
    long timeNanos,
    String source,
    String adapter,
    int vf,
    String reason,
    long drained,
    long held,
    long released)
{
    /** No VF concerned. */
    public static final int NO_VF = -1;

    /** @return the subject of the event (adapter, switch, VM or team name). */
    public String subject()
    {
        return adapter;
    }

    /** @return one line: {@code [+1234.567 ms] INFORMATION 105 RX_PATH_CLOSED  A/netvsc vm1/eth0 vf3: reason (drained 12, held 40, released 40)}. */
    public String format(final long originNanos)
    {
        final StringBuilder sb = new StringBuilder(128);
        sb.append(String.format("[+%10.3f ms] %-11s %d %-26s %-12s %s", (timeNanos - originNanos) / 1e6, level, id.code(), id,
            source, adapter));
        if (vf != NO_VF)
        {
            sb.append(" vf").append(vf);
        }
        sb.append(": ").append(reason);
        if (drained != 0 || held != 0 || released != 0)
        {
            sb.append(" (drained ").append(drained).append(", held ").append(held).append(", released ").append(released).append(')');
        }
        return sb.toString();
    }

    /** @return the event as a JSON object. */
    public String toJson()
    {
        return "{\"sequence\":" + sequence + ",\"id\":" + id.code() + ",\"name\":\"" + id + "\",\"level\":\"" + level +
            "\",\"time_ns\":" + timeNanos + ",\"source\":\"" + escape(source) + "\",\"subject\":\"" + escape(adapter) +
            "\",\"vf\":" + vf + ",\"reason\":\"" + escape(reason) + "\",\"drained\":" + drained + ",\"held\":" + held +
            ",\"released\":" + released + "}";
    }

    private static String escape(final String s)
    {
        return JsonText.escape(s);
    }
}
