package dev.twinpath.datapath.labfile;

import java.util.List;
import java.util.Objects;

/**
 * A NIC team inside a guest (switch-independent), over two or more of the VM's adapters: the
 * {@code team} section of a VM.
 * <p>
 * Immutable, any thread.
 *
 * @param name    the team interface's name, {@code team0} by default.
 * @param mode    how traffic is spread over the members.
 * @param members names of the VM's adapters in the team, at least two, no repeats, in file order.
 */
public record TeamSpec(String name, TeamMode mode, List<String> members)
{
    /** The team name when the file names none. */
    public static final String DEFAULT_NAME = "team0";

    public TeamSpec
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        members = List.copyOf(members);
    }
}
