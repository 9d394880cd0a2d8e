/**
 * Packet memory: an off-heap {@link dev.twinpath.packet.pool.PacketPool} of fixed-size slots,
 * per-thread {@link dev.twinpath.packet.pool.PoolCache}s, and the
 * {@link dev.twinpath.packet.pool.PacketDescriptor} longs that name packets in rings.
 *
 * <h2>Handles and slots</h2>
 * A pool is one 64-byte aligned direct buffer cut into slots; a packet is named by its slot index,
 * an {@code int} <em>handle</em>. Each slot is 64 bytes of metadata (length, port, flags, RSS hash,
 * timestamp, sequence, VLAN, a user area) then the data room, rounded up to a multiple of 64
 * ({@link dev.twinpath.packet.pool.PacketSlotDescriptor}); metadata and frame bytes both start a cache
 * line. Jumbo pools (data room 9,216 or more, up to 65,535) use the same layout.
 * {@link dev.twinpath.packet.pool.PacketFlyweight} wraps a slot; a
 * {@link dev.twinpath.packet.pool.PacketDescriptor} packs handle, length, flags and port into one
 * {@code long} for descriptor rings, and also carries end-of-epoch markers in-band.
 *
 * <h2>Caches and the shared free list</h2>
 * Free handles live in a shared multi-producer multi-consumer ring (lock-free; one CAS on a padded
 * index per burst) and in caches, each owned by one thread. A cache serves allocations and frees
 * from a local stack and refills or flushes whole bursts to the ring, so the common case touches no
 * shared cache line. Calls on the pool itself go to the ring every time.
 *
 * <h2>Accounting</h2>
 * A slot is free if its handle is in the ring or a cache, and in use otherwise.
 * {@link dev.twinpath.packet.pool.PacketPool#available()} and
 * {@link dev.twinpath.packet.pool.PacketPool#inUse()} add up the ring and the caches; counters
 * ({@link dev.twinpath.packet.pool.PoolCounter}) record allocations, frees, allocation failures and
 * refused frees, one block per cache plus one shared. Both are exact at a quiescent point;
 * {@link dev.twinpath.packet.pool.PacketPool#audit()} then walks every free list and tells whether
 * each slot is back exactly once and whether the counters agree;
 * {@link dev.twinpath.packet.pool.PacketPool#assertNoLeak()} throws if not. Out-of-range frees are
 * always refused; debug mode also refuses double frees, counting each instead of corrupting the
 * free lists.
 *
 * <h2>Errors</h2>
 * The data path never throws: it returns counts, handles, or the negative codes on
 * {@link dev.twinpath.packet.pool.PacketPool}. Exceptions are for configuration
 * ({@link dev.twinpath.packet.pool.PoolConfigurationException}) and audits
 * ({@link dev.twinpath.packet.pool.PoolLeakException}).
 */
package dev.twinpath.packet.pool;
