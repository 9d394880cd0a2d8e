package dev.twinpath.vswitch;

/**
 * A switch or port setting was refused; the message names the field or says, in Hyper-V's words,
 * why the change is not possible. Control path only.
 */
public final class SwitchConfigurationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SwitchConfigurationException(final String message)
    {
        super(message);
    }
}
