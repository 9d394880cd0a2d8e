package dev.twinpath.datapath.hyperv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.twinpath.datapath.hyperv.VfDecision.Outcome.DENY;
import static dev.twinpath.datapath.hyperv.VfDecision.Outcome.GRANT;
import static dev.twinpath.datapath.hyperv.VfDecision.Outcome.REVOKE;
import static dev.twinpath.datapath.hyperv.VfDecision.Outcome.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of VF arbitration, one at a time. */
class VfArbiterTest
{
    private static VfArbiter arbiter(final int vfs)
    {
        return new VfArbiter(vfs, IovSupport.SUPPORTED);
    }

    private static VfDecision d(final String adapter, final VfDecision.Outcome outcome, final IovSupportReason reason)
    {
        return new VfDecision(adapter, outcome, reason);
    }

    @Test
    void weightZeroStaysSyntheticWithItsReason()
    {
        final VfArbiter a = arbiter(4);
        a.register("a", 0);
        assertEquals(d("a", DENY, IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO), a.request("a"));
        assertEquals(VfArbiter.State.DENIED, a.state("a"));
        assertEquals(IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO, a.reason("a"));
        assertEquals(4, a.freeVfs());
    }

    @Test
    void anExhaustedPoolMakesTheAdapterWaitWithVfPoolExhausted()
    {
        final VfArbiter a = arbiter(1);
        a.register("a", 50);
        a.register("b", 50);
        assertEquals(d("a", GRANT, null), a.request("a"));
        assertEquals(d("b", WAIT, IovSupportReason.VF_POOL_EXHAUSTED), a.request("b"));
        assertEquals(IovSupportReason.VF_POOL_EXHAUSTED, a.reason("b"));
        assertEquals(List.of("a"), a.holders());
        assertEquals(List.of("b"), a.waiting());
        assertEquals(d("b", WAIT, IovSupportReason.VF_POOL_EXHAUSTED), a.request("b"), "asking again keeps the place");
        assertEquals(d("a", GRANT, null), a.request("a"), "a holder asking again is granted again");
        assertEquals(1, a.vfsInUse());
    }

    @Test
    void aReleasedVfGoesToTheHighestWeightWaiterThenTheLongestWaiting()
    {
        final VfArbiter a = arbiter(1);
        for (final String name : List.of("holder", "low", "highFirst", "highSecond"))
        {
            a.register(name, name.startsWith("high") ? 90 : 10);
        }
        a.request("holder");
        a.request("low");
        a.request("highFirst");
        a.request("highSecond");
        assertEquals(List.of("highFirst", "highSecond", "low"), a.waiting());

        assertEquals(List.of("highFirst"), a.release("holder"));
        assertEquals(VfArbiter.State.HOLDING, a.state("highFirst"));
        assertNull(a.reason("highFirst"));
        assertEquals(VfArbiter.State.IDLE, a.state("holder"));
        assertEquals(List.of("highSecond"), a.release("highFirst"));
        assertEquals(List.of("low"), a.release("highSecond"));
        assertEquals(List.of(), a.release("low"));
        assertEquals(0, a.vfsInUse());
        assertEquals(List.of(), a.release("low"), "release is idempotent");
    }

    @Test
    void aHigherWeightWaiterDoesNotPreemptALowerWeightHolder()
    {
        final VfArbiter a = arbiter(1);
        a.register("low", 1);
        a.register("high", 100);
        assertEquals(GRANT, a.request("low").outcome());
        assertEquals(WAIT, a.request("high").outcome());
        assertEquals(List.of(), a.setWeight("high", 100));
        assertEquals(List.of("low"), a.holders());
    }

    @Test
    void weightZeroOnAHolderRevokesItAndHandsTheVfOn()
    {
        final VfArbiter a = arbiter(1);
        a.register("a", 50);
        a.register("b", 20);
        a.request("a");
        a.request("b");
        assertEquals(List.of(d("a", REVOKE, IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO), d("b", GRANT, null)), a.setWeight("a", 0));
        assertEquals(VfArbiter.State.DENIED, a.state("a"));
        assertEquals(List.of("b"), a.holders());

        assertEquals(List.of(d("a", WAIT, IovSupportReason.VF_POOL_EXHAUSTED)), a.setWeight("a", 70),
            "opting in again while the pool is empty waits");
        assertEquals(List.of(d("a", DENY, IovSupportReason.ADAPTER_IOV_WEIGHT_ZERO)), a.setWeight("a", 0),
            "a waiter set to 0 stops waiting");
        assertEquals(List.of(), a.release("b"), "nobody waits for the freed VF");
        assertEquals(List.of(d("a", GRANT, null)), a.setWeight("a", 30), "opting in with a free VF is granted");
    }

    @Test
    void weightChangesOfIdleOrHoldingAdaptersChangeNothing()
    {
        final VfArbiter a = arbiter(2);
        a.register("a", 50);
        assertEquals(List.of(), a.setWeight("a", 0));
        assertEquals(VfArbiter.State.IDLE, a.state("a"));
        assertEquals(List.of(), a.setWeight("a", 60));
        a.request("a");
        assertEquals(List.of(), a.setWeight("a", 10));
        assertEquals(10, a.weight("a"));
        assertEquals(VfArbiter.State.HOLDING, a.state("a"));
    }

    @Test
    void aHostOrSwitchWithoutIovGrantsNothing()
    {
        final VfArbiter seed = VfArbiter.forSwitch(VmSwitchIov.create("External", HostPlatform.seedBiosLimited("h", 8), true));
        seed.register("a", 100);
        assertEquals(d("a", DENY, IovSupportReason.HOST_NOT_SUPPORTED), seed.request("a"));
        assertEquals(List.of(), seed.setWeight("a", 50));
        assertEquals(IovSupportReason.HOST_NOT_SUPPORTED, seed.reason("a"));

        final VfArbiter plain = VfArbiter.forSwitch(VmSwitchIov.create("Plain", HostPlatform.sriovReady("h", 8), false));
        plain.register("a", 0);
        assertEquals(d("a", DENY, IovSupportReason.SWITCH_NOT_IOV_ENABLED), plain.request("a"),
            "the switch's reason comes before the adapter's weight");
        assertEquals(0, plain.totalVfs());
    }

    @Test
    void unregisteringAHolderHandsItsVfOn()
    {
        final VfArbiter a = arbiter(1);
        a.register("a", 50);
        a.register("b", 50);
        a.request("a");
        a.request("b");
        assertEquals(List.of("b"), a.unregister("a"));
        assertEquals(false, a.isRegistered("a"));
        assertThrows(IllegalArgumentException.class, () -> a.request("a"));
    }

    @Test
    void badInputIsRefused()
    {
        final VfArbiter a = arbiter(1);
        a.register("a", 50);
        assertThrows(IllegalArgumentException.class, () -> a.register("a", 50));
        assertEquals("IovWeight", assertThrows(IovSettingException.class, () -> a.register("b", 101)).setting());
        assertEquals("IovWeight", assertThrows(IovSettingException.class, () -> a.setWeight("a", -1)).setting());
        assertEquals(50, a.weight("a"));
        assertEquals("adapter 'zz' is not registered with this arbiter",
            assertThrows(IllegalArgumentException.class, () -> a.request("zz")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VfArbiter(257, IovSupport.SUPPORTED));
        assertThrows(IllegalArgumentException.class, () -> new VfDecision("a", GRANT, IovSupportReason.NO_ACS));
        assertThrows(IllegalArgumentException.class, () -> new VfDecision("a", WAIT, null));
    }
}
