package dev.twinpath.vswitch.acl;

/**
 * An inclusive range of TCP/UDP ports, {@code 0 <= low <= high <= 65535}. The full range is
 * {@link #ANY}: it puts no condition on the packet, so it also matches packets without ports
 * (a non-first fragment, or another protocol).
 * <p>
 * Immutable; any thread.
 *
 * @param low  first port of the range.
 * @param high last port of the range.
 */
public record PortRange(int low, int high)
{
    /** Every port, and packets without ports. */
    public static final PortRange ANY = new PortRange(0, 65535);

    /**
     * @throws IllegalArgumentException when a bound is outside 0..65535 or {@code low > high}.
     */
    public PortRange
    {
        if (low < 0 || high > 65535)
        {
            throw new IllegalArgumentException("ports must be in 0..65535: low " + low + ", high " + high);
        }
        if (low > high)
        {
            throw new IllegalArgumentException("port range low " + low + " > high " + high);
        }
    }

    /** @return the range of one port. */
    public static PortRange of(final int port)
    {
        return new PortRange(port, port);
    }

    public boolean isAny()
    {
        return low == 0 && high == 65535;
    }

    /** @return bits of the port the range pins down: 16 for one port, 0 for {@link #ANY}. */
    public int bits()
    {
        return 16 - (32 - Integer.numberOfLeadingZeros(high - low));
    }

    /** @return {@code 53}, {@code 1024-65535} or {@code any}. */
    @Override
    public String toString()
    {
        return isAny() ? "any" : low == high ? Integer.toString(low) : low + "-" + high;
    }
}
