package dev.twinpath.datapath.lab;

import dev.twinpath.datapath.NetVscState;
import dev.twinpath.datapath.Path;
import dev.twinpath.packet.build.FrameBuilder;
import dev.twinpath.packet.build.FrameTemplate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabFailoverTest
{
    private static int payloadOffset()
    {
        return new FrameBuilder(new FrameTemplate().srcMac(2).dstMac(4).addresses("10.0.0.1", "10.0.0.2")
            .ports(1, 2).conclude()).payloadHeaderOffset();
    }

    @Test
    void offerAndRevokeUnderLoadOnOneThreadLoseNothing()
    {
        try (Lab lab = new Lab(new LabContext().vms(2).totalVfs(4).poolSlots(16_384).threading(ThreadingMode.ONE)))
        {
            final long[] macs = {lab.vm(0).mac(), lab.vm(1).mac()};
            final TestTraffic.Source source = new TestTraffic.Source(lab.pool(), lab.context().peerMac(), macs, 64, 16);
            final TestTraffic.Checker[] checkers = new TestTraffic.Checker[2];
            for (int v = 0; v < 2; v++)
            {
                checkers[v] = new TestTraffic.Checker(lab.pool(), 64, payloadOffset());
                lab.vm(v).onReceive(checkers[v]);
            }
            lab.wireSource(source);
            run(lab, 200);
            assertTrue(lab.offerVf(lab.vm(0)));
            run(lab, 400);
            assertEquals(NetVscState.VF_ACTIVE, lab.vm(0).adapter().state(), lab.events().events().toString());
            assertEquals(Path.VF, lab.vm(0).adapter().rxPath());
            assertTrue(lab.revokeVf(lab.vm(0)));
            run(lab, 400);
            assertEquals(NetVscState.SYNTHETIC, lab.vm(0).adapter().state(), dump(lab));
            assertTrue(lab.offerVf(lab.vm(0)));
            run(lab, 400);
            source.limit = 0;
            lab.drain();
            for (final TestTraffic.Checker c : checkers)
            {
                assertNull(c.firstProblem, dump(lab));
            }
            assertEquals(source.sent, checkers[0].delivered + checkers[1].delivered, dump(lab));
            assertTrue(checkers[0].byPath[0] > 0 && checkers[0].byPath[1] > 0, "vm1 used both paths");
            assertEquals(0, lab.leakedBuffers());
            assertNull(lab.firstError());
        }
    }

    private static void run(final Lab lab, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            lab.doWork();
        }
    }

    private static String dump(final Lab lab)
    {
        return LabDump.of(lab);
    }
}
