package dev.twinpath.datapath.event;

/** Severity of a {@link SteeringEvent}, as in the Windows event log. Immutable, any thread. */
public enum EventLevel
{
    INFORMATION(1),
    WARNING(2),
    ERROR(3);

    private final int severity;

    EventLevel(final int severity)
    {
        this.severity = severity;
    }

    /** @return 1 (information) to 3 (error): higher is more severe. */
    public int severity()
    {
        return severity;
    }
}
