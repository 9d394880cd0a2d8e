package dev.twinpath.packet.codec;

/**
 * The header shape ICMP (RFC 792) and ICMPv6 (RFC 4443) share: type, code, checksum, then four
 * type-specific bytes (identifier and sequence number for echo).
 * <p>
 * Not thread-safe: owned by the thread that wrapped it.
 *
 * @param <T> the concrete flyweight, so that setters chain.
 */
public abstract class IcmpFlyweight<T extends IcmpFlyweight<T>> extends HeaderFlyweight<T>
{
    public static final int CHECKSUM_OFFSET = 2;

    @SuppressWarnings("unchecked")
    private T self()
    {
        return (T)this;
    }

    public int type()
    {
        return u8(0);
    }

    public T type(final int type)
    {
        u8(0, type);
        return self();
    }

    public int code()
    {
        return u8(1);
    }

    public T code(final int code)
    {
        u8(1, code);
        return self();
    }

    public int checksum()
    {
        return u16(CHECKSUM_OFFSET);
    }

    public T checksum(final int checksum)
    {
        u16(CHECKSUM_OFFSET, checksum);
        return self();
    }

    public int identifier()
    {
        return u16(4);
    }

    public T identifier(final int id)
    {
        u16(4, id);
        return self();
    }

    public int sequence()
    {
        return u16(6);
    }

    public T sequence(final int sequence)
    {
        u16(6, sequence);
        return self();
    }
}
