package dev.twinpath.packet.parse;

import dev.twinpath.packet.codec.Checksums;
import dev.twinpath.packet.pcap.CaptureReader;
import dev.twinpath.packet.pcap.CaptureRecord;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Checksums} on real traffic: every complete, unfragmented TCP, UDP, ICMP and ICMPv6 message
 * of the well-formed corpus captures verifies (tshark reports these checksums good), with the IPv4
 * or IPv6 pseudo-header where the protocol has one.
 */
class CorpusChecksumTest
{
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;

    @Test
    void everyCompleteL4MessageVerifies() throws IOException
    {
        final List<Path> files;
        try (Stream<Path> list = Files.list(CorpusParseTest.corpus().resolve("pcaps")))
        {
            files = list.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        final FrameParser parser = new FrameParser();
        final ParsedFrame frame = new ParsedFrame();
        final CaptureRecord record = new CaptureRecord();
        final int[] verifiedByProtocol = new int[256];
        final List<String> failures = new ArrayList<>();
        for (final Path file : files)
        {
            try (CaptureReader reader = CaptureReader.open(file))
            {
                int number = 0;
                while (reader.next(record))
                {
                    number++;
                    parser.parse(record.buffer(), 0, record.capturedLength(), record.wireLength(), record.linkType(), frame);
                    final int protocol = frame.ipProtocol();
                    if (!frame.isOk() || frame.isFragment() || frame.l4Offset() == ParsedFrame.NONE ||
                        record.capturedLength() < record.wireLength() ||
                        (protocol != TCP && protocol != UDP && protocol != ICMP && protocol != ICMPV6))
                    {
                        continue;
                    }
                    final DirectBuffer b = record.buffer();
                    final int l4Length = frame.ipTotalLength() - frame.ipHeaderLength();
                    if (protocol == UDP && frame.ipVersion() == 4 &&
                        b.getShort(frame.l4Offset() + 6, ByteOrder.BIG_ENDIAN) == 0)
                    {
                        continue; // no checksum sent
                    }
                    final boolean ok;
                    if (protocol == ICMP)
                    {
                        ok = Checksums.fold(Checksums.sum(b, frame.l4Offset(), l4Length, 0)) == 0xFFFF;
                    }
                    else if (frame.ipVersion() == 4)
                    {
                        ok = Checksums.verifyL4Ipv4(b, frame.l4Offset(), l4Length, frame.ipv4Src(), frame.ipv4Dst(), protocol);
                    }
                    else
                    {
                        ok = Checksums.verifyL4Ipv6(b, frame.l4Offset(), l4Length,
                            frame.srcHi(), frame.srcLo(), frame.dstHi(), frame.dstLo(), protocol);
                    }
                    if (ok)
                    {
                        verifiedByProtocol[protocol]++;
                    }
                    else
                    {
                        failures.add(file.getFileName() + "#" + number + " protocol " + protocol);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(verifiedByProtocol[ICMP] > 0 && verifiedByProtocol[ICMPV6] > 0 && verifiedByProtocol[UDP] > 0,
            "the corpus exercises ICMP, ICMPv6 and UDP checksums");
    }
}
