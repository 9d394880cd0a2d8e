package dev.twinpath.datapath.event;

/** Severity of a {@link SteeringEvent}, as in the Windows event log. Immutable, any thread. */
public enum EventLevel
{
    INFORMATION,
    WARNING,
    ERROR
}
