package dev.twinpath.datapath.jfr;

import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import java.time.Duration;
import java.util.List;

/**
 * The JFR events of Twinpath ({@value #PATH_SWITCH}, {@value #MIGRATION}, {@value #CONTROL_TIMEOUT}) and the
 * check that keeps them free when nobody records: until the JVM's Flight Recorder is initialized (a
 * {@code -XX:StartFlightRecording}, a {@code jdk.jfr.Recording}, {@code jcmd JFR.start}) {@link #pathSwitches()}
 * and its siblings read one static flag and nothing is built; after that they ask the event type whether a
 * running recording wants it.
 * <p>
 * Stateless; any thread.
 */
public final class TwinpathEvents
{
    /** A NetVSC adapter's data path switch. */
    public static final String PATH_SWITCH = "dev.twinpath.PathSwitch";
    /** A VM's live migration. */
    public static final String MIGRATION = "dev.twinpath.Migration";
    /** A control-plane wait that ran out. */
    public static final String CONTROL_TIMEOUT = "dev.twinpath.ControlTimeout";

    /** Every Twinpath event class. */
    public static final List<Class<? extends Event>> CLASSES =
        List.of(PathSwitchEvent.class, MigrationEvent.class, ControlTimeoutEvent.class);

    private TwinpathEvents()
    {
    }

    /** @return true when a running recording takes {@value #PATH_SWITCH} events. */
    public static boolean pathSwitches()
    {
        return FlightRecorder.isInitialized() && Types.PATH_SWITCH.isEnabled();
    }

    /** @return true when a running recording takes {@value #MIGRATION} events. */
    public static boolean migrations()
    {
        return FlightRecorder.isInitialized() && Types.MIGRATION.isEnabled();
    }

    /** @return true when a running recording takes {@value #CONTROL_TIMEOUT} events. */
    public static boolean controlTimeouts()
    {
        return FlightRecorder.isInitialized() && Types.CONTROL_TIMEOUT.isEnabled();
    }

    /** Register the event classes with the Flight Recorder, so a recording's settings apply to them before the first one. */
    public static void register()
    {
        CLASSES.forEach(FlightRecorder::register);
    }

    /** Register the events and enable all of them in {@code recording}, with no threshold. @return the recording. */
    public static Recording enableAll(final Recording recording)
    {
        register();
        for (final Class<? extends Event> type : CLASSES)
        {
            recording.enable(type).withThreshold(Duration.ZERO);
        }
        return recording;
    }

    /** The event types, looked up on first use after the Flight Recorder is initialized. */
    private static final class Types
    {
        static final EventType PATH_SWITCH = EventType.getEventType(PathSwitchEvent.class);
        static final EventType MIGRATION = EventType.getEventType(MigrationEvent.class);
        static final EventType CONTROL_TIMEOUT = EventType.getEventType(ControlTimeoutEvent.class);
    }
}
