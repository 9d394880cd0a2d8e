package dev.twinpath.datapath.process;

/**
 * A control message that cannot be read: its message names what was wrong and at which offset. The process that
 * received it counts and reports it and goes on.
 */
public final class ControlMessageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ControlMessageException(final String message)
    {
        super(message);
    }
}
