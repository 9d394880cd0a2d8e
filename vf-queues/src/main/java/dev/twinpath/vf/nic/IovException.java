package dev.twinpath.vf.nic;

/**
 * A control-path refusal of the NIC model, with a machine-readable {@link Reason} and a sentence an
 * administrator understands. Never thrown on the data path.
 */
public final class IovException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason
    {
        /** Every virtual function of the physical function is in use. */
        VF_POOL_EXHAUSTED,
        /** The request does not fit the function's state (e.g. assigning a VF twice). */
        WRONG_STATE,
        /** A value is out of range (queue pairs, VLAN id, rate...). */
        BAD_CONFIGURATION,
        /** The MAC address is already claimed by another function of this PF. */
        MAC_IN_USE
    }

    private final Reason reason;

    public IovException(final Reason reason, final String message)
    {
        super(message);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}
