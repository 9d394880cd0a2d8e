package dev.twinpath.vf.nic;

import org.agrona.collections.Long2LongHashMap;

/**
 * The embedded switch's exact-match MAC filter: destination MAC to the function that owns it (a VF's
 * index, {@link EmbeddedSwitch#PF_FUNCTION}, or {@link EmbeddedSwitch#NO_FUNCTION} when nobody claims
 * it). A hardware NIC matches in a CAM; here a hash map answers, fronted by the last MAC looked up and
 * its owner, because frames come in trains: a burst off the wire is mostly for one VF, so most
 * lookups are one compare instead of a hash probe.
 * <p>
 * Every change goes through this class and forgets the remembered answer, so it can never be stale.
 * <p>
 * Used only under the PF lock: by the NIC agent thread, which looks up while it switches frames, and by
 * the control thread, which changes entries and checks a MAC is free. The lock orders the plain fields,
 * the remembered answer included (a lookup writes it).
 */
final class MacFilterTable
{
    private final Long2LongHashMap owners = new Long2LongHashMap(EmbeddedSwitch.NO_FUNCTION);
    /** No real MAC is -1 (48 bits at most), so the remembered answer starts empty. */
    private long lastMac = -1;
    private long lastOwner = EmbeddedSwitch.NO_FUNCTION;

    /** @return the function that owns {@code mac}, or {@link EmbeddedSwitch#NO_FUNCTION}. */
    long get(final long mac)
    {
        if (mac == lastMac)
        {
            return lastOwner;
        }
        final long owner = owners.get(mac);
        lastMac = mac;
        lastOwner = owner;
        return owner;
    }

    void put(final long mac, final long owner)
    {
        forget();
        owners.put(mac, owner);
    }

    void putIfAbsent(final long mac, final long owner)
    {
        forget();
        owners.putIfAbsent(mac, owner);
    }

    void remove(final long mac)
    {
        forget();
        owners.remove(mac);
    }

    private void forget()
    {
        lastMac = -1;
        lastOwner = EmbeddedSwitch.NO_FUNCTION;
    }
}
