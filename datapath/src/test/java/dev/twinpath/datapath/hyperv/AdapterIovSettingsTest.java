package dev.twinpath.datapath.hyperv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Set-VMNetworkAdapter -IovWeight / -IovQueuePairsRequested} of the model, and the NIC's cap on queue pairs. */
class AdapterIovSettingsTest
{
    @Test
    void defaultsAreOptedInWithOneQueuePairAndHyperVsOwnAreOptedOut()
    {
        final AdapterIovSettings s = new AdapterIovSettings();
        assertEquals(100, s.iovWeight());
        assertEquals(1, s.iovQueuePairsRequested());
        assertTrue(s.iovEnabled());

        final AdapterIovSettings hv = AdapterIovSettings.hyperVDefaults();
        assertEquals(0, hv.iovWeight());
        assertEquals(1, hv.iovQueuePairsRequested());
        assertFalse(hv.iovEnabled());
    }

    @Test
    void iovWeightOutside0To100IsRefusedNamingIt()
    {
        final AdapterIovSettings s = new AdapterIovSettings().setIovWeight(40);
        for (final int bad : new int[]{101, -1})
        {
            final IovSettingException ex = assertThrows(IovSettingException.class, () -> s.setIovWeight(bad));
            assertEquals("IovWeight", ex.setting());
            assertTrue(ex.getMessage().startsWith("IovWeight must be 0..100"), ex.getMessage());
            assertTrue(ex.getMessage().endsWith(": " + bad), ex.getMessage());
        }
        assertEquals(40, s.iovWeight(), "a refused value leaves the setting as it was");
        assertEquals(0, s.setIovWeight(0).iovWeight());
        assertEquals(100, s.setIovWeight(100).iovWeight());
    }

    @Test
    void queuePairsRequestedOutside1To16IsRefusedNamingIt()
    {
        final AdapterIovSettings s = new AdapterIovSettings();
        for (final int bad : new int[]{0, 17})
        {
            final IovSettingException ex = assertThrows(IovSettingException.class, () -> s.setIovQueuePairsRequested(bad));
            assertEquals("IovQueuePairsRequested", ex.setting());
            assertEquals("IovQueuePairsRequested must be 1..16: " + bad, ex.getMessage());
        }
        assertEquals(1, s.iovQueuePairsRequested());
        assertEquals(16, s.setIovQueuePairsRequested(16).iovQueuePairsRequested());
    }

    @Test
    void queuePairsAreCappedByTheNicAndTheCapIsReported()
    {
        final AdapterIovSettings s = new AdapterIovSettings().setIovQueuePairsRequested(8);
        final AdapterIovSettings.Grant capped = s.grant(4);
        assertEquals(new AdapterIovSettings.Grant(8, 4, 4), capped);
        assertTrue(capped.capped());
        assertEquals(4, capped.cappedBy());
        assertEquals("IovQueuePairsRequested 8, 4 assigned: the NIC gives a VF at most 4", capped.describe());
        assertEquals(4, s.queuePairsGranted(4));

        final AdapterIovSettings.Grant full = s.grant(16);
        assertEquals(8, full.granted());
        assertFalse(full.capped());
        assertEquals(0, full.cappedBy());
        assertEquals("IovQueuePairsRequested 8, 8 assigned", full.describe());

        assertThrows(IllegalArgumentException.class, () -> s.grant(0));
        assertThrows(IllegalArgumentException.class, () -> s.grant(17));
    }
}
