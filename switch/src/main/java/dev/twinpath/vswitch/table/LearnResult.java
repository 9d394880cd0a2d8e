package dev.twinpath.vswitch.table;

/**
 * Codes {@link MacTable#learn} returns. Positive: the table now maps the address (and VLAN) to a
 * port; negative: it does not. {@code switch}-friendly {@code int}s, so the data path never boxes.
 * <p>
 * Stateless; any thread.
 */
public final class LearnResult
{
    /** A new dynamic entry. Counted in {@link MacTable#learned()}. */
    public static final int LEARNED = 1;
    /** The entry existed on the same port: its last-seen time is now. */
    public static final int REFRESHED = 2;
    /** The entry existed on another port and now points at this one. Counted in {@link MacTable#moves()}. */
    public static final int MOVED = 3;
    /** A static entry holds the address: learning leaves it (and its port) alone. */
    public static final int STATIC = 4;
    /** The table holds its capacity of entries: nothing learnt. Counted in {@link MacTable#learnFailuresFull()}. */
    public static final int FULL = -1;
    /** Never learnt: a group (multicast/broadcast) or zero MAC, more than 48 bits, a VLAN outside 0..4095 or a negative port. */
    public static final int IGNORED = -2;

    private LearnResult()
    {
    }

    /** @return true when the code says the address is in the table after the call. */
    public static boolean isMapped(final int code)
    {
        return code > 0;
    }

    /** @return the constant's name, for logs and test messages. */
    public static String name(final int code)
    {
        switch (code)
        {
            case LEARNED: return "LEARNED";
            case REFRESHED: return "REFRESHED";
            case MOVED: return "MOVED";
            case STATIC: return "STATIC";
            case FULL: return "FULL";
            case IGNORED: return "IGNORED";
            default: return "UNKNOWN(" + code + ")";
        }
    }
}
