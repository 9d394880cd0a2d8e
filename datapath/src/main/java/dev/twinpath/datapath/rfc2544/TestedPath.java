package dev.twinpath.datapath.rfc2544;

import dev.twinpath.datapath.run.PathUnderTest;

import java.util.Locale;

/**
 * The path an RFC 2544 search measures: the VMs' {@link #VF}s, or the {@link #SYNTHETIC} path (VMBus and the host's
 * virtual switch, no VF offered).
 * <p>
 * Immutable; any thread.
 */
public enum TestedPath
{
    /** The hardware path: wire, NIC embedded switch, VF RX queue, guest. */
    VF(PathUnderTest.VF),
    /** The software path: wire, NIC PF, host virtual switch, VMBus channel, guest. */
    SYNTHETIC(PathUnderTest.SYNTHETIC);

    private final int number;

    TestedPath(final int number)
    {
        this.number = number;
    }

    /** @return the path number of a run's summary: 0 the VF, 1 the synthetic path. */
    public int number()
    {
        return number;
    }

    /** @return {@code vf} or {@code synthetic}. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
