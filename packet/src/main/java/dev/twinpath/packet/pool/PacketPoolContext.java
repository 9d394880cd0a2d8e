package dev.twinpath.packet.pool;

/**
 * Configuration of a {@link PacketPool}, used as {@link PacketPool.Context}: fluent setters, then
 * {@link #conclude()} validates every field and derives the slot and region lengths.
 * <p>
 * The fields, limits and checks live here so that {@link PacketPool} holds only the pool; the
 * self type {@code C} lets the fluent setters return {@link PacketPool.Context}.
 * <p>
 * Threading: filled in and concluded by one thread on the control path, before the pool exists.
 *
 * @param <C> the concrete context type, {@link PacketPool.Context}.
 */
abstract class PacketPoolContext<C extends PacketPoolContext<C>>
{
    /**
     * Default number of slots.
     */
    public static final int DEFAULT_SLOT_COUNT = 8192;

    /**
     * Default data room: a 1,518-byte Ethernet frame plus room for encapsulation.
     */
    public static final int DEFAULT_DATA_ROOM = 2048;

    /**
     * Data room of a jumbo pool: a 9,216-byte frame.
     */
    public static final int JUMBO_DATA_ROOM = 9216;

    /**
     * Smallest data room: a minimum Ethernet frame.
     */
    public static final int MIN_DATA_ROOM = 64;

    /**
     * Largest data room: the largest length a {@link PacketDescriptor} carries.
     */
    public static final int MAX_DATA_ROOM = PacketDescriptor.MAX_LENGTH;

    /**
     * Largest slot count: handles have 24 bits in a {@link PacketDescriptor}.
     */
    public static final int MAX_SLOT_COUNT = PacketDescriptor.MAX_HANDLE + 1;

    /**
     * Default cache size (handles a cache keeps after a flush or refill).
     */
    public static final int DEFAULT_CACHE_SIZE = 256;

    /**
     * Largest cache size.
     */
    public static final int MAX_CACHE_SIZE = 4096;

    /**
     * Largest region: 1 GiB, well inside the {@code int} offsets of a buffer.
     */
    public static final long MAX_REGION_LENGTH = 1L << 30;

    /**
     * Default pool name.
     */
    public static final String DEFAULT_NAME = "packet-pool";

    private String name = DEFAULT_NAME;
    private int slotCount = DEFAULT_SLOT_COUNT;
    private int dataRoom = DEFAULT_DATA_ROOM;
    private int cacheSize = DEFAULT_CACHE_SIZE;
    private boolean debug;
    private int slotLength;
    private long regionLength;

    /**
     * Validate every field and derive {@link #slotLength()} and {@link #regionLength()}.
     *
     * @return this.
     * @throws PoolConfigurationException naming the first refused field.
     */
    public C conclude()
    {
        if (null == name || name.isBlank())
        {
            throw new PoolConfigurationException("name", "must not be blank");
        }
        if (slotCount < 1 || slotCount > MAX_SLOT_COUNT)
        {
            throw new PoolConfigurationException(
                "slotCount", slotCount + " must be in [1, " + MAX_SLOT_COUNT + "] (24-bit handles)");
        }
        if (dataRoom < MIN_DATA_ROOM || dataRoom > MAX_DATA_ROOM)
        {
            throw new PoolConfigurationException(
                "dataRoom", dataRoom + " must be in [" + MIN_DATA_ROOM + ", " + MAX_DATA_ROOM + "]");
        }
        if (cacheSize < 0 || cacheSize > MAX_CACHE_SIZE || cacheSize > slotCount)
        {
            throw new PoolConfigurationException(
                "cacheSize",
                cacheSize + " must be in [0, min(" + MAX_CACHE_SIZE + ", slotCount=" + slotCount + ")]");
        }

        slotLength = PacketSlotDescriptor.slotLength(dataRoom);
        regionLength = (long)slotCount * slotLength;
        if (regionLength > MAX_REGION_LENGTH)
        {
            throw new PoolConfigurationException(
                "slotCount", slotCount + " slots of " + slotLength + " bytes (dataRoom=" + dataRoom + ") need " +
                regionLength + " bytes, more than the " + MAX_REGION_LENGTH + "-byte bound");
        }

        return self();
    }

    /**
     * @param name pool name for logs and audits.
     * @return this.
     */
    public C name(final String name)
    {
        this.name = name;
        return self();
    }

    /**
     * @return pool name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @param slotCount number of slots (any value in [1, {@value #MAX_SLOT_COUNT}]).
     * @return this.
     */
    public C slotCount(final int slotCount)
    {
        this.slotCount = slotCount;
        return self();
    }

    /**
     * @return number of slots.
     */
    public int slotCount()
    {
        return slotCount;
    }

    /**
     * @param dataRoom bytes of frame each slot holds; the slot is rounded up to a multiple of 64.
     * @return this.
     */
    public C dataRoom(final int dataRoom)
    {
        this.dataRoom = dataRoom;
        return self();
    }

    /**
     * @return bytes of frame each slot holds.
     */
    public int dataRoom()
    {
        return dataRoom;
    }

    /**
     * @param cacheSize handles a {@link PoolCache} keeps after a refill or flush; it holds up to
     *                  twice that. 0 makes caches pass every call through to the shared ring.
     * @return this.
     */
    public C cacheSize(final int cacheSize)
    {
        this.cacheSize = cacheSize;
        return self();
    }

    /**
     * @return nominal cache size.
     */
    public int cacheSize()
    {
        return cacheSize;
    }

    /**
     * @param debug keep a state word per slot and refuse double frees (one CAS per handle).
     * @return this.
     */
    public C debug(final boolean debug)
    {
        this.debug = debug;
        return self();
    }

    /**
     * @return whether debug mode is on.
     */
    public boolean debug()
    {
        return debug;
    }

    /**
     * @return derived by {@link #conclude()}: metadata plus data room, a multiple of 64.
     */
    public int slotLength()
    {
        return slotLength;
    }

    /**
     * @return derived by {@link #conclude()}: bytes of the whole region.
     */
    public long regionLength()
    {
        return regionLength;
    }

    /**
     * @return this context as its concrete type, for the fluent setters.
     */
    abstract C self();
}
