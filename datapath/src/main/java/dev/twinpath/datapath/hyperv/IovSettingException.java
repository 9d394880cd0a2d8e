package dev.twinpath.datapath.hyperv;

/**
 * A setting of the Hyper-V IOV model was refused: a value out of range ({@code IovWeight 101}), a
 * contradiction ({@code nicTotalVfs} on a NIC without SR-IOV), or a change Hyper-V does not allow
 * ({@code EnableIov} after the switch exists). {@link #setting()} names the setting as the
 * administrator typed it; the message says what is allowed. Control path only.
 * <p>
 * Immutable, any thread.
 */
public final class IovSettingException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the name of the refused setting, e.g. {@code "EnableIov"} or {@code "IovWeight"}.
     * @param message what was refused and what is allowed; should start with the setting name.
     */
    public IovSettingException(final String setting, final String message)
    {
        super(message);
        this.setting = setting;
    }

    /** @return the name of the refused setting, e.g. {@code "IovWeight"}. */
    public String setting()
    {
        return setting;
    }
}
