package dev.twinpath.packet.pcap;

/**
 * The capture file formats that {@link CaptureReader#open(java.nio.file.Path)} recognises.
 * <p>
 * Immutable: safe to share between threads.
 */
public enum CaptureFormat
{
    /**
     * Classic libpcap format, microsecond or nanosecond timestamps, either byte order.
     */
    PCAP,

    /**
     * pcapng (PCAP Next Generation) format, any byte order per section.
     */
    PCAPNG
}
