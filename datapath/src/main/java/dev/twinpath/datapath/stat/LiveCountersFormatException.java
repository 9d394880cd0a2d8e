package dev.twinpath.datapath.stat;

/**
 * A live counters file that cannot be read: too short, a wrong magic or layout version, lengths that do not
 * fit. The message names the file, the field and its offset.
 * <p>
 * Immutable; any thread.
 */
public final class LiveCountersFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    public LiveCountersFormatException(final String file, final String field, final int offset, final String problem)
    {
        super(file + ": " + field + " (offset " + offset + ") " + problem);
        this.field = field;
        this.offset = offset;
    }

    /** @return the header field refused: {@code magic}, {@code layout version}, {@code values length}, ... */
    public String field()
    {
        return field;
    }

    /** @return its offset in the file. */
    public int offset()
    {
        return offset;
    }
}
