/**
 * Capture files: pure-Java reading and writing of classic pcap and pcapng, for
 * {@code twinpath decode FILE} and per-path capture that Wireshark and tshark open.
 * <p>
 * <b>Reading.</b> {@link dev.twinpath.packet.pcap.CaptureReader#open(java.nio.file.Path)} sniffs
 * the magic and returns a {@link dev.twinpath.packet.pcap.PcapReader} (magic {@code a1b2c3d4}
 * microseconds or {@code a1b23c4d} nanoseconds, either byte order) or a
 * {@link dev.twinpath.packet.pcap.PcapngReader} (sections in either byte order; SHB, IDB with
 * {@code if_tsresol} in powers of 10 or 2 and {@code if_tsoffset}, EPB with {@code opt_comment},
 * SPB, the obsolete Packet Block; other blocks skipped). Files are streamed through a buffer
 * that grows only for a larger record. {@code next(CaptureRecord)} fills a reused
 * {@link dev.twinpath.packet.pcap.CaptureRecord} (frame view, captured and wire length,
 * nanosecond timestamp, interface, link type, comment, file offset) without allocating.
 * <p>
 * <b>Errors.</b> Every violation of the format is a checked
 * {@link dev.twinpath.packet.pcap.CaptureFormatException} (an {@code IOException}) whose
 * message reads {@code <file>: offset <n>: <what was wrong>}, {@code n} being the offset of the
 * file header, record or block at fault: an unknown magic, a file that ends inside a header,
 * record or block, a block length that is under its minimum, not a multiple of 4 or unequal to
 * its trailing copy, a reference to an undescribed interface, an option that overruns its block.
 * A record declaring more than {@link dev.twinpath.packet.pcap.CaptureReader#MAXIMUM_SNAPLEN}
 * captured bytes is refused before anything is allocated for it. A record longer than its
 * snapshot length is read, as tshark does, and flagged
 * ({@link dev.twinpath.packet.pcap.CaptureRecord#longerThanSnaplen()}, and counted by the
 * reader). Misuse of a writer (bad length, unknown interface) is an
 * {@link java.lang.IllegalArgumentException}.
 * <p>
 * <b>Writing.</b> {@link dev.twinpath.packet.pcap.PcapWriter} writes classic pcap with
 * nanosecond timestamps; {@link dev.twinpath.packet.pcap.PcapngWriter} writes one section with an
 * Interface Description Block per port ({@code if_name}, nanosecond {@code if_tsresol}) and an
 * Enhanced Packet Block per frame with an optional comment. Both write little-endian and
 * allocate nothing per packet (a comment is encoded on each write that has one).
 * <p>
 * Every reader and writer is owned by one thread.
 */
package dev.twinpath.packet.pcap;
