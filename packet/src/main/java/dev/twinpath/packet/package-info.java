/**
 * The packet layer: off-heap packet memory, descriptors, flyweight codecs, the frame parser,
 * flow keys and Toeplitz RSS, and pcap/pcapng files.
 */
package dev.twinpath.packet;
