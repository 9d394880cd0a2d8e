package dev.twinpath.datapath.host;

import dev.twinpath.vf.nic.VirtualFunction;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The PCI bus between host and guest, as far as the steering layer needs it: the host publishes the
 * VF it offers under a serial number (what VF_ASSOCIATION carries), and the guest finds the device by
 * that serial when the offer arrives, as Linux hv_netvsc matches a VF to its synthetic NIC by the
 * serial of the VF's PCI slot.
 * <p>
 * Thread-safe: the host's agent publishes and withdraws, the guest's agent looks up.
 */
public final class VfDirectory
{
    private final ConcurrentHashMap<Integer, VirtualFunction> bySerial = new ConcurrentHashMap<>();

    /** Host: the VF appears on the guest's bus under {@code serial}. */
    public void publish(final int serial, final VirtualFunction vf)
    {
        bySerial.put(serial, vf);
    }

    /** Host: the VF leaves the guest's bus. */
    public void withdraw(final int serial)
    {
        bySerial.remove(serial);
    }

    /** Guest: @return the VF published under {@code serial}, or null. */
    public VirtualFunction lookup(final int serial)
    {
        return bySerial.get(serial);
    }
}
