package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.codec.Checksums;
import dev.twinpath.packet.codec.Ipv4Header;
import dev.twinpath.packet.codec.UdpHeader;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Writes the frames of a {@link TrafficProfile} in generation order: packet {@code k} is flow
 * {@code k % flows}, sequence {@code k / flows} of its stream, and has length {@code cycle[k % cycle.length]}
 * (one length unless the profile mixes sizes, {@link TrafficProfile#frameLengths(int...)}).
 * <p>
 * One template frame per length of the cycle and destination MAC is laid out once by {@link FrameBuilder},
 * with the fields that vary per packet (IPv4 source and checksum, UDP source port and checksum, payload header)
 * left zero, and the one's complement sums of the IPv4 header and of the UDP pseudo-header, header and payload
 * are taken over each length's template (the IPv4 total length, the UDP length and the pseudo-header differ by
 * length, the destination MAC is outside both sums). A packet is then one copy of its template and five stores;
 * both checksums are completed from the precomputed sums plus the varying words, so every frame carries a valid
 * IPv4 and UDP checksum. The cursor of the next packet (flow, sequence, port and address offsets, destination,
 * place in the length cycle) advances by increments, without a division: a mix of sizes costs no allocation and
 * no more work per packet than one size.
 * <p>
 * Threading: owned by the generator thread.
 */
final class FlowFrameWriter
{
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;
    private static final int PROTOCOL_UDP = 17;

    /** {@code templates[cycleIndex][destination]}. */
    private final UnsafeBuffer[][] templates;
    private final int[] lengths;
    private final long[] ipSums;
    private final long[] udpSums;
    private final int frameLength;
    private final int ipSrcOffset;
    private final int ipChecksumOffset;
    private final int l4Offset;
    private final int udpChecksumOffset;
    private final int payloadHeaderOffset;
    private final int flows;
    private final int destinations;
    private final int sourcePorts;
    private final int srcIp;
    private final int srcPort;
    private final int streamIdBase;

    private int flow;
    private long sequence;
    private int portOffset;
    private int addressOffset;
    private int destination;
    private int cycle;

    /**
     * Control path: lays out the templates.
     *
     * @param profile a concluded profile.
     */
    FlowFrameWriter(final TrafficProfile profile)
    {
        frameLength = profile.frameLength();
        flows = profile.flows();
        sourcePorts = profile.sourcePorts();
        srcIp = profile.srcIp();
        srcPort = profile.srcPort();
        streamIdBase = profile.streamIdBase();
        destinations = profile.destinationCount();

        final int cycleLength = profile.frameCycleLength();
        lengths = new int[cycleLength];
        ipSums = new long[cycleLength];
        udpSums = new long[cycleLength];
        templates = new UnsafeBuffer[cycleLength][destinations];
        int l4 = 0;
        int header = 0;
        for (int c = 0; c < cycleLength; c++)
        {
            lengths[c] = profile.frameLengthAt(c);
            for (int i = 0; i < destinations; i++)
            {
                final FrameTemplate template = new FrameTemplate()
                    .srcMac(profile.srcMac())
                    .dstMac(profile.destination(i))
                    .ipv4(0, profile.dstIp())
                    .protocol(FrameTemplate.UDP)
                    .ports(0, profile.dstPort())
                    .frameLength(lengths[c]);
                if (profile.vlan() >= 0)
                {
                    template.vlan(profile.vlan(), 0);
                }
                final FrameBuilder builder = new FrameBuilder(template.conclude());
                templates[c][i] = new UnsafeBuffer(new byte[lengths[c]]);
                builder.write(templates[c][i], 0, 0, 0, 0);
                l4 = builder.l4Offset();
                header = builder.payloadHeaderOffset();
            }
        }
        l4Offset = l4;
        payloadHeaderOffset = header;
        final int l3 = l4Offset - Ipv4Header.MIN_LENGTH;
        ipSrcOffset = l3 + Ipv4Header.SRC_OFFSET;
        ipChecksumOffset = l3 + Ipv4Header.CHECKSUM_OFFSET;
        udpChecksumOffset = l4Offset + UdpHeader.CHECKSUM_OFFSET;

        // Source address 0, source port 0 and a zero payload header were written; clear the checksums.
        for (int c = 0; c < cycleLength; c++)
        {
            for (final UnsafeBuffer template : templates[c])
            {
                template.putShort(ipChecksumOffset, (short)0);
                template.putShort(udpChecksumOffset, (short)0);
            }
            final int l4Length = lengths[c] - l4Offset;
            ipSums[c] = Checksums.sum(templates[c][0], l3, Ipv4Header.MIN_LENGTH, 0);
            udpSums[c] = Checksums.sum(templates[c][0], l4Offset, l4Length,
                Checksums.pseudoHeaderIpv4(0, profile.dstIp(), PROTOCOL_UDP, l4Length));
        }
    }

    /**
     * Write the next packet and advance to the one after.
     *
     * @param memory    destination.
     * @param at        where the frame starts; {@link #frameLength()} bytes of room.
     * @param timestamp intended send time, written in the payload header.
     * @return the frame length.
     */
    int writeNext(final MutableDirectBuffer memory, final int at, final long timestamp)
    {
        final int src = srcIp + addressOffset;
        final int port = srcPort + portOffset;
        final int streamId = streamIdBase + flow;
        final long seq = sequence & PayloadHeader.SEQUENCE_MASK;
        final long srcWords = (src >>> 16) + (src & 0xFFFF);
        final int c = cycle;
        final int length = lengths[c];

        memory.putBytes(at, templates[c][destination], 0, length);
        memory.putInt(at + ipSrcOffset, src, NETWORK);
        memory.putShort(at + ipChecksumOffset, (short)Checksums.finish(ipSums[c] + srcWords), NETWORK);
        memory.putShort(at + l4Offset, (short)port, NETWORK);
        PayloadHeader.write(memory, at + payloadHeaderOffset, streamId, seq, timestamp);
        final long sum = udpSums[c] + srcWords + port +
            (streamId >>> 16) + (streamId & 0xFFFF) +
            (seq >>> 32) + ((seq >>> 16) & 0xFFFF) + (seq & 0xFFFF) +
            (timestamp >>> 48) + ((timestamp >>> 32) & 0xFFFF) + ((timestamp >>> 16) & 0xFFFF) + (timestamp & 0xFFFF);
        final int checksum = Checksums.finish(sum);
        memory.putShort(at + udpChecksumOffset, (short)(checksum == 0 ? 0xFFFF : checksum), NETWORK); // RFC 768

        if (++cycle == lengths.length)
        {
            cycle = 0;
        }
        if (++flow == flows)
        {
            flow = 0;
            sequence++;
            portOffset = 0;
            addressOffset = 0;
            destination = 0;
        }
        else
        {
            if (++portOffset == sourcePorts)
            {
                portOffset = 0;
                addressOffset++;
            }
            if (++destination == destinations)
            {
                destination = 0;
            }
        }

        return length;
    }

    /**
     * Control path: make packet {@code index} the next one written.
     *
     * @param index packet index in generation order, not negative.
     */
    void seek(final long index)
    {
        flow = (int)(index % flows);
        sequence = index / flows;
        portOffset = flow % sourcePorts;
        addressOffset = flow / sourcePorts;
        destination = flow % destinations;
        cycle = (int)(index % lengths.length);
    }

    /** @return the flow of the next packet. */
    int nextFlow()
    {
        return flow;
    }

    /** @return the longest frame written (every frame's length without a mix of sizes). */
    int frameLength()
    {
        return frameLength;
    }

    int payloadHeaderOffset()
    {
        return payloadHeaderOffset;
    }
}
