/**
 * The Ethernet wire between two endpoints over Aeron (a host's uplink and a port of the top-of-rack
 * switch, in different processes or machines): {@link dev.twinpath.datapath.wire.WireSender} batches
 * bursts of packet descriptors into Aeron messages (filling them across sends, up to a flush deadline) laid out as
 * {@link dev.twinpath.datapath.wire.WireBatchDescriptor} says, {@link dev.twinpath.datapath.wire.WireReceiver}
 * unbatches them into pool buffers, and {@link dev.twinpath.datapath.wire.AeronWire} owns the media
 * driver and the Aeron client. See {@code docs/aeron-wire.md}.
 */
package dev.twinpath.datapath.wire;
