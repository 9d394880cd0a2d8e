package dev.twinpath.datapath.wire;

/**
 * A {@link WireContext} value was refused by {@link WireContext#conclude()}: the message starts with
 * the name of the field.
 * <p>
 * Threading: immutable, any thread.
 */
public final class WireConfigurationException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field  name of the refused field.
     * @param reason why, including the value.
     */
    public WireConfigurationException(final String field, final String reason)
    {
        super(field + ": " + reason);
        this.field = field;
    }

    /** @return name of the refused field. */
    public String field()
    {
        return field;
    }
}
