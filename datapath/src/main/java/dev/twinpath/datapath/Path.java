package dev.twinpath.datapath;

/**
 * The two paths of a NetVSC adapter: the VF (NIC queues the guest reaches directly) and the synthetic
 * path (VMBus channel into the host's virtual switch). The id is what a delivered descriptor carries
 * in its port field ({@link NetVscAdapter#receive}).
 * <p>
 * Immutable, any thread.
 */
public enum Path
{
    VF(0, "vf"),
    SYNTHETIC(1, "synthetic");

    private final int id;
    private final String label;

    Path(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /** @return 0 for the VF, 1 for the synthetic path. */
    public int id()
    {
        return id;
    }

    /** @return the lower-case name used in reports ({@code vf}, {@code synthetic}). */
    public String label()
    {
        return label;
    }

    /** @return the other path. */
    public Path other()
    {
        return this == VF ? SYNTHETIC : VF;
    }

    /** @return the path with this id. */
    public static Path fromId(final int id)
    {
        return id == 0 ? VF : SYNTHETIC;
    }
}
