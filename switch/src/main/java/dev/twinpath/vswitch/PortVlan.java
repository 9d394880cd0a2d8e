package dev.twinpath.vswitch;

import java.util.Arrays;

/**
 * A port's VLAN setting, as {@code Set-VMNetworkAdapterVlan} has it: {@code -Untagged},
 * {@code -Access -VlanId n} or {@code -Trunk -AllowedVlanIdList ... -NativeVlanId n}.
 * <p>
 * Inside the switch every frame belongs to one VLAN, 0 meaning "untagged". On ingress a port maps
 * the frame's tag (or its absence) to that VLAN, or refuses it; on egress it says whether it carries
 * the VLAN and whether the frame leaves tagged:
 * <pre>
 *  mode       ingress untagged   ingress tagged t           egress VLAN v
 *  UNTAGGED   0                  refused                    v == 0, untagged
 *  ACCESS a   a                  refused                    v == a, untagged
 *  TRUNK n,A  n                  t if t in A, else refused  v == n untagged; v in A tagged
 *  ALL        0                  t                          any v; tagged unless v == 0
 * </pre>
 * {@code ALL} is the uplink's mode: the physical port carries every VLAN.
 * <p>
 * Immutable; any thread.
 */
public final class PortVlan
{
    /** The VLAN id that means "untagged" inside the switch. */
    public static final int UNTAGGED_VLAN = 0;
    /** Returned by {@link #ingressVlan(int)} when the port refuses the frame. */
    public static final int REFUSED = -1;
    /** {@link #ingressVlan(int)} argument for a frame without a tag. */
    public static final int NO_TAG = -1;

    /** The VLAN modes. */
    public enum Mode
    {
        UNTAGGED, ACCESS, TRUNK, ALL
    }

    private static final PortVlan UNTAGGED_PORT = new PortVlan(Mode.UNTAGGED, 0, new long[64]);
    private static final PortVlan ALL_VLANS;

    static
    {
        final long[] all = new long[64];
        Arrays.fill(all, -1L);
        ALL_VLANS = new PortVlan(Mode.ALL, 0, all);
    }

    private static final int UNTAGGED_MODE = 0;
    private static final int ACCESS_MODE = 1;
    private static final int TRUNK_MODE = 2;

    private final Mode mode;
    private final int modeId; // Mode.ordinal(): the data path tests an int, not an enum switch
    private final int vlan;        // access VLAN, or trunk native VLAN (0 = none)
    private final long[] allowed;  // 4,096 bits

    private PortVlan(final Mode mode, final int vlan, final long[] allowed)
    {
        this.mode = mode;
        this.modeId = mode.ordinal();
        this.vlan = vlan;
        this.allowed = allowed;
    }

    /** @return the default: untagged frames only. */
    public static PortVlan untagged()
    {
        return UNTAGGED_PORT;
    }

    /** @return every VLAN, tagged (the uplink). */
    public static PortVlan allVlans()
    {
        return ALL_VLANS;
    }

    /** @return access mode in {@code vlanId} (1..4094). */
    public static PortVlan access(final int vlanId)
    {
        checkVlan("vlanId", vlanId);
        final long[] bits = new long[64];
        set(bits, vlanId);
        return new PortVlan(Mode.ACCESS, vlanId, bits);
    }

    /**
     * @param nativeVlanId  the VLAN of untagged frames (1..4094), or 0 for none: untagged frames then
     *                      travel untagged (VLAN 0).
     * @param allowedVlanIds the VLANs carried tagged, each 1..4094.
     * @return trunk mode.
     */
    public static PortVlan trunk(final int nativeVlanId, final int... allowedVlanIds)
    {
        if (nativeVlanId != 0)
        {
            checkVlan("nativeVlanId", nativeVlanId);
        }
        if (allowedVlanIds.length == 0)
        {
            throw new IllegalArgumentException("allowedVlanIdList: a trunk needs at least one VLAN");
        }
        final long[] bits = new long[64];
        for (final int id : allowedVlanIds)
        {
            checkVlan("allowedVlanIdList", id);
            set(bits, id);
        }
        return new PortVlan(Mode.TRUNK, nativeVlanId, bits);
    }

    private static void checkVlan(final String field, final int id)
    {
        if (id < 1 || id > 4094)
        {
            throw new IllegalArgumentException(field + " must be 1..4094: " + id);
        }
    }

    private static void set(final long[] bits, final int id)
    {
        bits[id >>> 6] |= 1L << id;
    }

    public Mode mode()
    {
        return mode;
    }

    /** @return the access VLAN, the trunk's native VLAN (0 = none), or 0. */
    public int vlanId()
    {
        return vlan;
    }

    /** @return true when a tagged frame of {@code vlanId} is admitted (trunk list, access VLAN, or ALL). */
    public boolean allows(final int vlanId)
    {
        return (allowed[(vlanId >>> 6) & 63] & (1L << vlanId)) != 0;
    }

    /**
     * @param tag the frame's outer VLAN id, or {@link #NO_TAG}.
     * @return the frame's VLAN inside the switch, or {@link #REFUSED}.
     */
    public int ingressVlan(final int tag)
    {
        final int m = modeId;
        if (m == UNTAGGED_MODE)
        {
            return tag == NO_TAG ? UNTAGGED_VLAN : REFUSED;
        }
        if (m == ACCESS_MODE)
        {
            return tag == NO_TAG ? vlan : REFUSED;
        }
        if (m == TRUNK_MODE)
        {
            return tag == NO_TAG ? vlan : (tag != 0 && allows(tag) ? tag : REFUSED);
        }
        return tag == NO_TAG ? UNTAGGED_VLAN : tag;
    }

    /** @return true when the port carries switch VLAN {@code vlanId} out. */
    public boolean carries(final int vlanId)
    {
        final int m = modeId;
        if (m == UNTAGGED_MODE)
        {
            return vlanId == UNTAGGED_VLAN;
        }
        if (m == ACCESS_MODE)
        {
            return vlanId == vlan;
        }
        if (m == TRUNK_MODE)
        {
            return vlanId == vlan || (vlanId != 0 && allows(vlanId));
        }
        return true;
    }

    /** @return true when a frame of switch VLAN {@code vlanId} leaves this port with a tag. */
    public boolean egressTagged(final int vlanId)
    {
        final int m = modeId;
        if (m == TRUNK_MODE)
        {
            return vlanId != vlan && vlanId != UNTAGGED_VLAN;
        }
        return m > TRUNK_MODE && vlanId != UNTAGGED_VLAN; // ALL
    }

    @Override
    public String toString()
    {
        switch (mode)
        {
            case ACCESS:
                return "Access " + vlan;
            case TRUNK:
                final StringBuilder sb = new StringBuilder("Trunk native ").append(vlan).append(" allowed ");
                String separator = "";
                for (int id = 1; id <= 4094; id++)
                {
                    if (allows(id))
                    {
                        int end = id;
                        while (end + 1 <= 4094 && allows(end + 1))
                        {
                            end++;
                        }
                        sb.append(separator).append(id);
                        if (end > id)
                        {
                            sb.append('-').append(end);
                        }
                        separator = ",";
                        id = end;
                    }
                }
                return sb.toString();
            case ALL:
                return "All VLANs";
            default:
                return "Untagged";
        }
    }
}
