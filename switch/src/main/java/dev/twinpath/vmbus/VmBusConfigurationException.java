package dev.twinpath.vmbus;

/**
 * A {@link VmBusChannel.Context} value was refused by {@link VmBusChannel.Context#conclude()}.
 * <p>
 * Threading: immutable, any thread.
 */
public final class VmBusConfigurationException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field  name of the refused Context field.
     * @param reason why it was refused, including the value.
     */
    public VmBusConfigurationException(final String field, final String reason)
    {
        super(field + ": " + reason);
        this.field = field;
    }

    /** @return name of the refused Context field. */
    public String field()
    {
        return field;
    }
}
