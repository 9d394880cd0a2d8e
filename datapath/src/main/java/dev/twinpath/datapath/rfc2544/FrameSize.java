package dev.twinpath.datapath.rfc2544;

import java.util.Arrays;
import java.util.Locale;

/**
 * A frame size of an RFC 2544 test: one Ethernet frame size on the wire, FCS included (64..9220 bytes), or a mix
 * cycling through several (the simple IMIX, {@link #IMIX}). The engine's frames carry no FCS, so a size of 64 is a
 * 60-byte frame in the lab ({@link #frameLengths()}).
 * <p>
 * Immutable; any thread.
 *
 * @param name        {@code 64}, {@code 1518}, {@code imix}: how tables and JSON name it.
 * @param wireLengths the sizes on the wire, FCS included, in the order packets cycle through them.
 */
public record FrameSize(String name, int[] wireLengths)
{
    /** Bytes of FCS a wire frame has and a lab frame does not. */
    public static final int FCS = 4;
    /** Bytes of preamble, start delimiter and inter-frame gap a frame costs on the wire besides itself (layer 1). */
    public static final int L1_OVERHEAD = 20;
    /** Smallest size on the wire: the lab's shortest frame (Ethernet, IPv4, UDP, payload header) plus FCS. */
    public static final int MIN_WIRE_LENGTH = 64;
    /** Largest size on the wire (a 9216-byte jumbo frame without FCS). */
    public static final int MAX_WIRE_LENGTH = 9220;
    /** The RFC 2544 §9.1 Ethernet sizes, then 1280 as RFC 5180 adds. */
    public static final int[] STANDARD_SIZES = {64, 128, 256, 512, 1024, 1280, 1518};
    /**
     * The simple IMIX: 64, 594 and 1518-byte frames 7:4:1, spread over a cycle of 12 so no size comes in a long run;
     * its mean is 361.8 bytes on the wire.
     */
    public static final FrameSize IMIX = new FrameSize("imix",
        new int[] {64, 594, 64, 1518, 64, 594, 64, 64, 594, 64, 594, 64});

    /** @throws IllegalArgumentException naming the field refused. */
    public FrameSize
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (wireLengths == null || wireLengths.length == 0 || wireLengths.length > 64)
        {
            throw new IllegalArgumentException("wireLengths must hold 1..64 sizes: " + (wireLengths == null ? "null" :
                wireLengths.length));
        }
        wireLengths = wireLengths.clone();
        for (final int length : wireLengths)
        {
            if (length < MIN_WIRE_LENGTH || length > MAX_WIRE_LENGTH)
            {
                throw new IllegalArgumentException("wireLengths must each be " + MIN_WIRE_LENGTH + ".." + MAX_WIRE_LENGTH +
                    ": " + length);
            }
        }
    }

    /** @return one size on the wire, FCS included, named by its number. */
    public static FrameSize of(final int wireLength)
    {
        return new FrameSize(Integer.toString(wireLength), new int[] {wireLength});
    }

    /** @return {@code 64}, {@code 1518}, ... or {@code imix} (any case) as a frame size. @throws IllegalArgumentException otherwise. */
    public static FrameSize parse(final String text)
    {
        final String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(IMIX.name))
        {
            return IMIX;
        }
        if (t.matches("\\d{1,5}"))
        {
            final int size = Integer.parseInt(t);
            if (size >= MIN_WIRE_LENGTH && size <= MAX_WIRE_LENGTH)
            {
                return of(size);
            }
        }
        throw new IllegalArgumentException("a frame size is " + MIN_WIRE_LENGTH + ".." + MAX_WIRE_LENGTH +
            " (bytes on the wire, FCS included) or imix: " + (t.isEmpty() ? "''" : text));
    }

    /** @return a copy of the sizes on the wire. */
    @Override
    public int[] wireLengths()
    {
        return wireLengths.clone();
    }

    /** @return the lab's frame lengths (without FCS), in cycle order. */
    public int[] frameLengths()
    {
        return Arrays.stream(wireLengths).map(l -> l - FCS).toArray();
    }

    /** @return true when the size is a mix of several. */
    public boolean isMix()
    {
        return wireLengths.length > 1;
    }

    /** @return the mean size on the wire, FCS included. */
    public double meanWireLength()
    {
        return Arrays.stream(wireLengths).average().orElse(0);
    }

    /** @return bits a frame of this size costs on the wire on average, preamble, start delimiter and gap included. */
    public double l1BitsPerFrame()
    {
        return (meanWireLength() + L1_OVERHEAD) * 8;
    }

    /** @return {@code pps} frames per second in Gbit/s at layer 1 (frame, FCS, preamble, start delimiter, gap). */
    public double l1Gbps(final double pps)
    {
        return pps * l1BitsPerFrame() / 1e9;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof FrameSize f && f.name.equals(name) && Arrays.equals(f.wireLengths, wireLengths);
    }

    @Override
    public int hashCode()
    {
        return name.hashCode() * 31 + Arrays.hashCode(wireLengths);
    }

    @Override
    public String toString()
    {
        return name;
    }
}
