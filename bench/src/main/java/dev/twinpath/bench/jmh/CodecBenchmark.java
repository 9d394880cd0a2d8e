package dev.twinpath.bench.jmh;

import dev.twinpath.packet.parse.FrameParser;
import dev.twinpath.packet.parse.ParsedFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteOrder;

/**
 * Suite {@code codec}: one-pass parse of a {@link FrameMix}, against the floor of merely reading
 * the first 64 bytes of each frame (what any parser must touch). One operation is one frame.
 */
@State(Scope.Thread)
public class CodecBenchmark
{
    private final FrameMix mix = new FrameMix();
    private final FrameParser parser = new FrameParser();
    private final ParsedFrame frame = new ParsedFrame();

    @Benchmark
    @OperationsPerInvocation(FrameMix.FRAMES)
    public int parseMix()
    {
        int acc = 0;
        for (int i = 0; i < FrameMix.FRAMES; i++)
        {
            parser.parse(mix.buffer, i * FrameMix.SLOT, mix.lengths[i], frame);
            acc += frame.status().ordinal() + frame.srcPort() + frame.ipProtocol() + frame.vlanCount();
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(FrameMix.FRAMES)
    public long touchHeaders()
    {
        long acc = 0;
        for (int i = 0; i < FrameMix.FRAMES; i++)
        {
            final int offset = i * FrameMix.SLOT;
            for (int j = 0; j < 64; j += 8)
            {
                acc ^= mix.buffer.getLong(offset + j, ByteOrder.BIG_ENDIAN);
            }
        }
        return acc;
    }
}
