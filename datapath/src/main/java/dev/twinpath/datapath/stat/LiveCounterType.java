package dev.twinpath.datapath.stat;

import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.host.HostVfState;
import dev.twinpath.vf.nic.VfState;

/**
 * The type id of every counter in a live counters file ({@link LiveCountersDescriptor}), and what its value
 * means. Each counter's label says which part it belongs to ({@code nic A vf3 rx_packets},
 * {@code adapter vm1/eth0 state}); the type id lets a tool pick counters without parsing labels. Ids are
 * stable: a new type gets a new id, an id is never reused.
 * <p>
 * Three kinds of value: a {@link Kind#COUNT} only grows (while its part exists: the counters of a queue pair
 * start again at 0 when the VF is given new queues); a {@link Kind#LEVEL} goes up and down (or is a high-water
 * mark); a {@link Kind#STATE} is the ordinal of an enum, printed by name ({@link #valueText(long)}).
 * <p>
 * Immutable; any thread.
 */
public enum LiveCounterType
{
    /** The run's traffic: {@code run offered}, {@code run delivered vf}, {@code run delivered synthetic}, {@code run lost},
     *  {@code run reordered}, {@code run duplicates} (the per-flow checkers' figures, summed over VMs). */
    RUN_TRAFFIC(1, Kind.COUNT, null),
    /** The packet pool: {@code pool in_use}, {@code pool capacity} (slots). */
    POOL(2, Kind.LEVEL, null),
    /** Events recorded by level: {@code events information}, {@code events warning}, {@code events error}. */
    EVENTS(3, Kind.COUNT, null),
    /** A NIC function's counter ({@code NicCounter}): {@code nic A wire rx_packets}, {@code nic A pf tx_packets},
     *  {@code nic A vf3 rx_bytes}, and {@code nic A vf3 drops} (every drop cause of the function). */
    NIC_FUNCTION(4, Kind.COUNT, null),
    /** A NIC's drops by cause, summed over its wire port, PF and VFs: {@code nic A drop RX_RING_FULL}. */
    NIC_DROP(5, Kind.COUNT, null),
    /** A VF's life-cycle state ({@code VfState}): {@code nic A vf3 state}. */
    VF_STATE(6, Kind.STATE, names(VfState.values())),
    /** A VF queue pair's counter, since the VF got its queues: {@code nic A vf3 q0 rx_packets}, {@code ... q0 drops}. */
    QUEUE(7, Kind.COUNT, null),
    /** A NetVSC adapter's counter ({@code AdapterCounter}): {@code adapter vm1/eth0 path_switches}; the
     *  {@code *_high_water} and {@code *_in_flight} ones are levels. */
    ADAPTER(8, Kind.COUNT, null),
    /** The guest side's data path state ({@code NetVscState}): {@code adapter vm1/eth0 state}. */
    ADAPTER_STATE(9, Kind.STATE, names(NetVscState.values())),
    /** The host side's VF state for the adapter ({@code HostVfState}): {@code adapter vm1/eth0 host_state}. */
    HOST_VF_STATE(10, Kind.STATE, names(HostVfState.values())),
    /** A virtual switch's counter: {@code vswitch A received}, {@code forwarded}, {@code flooded}, {@code flood_copies},
     *  {@code markers}, {@code link_errors}. */
    SWITCH(11, Kind.COUNT, null),
    /** A virtual switch's drops by cause ({@code DropCause}): {@code vswitch A drop ACL_DENIED_INBOUND}, and flood copies
     *  not delivered: {@code vswitch A copy_drop RING_FULL}. */
    SWITCH_DROP(12, Kind.COUNT, null),
    /** A switch port's counter ({@code PortCounter}): the uplink, {@code vswitch A uplink received_packets}, and each
     *  adapter's current port, {@code port vm1/eth0 transmitted_packets} (a port made anew by a migration starts at 0). */
    SWITCH_PORT(13, Kind.COUNT, null),
    /** A lab of processes: a top-of-rack port's frames in and out, floods, markers, frames freed for a host that died. */
    RACK_PORT(14, Kind.COUNT, null),
    /** A lab of processes: an Aeron wire's frames, messages, failures and malformed messages. */
    WIRE(15, Kind.COUNT, null),
    /** A lab of processes: each host process as the rack sees it. */
    LAB_HOST_STATE(16, Kind.STATE, names(dev.twinpath.datapath.process.LabHostState.values())),
    /** A lab of processes: per VM, frames sent or received, and where it runs. */
    LAB_VM(17, Kind.COUNT, null);

    /** How a value is read. */
    public enum Kind
    {
        /** Only grows. */
        COUNT,
        /** Goes up and down, or is a high-water mark. */
        LEVEL,
        /** The ordinal of an enum: printed by name. */
        STATE
    }

    private static final LiveCounterType[] BY_ID = byId();

    private final int id;
    private final Kind kind;
    private final String[] stateNames;

    LiveCounterType(final int id, final Kind kind, final String[] stateNames)
    {
        this.id = id;
        this.kind = kind;
        this.stateNames = stateNames;
    }

    /** @return the type id stored in the counter's metadata record. */
    public int id()
    {
        return id;
    }

    public Kind kind()
    {
        return kind;
    }

    /** @return the name of the type for tables: {@code nic_function}, {@code adapter_state}. */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @return {@code value} for a person: the state's name for a {@link Kind#STATE} ({@code VF_ACTIVE}, or
     * {@code ?7} for an ordinal this build does not know), else the number with thousands separators.
     */
    public String valueText(final long value)
    {
        if (kind == Kind.STATE)
        {
            return value >= 0 && value < stateNames.length ? stateNames[(int)value] : "?" + value;
        }
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    /** @return the type of {@code id}, or null when this build knows none (a newer writer). */
    public static LiveCounterType of(final int id)
    {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    private static LiveCounterType[] byId()
    {
        int max = 0;
        for (final LiveCounterType t : values())
        {
            max = Math.max(max, t.id);
        }
        final LiveCounterType[] table = new LiveCounterType[max + 1];
        for (final LiveCounterType t : values())
        {
            if (table[t.id] != null)
            {
                throw new IllegalStateException("two counter types with id " + t.id);
            }
            table[t.id] = t;
        }
        return table;
    }

    private static String[] names(final Enum<?>[] values)
    {
        final String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++)
        {
            names[i] = values[i].name();
        }
        return names;
    }
}
