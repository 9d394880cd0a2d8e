package dev.twinpath.bench.scenario.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireRoleOptionsTest
{
    @Test
    void theArgumentsOfAChildReadBackAsTheSameOptions()
    {
        final WireRoleOptions tor = new WireRoleOptions(WireRoleOptions.Role.TOR, WirePath.RAW_BATCH, 500_000, WireTransport.UDP_MTU8K,
            "aeron:udp?endpoint=127.0.0.1:40001", "aeron:udp?endpoint=127.0.0.1:40002", null, 1_000, 2_000, 3_000);
        assertEquals(tor, WireRoleOptions.parse(tor.toArgs().toArray(String[]::new)));
        assertEquals(WireRoleOptions.STREAM_A_TO_TOR, tor.inStream());
        assertEquals(WireRoleOptions.STREAM_TOR_TO_B, tor.outStream());
        final WireRoleOptions a = new WireRoleOptions(WireRoleOptions.Role.A, WirePath.WIRE, 0, WireTransport.IPC, null, "aeron:ipc",
            "/dev/shm/x", 1, 2, 3);
        assertEquals(a, WireRoleOptions.parse(a.toArgs().toArray(String[]::new)));
    }

    @Test
    void aBadArgumentIsRefusedByName()
    {
        assertTrue(refusal("role=A", "path=wire", "rate=0", "transport=udp", "warmup=1", "measure=1", "lifetime=1")
            .startsWith("in/out: role A needs out"));
        assertTrue(refusal("role=X", "path=wire").startsWith("role: 'X'"));
        assertTrue(refusal("role=B", "path=fast").startsWith("path: 'fast'"));
        assertTrue(refusal("role=B", "path=raw", "rate=-1").startsWith("rate: '-1'"));
        assertTrue(refusal("role=B", "path=raw", "rate=1", "transport=tcp").startsWith("transport: no transport 'tcp'"));
        assertTrue(refusal("role").startsWith("argument 'role' is not key=value"));
    }

    private static String refusal(final String... args)
    {
        return assertThrows(IllegalArgumentException.class, () -> WireRoleOptions.parse(args)).getMessage();
    }
}
