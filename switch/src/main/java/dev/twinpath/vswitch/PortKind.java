package dev.twinpath.vswitch;

/**
 * What sits behind a virtual switch port.
 * <p>
 * Immutable; any thread.
 */
public enum PortKind
{
    /** A VM network adapter, reached over its VMBus channel (the synthetic path). */
    VM_ADAPTER,
    /** A host (management OS) virtual NIC; Internal and External switches only. */
    HOST_VNIC,
    /** The physical NIC of an External switch (in Twinpath, the PF default queue and the wire). */
    UPLINK
}
