package dev.twinpath.vf.nic;

import dev.twinpath.packet.pool.PacketDescriptor;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;

import static dev.twinpath.vf.nic.NicFixture.PEER_MAC;
import static dev.twinpath.vf.nic.NicFixture.drain;
import static dev.twinpath.vf.nic.NicFixture.vfMac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VF's secondary MAC (a guest team's MAC): received like the VF's own, moved with it between the VF
 * and the PF default queue, refused when in use, gone on release; and markers from the wire reach the
 * PF default queue in order.
 */
class VfSecondaryMacTest
{
    private static final long TEAM_MAC = 0x0200_00AB_CDEFL;

    private static int frames(final LongArrayList got)
    {
        int n = 0;
        for (int i = 0; i < got.size(); i++)
        {
            n += PacketDescriptor.isPacket(got.getLong(i)) ? 1 : 0;
        }
        return n;
    }

    @Test
    void theSecondaryMacFollowsTheFilter()
    {
        final NicFixture nic = new NicFixture();
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)).secondaryMac(TEAM_MAC).trust(true));
        assertEquals(TEAM_MAC, vf.secondaryMac());
        nic.toWire(nic.frame(PEER_MAC, TEAM_MAC, -1, 1000, 1));
        nic.run();
        LongArrayList got = drain(vf.queuePair(0).rxRing());
        assertEquals(1, frames(got), "the team's MAC reaches the VF");
        nic.free(got);

        nic.pf.moveMacToPf(vf, 5);
        nic.toWire(nic.frame(PEER_MAC, TEAM_MAC, -1, 1000, 2));
        nic.run();
        got = drain(nic.pf.pfDefaultRing());
        assertEquals(1, frames(got), "moved with the VF's own MAC to the PF default queue");
        nic.free(got);
        nic.free(drain(vf.queuePair(0).rxRing()));

        final VirtualFunction other = nic.pf.allocate("other", 1);
        final IovException inUse = assertThrows(IovException.class,
            () -> nic.pf.assign(other, new VfConfig().mac(vfMac(1)).secondaryMac(TEAM_MAC)));
        assertEquals(IovException.Reason.MAC_IN_USE, inUse.reason());
        assertEquals(IovException.Reason.BAD_CONFIGURATION, assertThrows(IovException.class,
            () -> nic.pf.assign(other, new VfConfig().mac(vfMac(1)).secondaryMac(vfMac(1)))).reason());
    }

    @Test
    void aVfFrameToAMacTheHostSwitchServesIsHairpinnedToThePf()
    {
        final NicFixture nic = new NicFixture();
        final long syntheticVm = 0x0200_0000_0C0CL;
        final VirtualFunction vf = nic.activeVf(1, new VfConfig().mac(vfMac(0)));
        nic.pf.addHostMac(syntheticVm);
        vf.queuePair(0).send(new long[] {nic.frame(vfMac(0), syntheticVm, -1, 1, 1)}, 0, 1);
        nic.run();
        LongArrayList got = drain(nic.pf.pfDefaultRing());
        assertEquals(1, frames(got), "to the host switch, not the wire");
        assertEquals(0, drain(nic.pf.wireTxRing()).size());
        nic.free(got);

        final VirtualFunction other = nic.pf.allocate("vm2", 1); // the VM behind the MAC gets a VF of its own
        nic.pf.assign(other, new VfConfig().mac(syntheticVm));
        nic.pf.removeHostMac(syntheticVm); // the host switch no longer serves it: the VF keeps it
        nic.toWire(nic.frame(PEER_MAC, syntheticVm, -1, 1000, 2));
        nic.run();
        got = drain(other.queuePair(0).rxRing());
        assertEquals(1, frames(got), "the VF took the MAC over");
        nic.free(got);
    }

    @Test
    void aMarkerFromTheWireGoesToThePfDefaultQueueInOrder()
    {
        final NicFixture nic = new NicFixture();
        nic.toWire(nic.frame(PEER_MAC, 0x0200_0000_0BBBL, -1, 1000, 1));
        nic.toWire(PacketDescriptor.marker(42, 3));
        nic.toWire(nic.frame(PEER_MAC, 0x0200_0000_0BBBL, -1, 1000, 2));
        nic.run();
        final LongArrayList got = drain(nic.pf.pfDefaultRing());
        assertEquals(3, got.size());
        assertTrue(PacketDescriptor.isMarker(got.getLong(1)));
        assertEquals(42, PacketDescriptor.epoch(got.getLong(1)));
        assertEquals(3, PacketDescriptor.port(got.getLong(1)), "its port field, for the host switch to route it");
        nic.free(got);
    }
}
