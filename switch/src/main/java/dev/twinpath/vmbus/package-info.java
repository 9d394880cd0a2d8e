/**
 * VMBus: the shared-memory channel between a guest's synthetic network adapter (NetVSC) and the
 * host's virtual switch (VSP). A {@link dev.twinpath.vmbus.VmBusChannel} is a pair of directions
 * (guest to host, host to guest); each direction has a data ring of packet descriptors (packets and
 * end-of-epoch markers, in order, one ring record per burst) and a separate small control ring of
 * typed, versioned control messages, so control gets through while data fills its ring. See
 * {@code docs/vmbus.md}.
 */
package dev.twinpath.vmbus;
