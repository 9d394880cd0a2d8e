package dev.twinpath.vswitch.acl;

/**
 * What a matching rule does with a frame. A frame no rule matches is allowed (Hyper-V's default).
 * Hyper-V's {@code Meter} action of basic ACLs is not modelled.
 * <p>
 * Immutable; any thread.
 */
public enum AclAction
{
    ALLOW("Allow"),
    DENY("Deny");

    private final String text;

    AclAction(final String text)
    {
        this.text = text;
    }

    /** @return the word Hyper-V prints, e.g. {@code Deny}. */
    public String text()
    {
        return text;
    }
}
