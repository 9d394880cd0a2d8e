package dev.twinpath.datapath.team;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad team is refused before anything starts, with a message naming the setting (G8). */
class NicTeamContextTest
{
    private static FakeMember member(final String name, final long mac)
    {
        return new FakeMember(name, mac, 8);
    }

    private static NicTeamContext good()
    {
        return new NicTeamContext().members(member("a", 0x0215_5D00_0001L), member("b", 0x0215_5D00_0002L))
            .announceIpv4(0x0A00_0001);
    }

    private static void refused(final String field, final Consumer<NicTeamContext> change)
    {
        final NicTeamContext c = good();
        change.accept(c);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::conclude);
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    @Test
    void aGoodTeamConcludes()
    {
        good().conclude();
    }

    @Test
    void badSettingsAreRefusedByName()
    {
        refused("name", c -> c.name(" "));
        refused("mode", c -> c.mode(null));
        refused("members must have distinct names", c -> c.members(member("a", 0x0215_5D00_0003L)));
        refused("members must have distinct MACs", c -> c.members(member("c", 0x0215_5D00_0001L)));
        refused("members must have unicast", c -> c.members(member("c", 0x0100_5E00_0001L)));
        refused("primary", c -> c.primary(2));
        refused("dwell", c -> c.dwell(-1, TimeUnit.MILLISECONDS));
        refused("announceIpv4", c -> c.announceIpv4(0));
        refused("resendBound", c -> c.resendBound(8));
    }

    @Test
    void oneMemberIsTooFew()
    {
        final NicTeamContext c = new NicTeamContext().members(member("a", 0x0215_5D00_0001L)).announceIpv4(1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::conclude);
        assertTrue(e.getMessage().startsWith("members must be 2..8"), e.getMessage());
    }

    @Test
    void nineMembersAreTooMany()
    {
        final NicTeamContext c = new NicTeamContext().announceIpv4(1);
        for (int i = 0; i < 9; i++)
        {
            c.members(member("m" + i, 0x0215_5D00_0001L + i));
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::conclude);
        assertTrue(e.getMessage().startsWith("members must be 2..8"), e.getMessage());
    }
}
