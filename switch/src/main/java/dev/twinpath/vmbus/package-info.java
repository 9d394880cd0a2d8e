/**
 * VMBus: the shared-memory channel between a guest's synthetic network adapter (NetVSC) and the
 * host's virtual switch (VSP). Each channel is a pair of directions (guest to host, host to guest);
 * each direction carries packet descriptors in bursts and typed, versioned control messages, with
 * room kept for control so it gets through while data fills the ring.
 */
package dev.twinpath.vmbus;
