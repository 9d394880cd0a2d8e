package dev.twinpath.bench.jmh;

import dev.twinpath.packet.rss.ToeplitzHash;
import dev.twinpath.packet.rss.ToeplitzReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Suite {@code rss}: the table-driven Toeplitz hash against the bit-by-bit reference, over the
 * same 256 flows, for the IPv4 and IPv6 4-tuples (12 and 36 input bytes). One operation is one hash.
 */
@State(Scope.Thread)
public class RssBenchmark
{
    private static final int FLOWS = 256;

    private final ToeplitzHash toeplitz = ToeplitzHash.microsoftDefault();
    private final byte[] key = ToeplitzHash.microsoftDefaultKey();
    private final int[] src4 = new int[FLOWS];
    private final int[] dst4 = new int[FLOWS];
    private final int[] ports = new int[FLOWS];
    private final long[] v6 = new long[FLOWS * 4];
    private final byte[][] input4 = new byte[FLOWS][];
    private final byte[][] input6 = new byte[FLOWS][];

    public RssBenchmark()
    {
        final Random random = new Random(7);
        for (int i = 0; i < FLOWS; i++)
        {
            src4[i] = random.nextInt();
            dst4[i] = random.nextInt();
            ports[i] = random.nextInt();
            input4[i] = ByteBuffer.allocate(12).putInt(src4[i]).putInt(dst4[i]).putInt(ports[i]).array();
            final ByteBuffer b = ByteBuffer.allocate(36);
            for (int j = 0; j < 4; j++)
            {
                v6[i * 4 + j] = random.nextLong();
                b.putLong(v6[i * 4 + j]);
            }
            input6[i] = b.putInt(ports[i]).array();
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public int tableIpv4()
    {
        int acc = 0;
        for (int i = 0; i < FLOWS; i++)
        {
            acc += toeplitz.hashIpv4(src4[i], dst4[i], ports[i] >>> 16, ports[i] & 0xFFFF);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public int referenceIpv4()
    {
        int acc = 0;
        for (int i = 0; i < FLOWS; i++)
        {
            acc += ToeplitzReference.hash(key, input4[i], 0, 12);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public int tableIpv6()
    {
        int acc = 0;
        for (int i = 0; i < FLOWS; i++)
        {
            final int j = i * 4;
            acc += toeplitz.hashIpv6(v6[j], v6[j + 1], v6[j + 2], v6[j + 3], ports[i] >>> 16, ports[i] & 0xFFFF);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public int referenceIpv6()
    {
        int acc = 0;
        for (int i = 0; i < FLOWS; i++)
        {
            acc += ToeplitzReference.hash(key, input6[i], 0, 36);
        }
        return acc;
    }
}
