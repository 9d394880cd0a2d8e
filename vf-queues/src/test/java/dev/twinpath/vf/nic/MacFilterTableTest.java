package dev.twinpath.vf.nic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MacFilterTableTest
{
    private static final long MAC = 0x0200_0000_1000L;
    private static final long OTHER = 0x0200_0000_2000L;

    private final MacFilterTable table = new MacFilterTable();

    @Test
    void anUnknownMacHasNoOwnerEvenWhenAskedTwice()
    {
        assertEquals(EmbeddedSwitch.NO_FUNCTION, table.get(MAC));
        assertEquals(EmbeddedSwitch.NO_FUNCTION, table.get(MAC));
    }

    @Test
    void everyChangeIsSeenByTheNextLookupOfTheRememberedMac()
    {
        table.put(MAC, 3);
        assertEquals(3, table.get(MAC));
        assertEquals(3, table.get(MAC)); // remembered
        table.put(MAC, EmbeddedSwitch.PF_FUNCTION);
        assertEquals(EmbeddedSwitch.PF_FUNCTION, table.get(MAC));
        table.remove(MAC);
        assertEquals(EmbeddedSwitch.NO_FUNCTION, table.get(MAC));
        table.putIfAbsent(MAC, 5);
        assertEquals(5, table.get(MAC));
        table.putIfAbsent(MAC, 6);
        assertEquals(5, table.get(MAC));
    }

    @Test
    void aRememberedMissIsForgottenWhenTheMacIsAdded()
    {
        assertEquals(EmbeddedSwitch.NO_FUNCTION, table.get(MAC));
        table.put(MAC, 1);
        assertEquals(1, table.get(MAC));
    }

    @Test
    void lookupsAlternatingBetweenMacsGiveEachItsOwnOwner()
    {
        table.put(MAC, 1);
        table.put(OTHER, 2);
        for (int i = 0; i < 4; i++)
        {
            assertEquals(1, table.get(MAC));
            assertEquals(2, table.get(OTHER));
        }
        table.remove(OTHER);
        assertEquals(1, table.get(MAC));
        assertEquals(EmbeddedSwitch.NO_FUNCTION, table.get(OTHER));
    }
}
