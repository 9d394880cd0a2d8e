package dev.twinpath.vswitch;

import dev.twinpath.packet.pool.PacketDescriptor;
import dev.twinpath.packet.pool.PacketPool;
import org.agrona.BitUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * How a {@link VirtualSwitch} is created, as {@code New-VMSwitch} has it: a name, a type (External
 * needs its uplink, the physical NIC's rings), {@code -EnableIov} (decided here and never again),
 * {@code -AllowManagementOS}; plus the engine's sizes: ports, MAC table capacity and aging, the
 * Disruptor ring in bursts, the burst size, the default overflow behaviour. Fluent setters;
 * {@link #conclude()} refuses a bad value with a message naming the field.
 * <p>
 * Control-path object; not thread-safe.
 */
public final class VirtualSwitchContext
{
    /** Port ids travel in a marker's 8-bit port field, whose all-ones value means "every port". */
    public static final int MAX_PORTS = PacketDescriptor.MAX_PORT;
    /**
     * Most descriptors the Disruptor ring may hold ({@code ringBursts x maxBurst}): each comes with its parsed
     * headers, about 100 bytes of heap, so the bound keeps one switch's ring near 100 MiB.
     */
    public static final int MAX_RING_DESCRIPTORS = 1 << 20;

    private String name;
    private SwitchType type = SwitchType.PRIVATE;
    private boolean enableIov;
    private boolean allowManagementOs = true;
    private PacketPool pool;
    private PortLink uplink;
    private String uplinkName = "uplink";
    private int maxPorts = 64;
    private int macTableCapacity = 8192;
    private long macAgingNanos = TimeUnit.SECONDS.toNanos(300);
    private int ringBursts = 256;
    private int maxBurst = 64;
    private boolean lossless = true;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private long commandTimeoutNanos = TimeUnit.SECONDS.toNanos(5);
    private ErrorHandler errorHandler = Throwable::printStackTrace;

    /** @return the sentence Hyper-V's answer amounts to when IovEnabled is changed on an existing switch. */
    static String iovFixedMessage(final String switchName)
    {
        return "enableIov: SR-IOV can only be configured when a virtual switch is created; IovEnabled of '"
            + switchName + "' cannot change. Remove the virtual switch and create it again (New-VMSwitch -EnableIov).";
    }

    public VirtualSwitchContext name(final String name)
    {
        this.name = name;
        return this;
    }

    public VirtualSwitchContext type(final SwitchType type)
    {
        this.type = type;
        return this;
    }

    /** {@code -EnableIov}: External switches only; fixed for the switch's life. */
    public VirtualSwitchContext enableIov(final boolean enable)
    {
        this.enableIov = enable;
        return this;
    }

    /** {@code -AllowManagementOS} of an External switch (default true): host virtual NICs may attach. */
    public VirtualSwitchContext allowManagementOs(final boolean allow)
    {
        this.allowManagementOs = allow;
        return this;
    }

    /** The pool every frame's buffer comes from (copies for flooding too). */
    public VirtualSwitchContext pool(final PacketPool pool)
    {
        this.pool = pool;
        return this;
    }

    /** The physical NIC's rings; External switches only, required there. */
    public VirtualSwitchContext uplink(final PortLink uplink)
    {
        this.uplink = uplink;
        return this;
    }

    /** The uplink port's name (the physical adapter, {@code -NetAdapterName}). */
    public VirtualSwitchContext uplinkName(final String uplinkName)
    {
        this.uplinkName = uplinkName;
        return this;
    }

    /** Port slots, 1..{@value #MAX_PORTS}, default 64 (the uplink takes one). */
    public VirtualSwitchContext maxPorts(final int maxPorts)
    {
        this.maxPorts = maxPorts;
        return this;
    }

    /** MAC table entries, 1..2^22, default 8,192. */
    public VirtualSwitchContext macTableCapacity(final int capacity)
    {
        this.macTableCapacity = capacity;
        return this;
    }

    /** Age of a learned address before it is forgotten, default 300 s. */
    public VirtualSwitchContext macAgingNanos(final long nanos)
    {
        this.macAgingNanos = nanos;
        return this;
    }

    /** Disruptor ring size in bursts, a power of two 2..65,536 with {@code ringBursts x maxBurst <= 2^20}, default 256. */
    public VirtualSwitchContext ringBursts(final int bursts)
    {
        this.ringBursts = bursts;
        return this;
    }

    /**
     * Descriptors read from a port per visit (one Disruptor slot), 1..256, default 64: two VMBus
     * records of the default 32, so the indices of a port's ring, written on the other core, are read
     * and published once per two guest bursts (measured: 15 to 25% more frames per second than 32).
     */
    public VirtualSwitchContext maxBurst(final int maxBurst)
    {
        this.maxBurst = maxBurst;
        return this;
    }

    /** Default for ports: true (a full egress ring holds the switch) or false (drop and count). */
    public VirtualSwitchContext lossless(final boolean lossless)
    {
        this.lossless = lossless;
        return this;
    }

    /** The clock for learning, aging and bandwidth shaping (tests use a manual one). */
    public VirtualSwitchContext nanoClock(final NanoClock clock)
    {
        this.nanoClock = clock;
        return this;
    }

    /** How long a control call waits for the switch thread, default 5 s. */
    public VirtualSwitchContext commandTimeoutNanos(final long nanos)
    {
        this.commandTimeoutNanos = nanos;
        return this;
    }

    /**
     * Where an exception thrown by a port link (receive or transmit: code outside the switch) is
     * reported; the switch counts it ({@code linkErrors}), drops what was staged for that port
     * ({@link DropCause#LINK_ERROR}) and goes on. Default: print the stack trace.
     */
    public VirtualSwitchContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /** @throws SwitchConfigurationException naming the first bad field. */
    public VirtualSwitchContext conclude()
    {
        require(name != null && !name.isBlank(), "name: a switch needs a name");
        require(type != null, "type: External, Internal or Private");
        require(pool != null, "pool: the switch needs the packet pool its frames live in");
        if (type.hasUplink())
        {
            require(uplink != null, "uplink: an external switch is bound to a physical NIC; none given for '" + name + "'");
            require(uplinkName != null && !uplinkName.isBlank(), "uplinkName: the uplink needs a name");
        }
        else
        {
            require(uplink == null, "uplink: only an external switch has one; '" + name + "' is " + type);
        }
        require(!enableIov || type == SwitchType.EXTERNAL,
            "enableIov: SR-IOV can only be enabled on an external virtual switch; '" + name + "' is " + type);
        require(maxPorts >= 1 && maxPorts <= MAX_PORTS, "maxPorts: must be 1.." + MAX_PORTS + ": " + maxPorts);
        require(!type.hasUplink() || maxPorts >= 2, "maxPorts: an external switch needs 2 or more (one is the uplink)");
        require(macTableCapacity >= 1 && macTableCapacity <= 1 << 22, "macTableCapacity: must be 1..4194304: " + macTableCapacity);
        require(macAgingNanos > 0, "macAgingNanos: must be > 0: " + macAgingNanos);
        require(ringBursts >= 2 && ringBursts <= 65536 && BitUtil.isPowerOfTwo(ringBursts),
            "ringBursts: must be a power of two 2..65536: " + ringBursts);
        require(maxBurst >= 1 && maxBurst <= 256, "maxBurst: must be 1..256: " + maxBurst);
        require((long)ringBursts * maxBurst <= MAX_RING_DESCRIPTORS, "ringBursts: ringBursts x maxBurst must be at most " +
            MAX_RING_DESCRIPTORS + " descriptors (about 100 bytes of heap each): " + ringBursts + " x " + maxBurst + " = " +
            (long)ringBursts * maxBurst);
        require(nanoClock != null, "nanoClock: required");
        require(errorHandler != null, "errorHandler: required");
        require(commandTimeoutNanos > 0, "commandTimeoutNanos: must be > 0: " + commandTimeoutNanos);
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new SwitchConfigurationException(message);
        }
    }

    public String name()
    {
        return name;
    }

    public SwitchType type()
    {
        return type;
    }

    public boolean enableIov()
    {
        return enableIov;
    }

    public boolean allowManagementOs()
    {
        return allowManagementOs;
    }

    public PacketPool pool()
    {
        return pool;
    }

    public PortLink uplink()
    {
        return uplink;
    }

    public String uplinkName()
    {
        return uplinkName;
    }

    public int maxPorts()
    {
        return maxPorts;
    }

    public int macTableCapacity()
    {
        return macTableCapacity;
    }

    public long macAgingNanos()
    {
        return macAgingNanos;
    }

    public int ringBursts()
    {
        return ringBursts;
    }

    public int maxBurst()
    {
        return maxBurst;
    }

    public boolean lossless()
    {
        return lossless;
    }

    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public long commandTimeoutNanos()
    {
        return commandTimeoutNanos;
    }
}
