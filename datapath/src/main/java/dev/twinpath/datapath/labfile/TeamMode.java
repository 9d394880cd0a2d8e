package dev.twinpath.datapath.labfile;

/**
 * How a guest NIC team spreads traffic over its members: the {@code mode} key of a team.
 * <p>
 * Immutable, any thread.
 */
public enum TeamMode
{
    /** {@code active-standby}: one member carries all traffic; another takes over when its link goes down. */
    ACTIVE_STANDBY("active-standby"),
    /** {@code address-hash}: flows are spread over the members whose link is up by a hash of their addresses. */
    ADDRESS_HASH("address-hash");

    private final String key;

    TeamMode(final String key)
    {
        this.key = key;
    }

    /**
     * @return the spelling in a lab file, e.g. {@code active-standby}.
     */
    public String key()
    {
        return key;
    }
}
