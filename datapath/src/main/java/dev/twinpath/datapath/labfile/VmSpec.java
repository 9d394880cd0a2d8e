package dev.twinpath.datapath.labfile;

import java.util.List;
import java.util.Objects;

/**
 * One VM of a lab: an entry of the {@code vms} list.
 * <p>
 * Immutable, any thread.
 *
 * @param name     unique among the lab's VMs, 1..32 of {@code [A-Za-z0-9_.-]}.
 * @param host     the name of the host the VM starts on.
 * @param mac      the VM's MAC address in the low 48 bits, or {@link #ASSIGN_MAC} to let the lab assign one.
 * @param adapters the VM's network adapters, at least one, in file order.
 * @param team     the guest NIC team over some of the adapters, or null for none.
 */
public record VmSpec(String name, String host, long mac, List<AdapterSpec> adapters, TeamSpec team)
{
    /** The {@link #mac()} of a VM whose file entry gives none: the lab assigns one. */
    public static final long ASSIGN_MAC = -1;

    public VmSpec
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        adapters = List.copyOf(adapters);
    }

    /**
     * @param adapterName the name of one of this VM's adapters.
     * @return that adapter, or null when the VM has none of that name.
     */
    public AdapterSpec adapter(final String adapterName)
    {
        for (final AdapterSpec adapter : adapters)
        {
            if (adapter.name().equals(adapterName))
            {
                return adapter;
            }
        }
        return null;
    }
}
