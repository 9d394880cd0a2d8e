/**
 * Receive side scaling (RSS) as Microsoft specifies it and SR-IOV NICs implement it: a Toeplitz
 * hash over selected header fields, and an indirection table that turns the hash into a receive
 * queue, so that every packet of a flow lands on the same queue and flows spread over queues.
 *
 * <h2>Hash input (Microsoft "RSS hashing types")</h2>
 * The input is a concatenation of header fields in network byte order, chosen per packet from
 * the enabled {@link dev.twinpath.packet.rss.RssHashType}s:
 * <ul>
 *   <li>NDIS_HASH_IPV4: {@code srcIPv4 | dstIPv4} (8 bytes);</li>
 *   <li>NDIS_HASH_TCP_IPV4: {@code srcIPv4 | dstIPv4 | srcPort | dstPort} (12 bytes);</li>
 *   <li>NDIS_HASH_IPV6: {@code srcIPv6 | dstIPv6} (32 bytes);</li>
 *   <li>NDIS_HASH_TCP_IPV6: {@code srcIPv6 | dstIPv6 | srcPort | dstPort} (36 bytes);</li>
 *   <li>UDP over IPv4/IPv6: the same 4-tuples for UDP, an extension (NDIS 6.80, and an option on
 *   Linux and DPDK NICs).</li>
 * </ul>
 * A TCP (or UDP) packet uses the 4-tuple when that type is enabled; otherwise, and for every IP
 * fragment (the first one included, so all fragments of a datagram meet on one queue), the
 * addresses-only type applies if enabled; otherwise the packet has no hash.
 * {@link dev.twinpath.packet.rss.RssHasher} applies these rules to a
 * {@link dev.twinpath.packet.rss.FlowKey}.
 *
 * <h2>Toeplitz hash, table-driven</h2>
 * For a secret key K of n bytes (40 standard, 52 on some NICs) and an input of at most n - 4
 * bytes, the hash is the XOR of the 32-bit window of K starting at bit i, for every set bit i of
 * the input ({@link dev.twinpath.packet.rss.ToeplitzReference} does exactly this). The result is
 * linear in the input, so the part one input byte contributes depends only on its position and
 * value: {@link dev.twinpath.packet.rss.ToeplitzHash} precomputes a 256-entry table per input
 * position once per key and then hashes with one lookup and one XOR per byte, with fast paths
 * that take addresses and ports as primitives and touch no byte array.
 *
 * <h2>Indirection</h2>
 * {@link dev.twinpath.packet.rss.IndirectionTable} indexes its entries (default 128) with the
 * low-order bits of the hash.
 */
package dev.twinpath.packet.rss;
