package dev.twinpath.packet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.FrameStatus;
import dev.twinpath.packet.parse.ParsedFrame;
import dev.twinpath.packet.pcap.CaptureFormatException;
import dev.twinpath.packet.pcap.CaptureReader;
import dev.twinpath.packet.pcap.CaptureRecord;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets of the packet layer (Jazzer): the frame parser and the capture readers take any bytes
 * and answer with a status or a {@link CaptureFormatException}, never another exception, a read outside
 * their input, or a hang. In `mvn verify` each target runs over its saved inputs (regression mode,
 * under {@code src/test/resources/.../PacketFuzzTestInputs/<target>/}); `JAZZER_FUZZ=1` fuzzes (see
 * docs/reliability.md).
 */
class PacketFuzzTest
{
    private static final FrameParser STRICT = new FrameParser();
    private static final FrameParser LOOSE = new FrameParser(new FrameParser.Context().minFrameLength(0));

    @FuzzTest(maxDuration = "30s")
    void parseFrame(final byte[] data)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        final ParsedFrame frame = new ParsedFrame();
        final FrameStatus strict = STRICT.parse(buffer, 0, data.length, frame);
        assertNotNull(strict);
        final FrameStatus loose = LOOSE.parse(buffer, 0, data.length, frame);
        assertNotNull(loose);
    }

    @FuzzTest(maxDuration = "30s")
    void readCapture(final byte[] data) throws IOException
    {
        final Path file = Files.createTempFile("fuzz", ".cap");
        try
        {
            Files.write(file, data);
            try (CaptureReader reader = CaptureReader.open(file))
            {
                final CaptureRecord record = new CaptureRecord();
                int records = 0;
                while (records < 10_000 && reader.next(record))
                {
                    assertTrue(record.capturedLength() >= 0 && record.capturedLength() <= CaptureReader.MAXIMUM_SNAPLEN);
                    records++;
                }
            }
            catch (final CaptureFormatException expected)
            {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
            }
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
