package dev.twinpath.datapath.jfr;

/**
 * The {@link MigrationEvent} of one live migration: {@link #begin} when it starts, {@link #completed} or
 * {@link #gaveUp} when it ends. When no recording takes migration events, {@link #begin} returns an inert trace
 * and nothing else is built.
 * <p>
 * Owned by the thread that runs the migration.
 */
public final class MigrationTrace
{
    private static final MigrationTrace OFF = new MigrationTrace(null);

    private final MigrationEvent event;

    private MigrationTrace(final MigrationEvent event)
    {
        this.event = event;
    }

    /** @return the trace of a migration of {@code vm} from {@code source} to {@code destination}, started now. */
    public static MigrationTrace begin(final String vm, final String source, final String destination)
    {
        if (!TwinpathEvents.migrations())
        {
            return OFF;
        }
        final MigrationEvent e = new MigrationEvent();
        e.vm = vm;
        e.sourceHost = source;
        e.destinationHost = destination;
        e.begin();
        return new MigrationTrace(e);
    }

    /** The migration completed: commit with its figures. */
    public void completed(final long blackoutNanos, final long forwarded, final long held, final boolean vfOffered,
        final String vfReason)
    {
        if (event != null)
        {
            event.outcome = "completed";
            event.reason = vfReason;
            event.blackout = blackoutNanos;
            event.forwarded = forwarded;
            event.held = held;
            event.vfOffered = vfOffered;
            event.commit();
        }
    }

    /** The migration gave up ({@code why}); the VM stays where it was: commit. */
    public void gaveUp(final String why)
    {
        if (event != null)
        {
            event.outcome = "gave up";
            event.reason = why;
            event.commit();
        }
    }
}
