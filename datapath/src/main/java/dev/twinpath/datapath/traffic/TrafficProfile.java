package dev.twinpath.datapath.traffic;

import dev.twinpath.packet.build.PayloadHeader;
import dev.twinpath.packet.codec.AddressFormat;
import dev.twinpath.packet.codec.EthernetHeader;
import dev.twinpath.packet.codec.Ipv4Header;
import dev.twinpath.packet.codec.UdpHeader;
import dev.twinpath.packet.codec.VlanTag;

/**
 * What a {@link ConstantRateGenerator} sends and a {@link StreamChecker} expects: Ethernet (optional
 * 802.1Q tag) / IPv4 / UDP frames carrying a {@link PayloadHeader}, spread over {@link #flows()}
 * flows at {@link #ratePps()} packets per second in bursts of {@link #burst()}.
 * <p>
 * Flow {@code i} (0-based) is stream {@code streamIdBase + i} and has its own 5-tuple, so flows hash
 * to different RSS buckets: its UDP source port is {@code srcPort + i % sourcePorts}, its IPv4 source
 * address {@code srcIp + i / sourcePorts}; the destination address and port are common. Its frames go
 * to {@code destinations[i % destinations.length]}. Packet {@code k} of a run belongs to flow
 * {@code k % flows}.
 * <p>
 * Context-style: fluent setters, then {@link #conclude()} validates, derives the frame length when
 * it was not set (60 bytes, 64 with a VLAN tag) and refuses a bad value with an
 * {@link IllegalArgumentException} naming the field. The generator also checks the frame against its
 * pool's data room.
 * <p>
 * Threading: control-path object, filled in and concluded by one thread before the generator or
 * checker that reads it is built; not thread-safe.
 */
public final class TrafficProfile
{
    /** Most flows of one profile. */
    public static final int MAX_FLOWS = 1 << 20;
    /** Largest frame, without FCS (a jumbo frame). */
    public static final int MAX_FRAME_LENGTH = 9216;
    /** Highest rate: intended send times need at least one nanosecond apart on average. */
    public static final long MAX_RATE_PPS = 1_000_000_000L;
    /** Rate value 0: no pacing, as fast as the sink takes (the "max" rate); each packet is stamped when built. */
    public static final long UNPACED = 0;
    /** Largest burst. */
    public static final int MAX_BURST = 1024;
    /** Most lengths in a cycle of mixed frame sizes ({@link #frameLengths(int...)}). */
    public static final int MAX_FRAME_CYCLE = 64;
    /** Most destination MAC addresses. */
    public static final int MAX_DESTINATIONS = 4096;
    /** Ethernet + IPv4 + UDP headers and the payload header, without a VLAN tag. */
    public static final int MIN_FRAME_LENGTH =
        EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + PayloadHeader.LENGTH;

    private int flows = 1024;
    private int frameLength = EthernetHeader.MIN_FRAME_LENGTH;
    private boolean frameLengthSet;
    private int[] frameCycle;
    private long ratePps = 1_000_000L;
    private int burst = 32;
    private int maxBurstsPerCall = 16;
    private long srcMac = 0x0200_0000_0001L;
    private long[] destinations = {0x0200_0000_0002L};
    private int srcIp = 0x0A00_0001;
    private int dstIp = 0x0A00_0002;
    private int srcPort = 49_152; // the dynamic range: Wireshark decodes no registered protocol there
    private int dstPort = 5001;
    private int sourcePorts = 4096;
    private int streamIdBase;
    private int vlan = -1;

    /** @param flows number of flows (streams), 1..{@value #MAX_FLOWS}; default 1024. */
    public TrafficProfile flows(final int flows)
    {
        this.flows = flows;
        return this;
    }

    public int flows()
    {
        return flows;
    }

    /** @param length frame length without FCS; default 60 (64 with a VLAN tag), the shortest that fits. */
    public TrafficProfile frameLength(final int length)
    {
        this.frameLength = length;
        this.frameLengthSet = true;
        this.frameCycle = null;
        return this;
    }

    /**
     * Mixed frame sizes (an IMIX): packet {@code k} of a run is {@code lengths[k % lengths.length]} bytes long
     * (without FCS), whatever its flow. An IMIX of 7:4:1 is a cycle of 12 lengths with each size repeated by its
     * weight, spread out so no size comes in a long run. One length is the same as {@link #frameLength(int)}.
     *
     * @param lengths 1..{@value #MAX_FRAME_CYCLE} frame lengths, each valid as a {@link #frameLength(int)}.
     */
    public TrafficProfile frameLengths(final int... lengths)
    {
        if (null == lengths || lengths.length == 0 || lengths.length > MAX_FRAME_CYCLE)
        {
            throw new IllegalArgumentException("frameLengths must hold 1.." + MAX_FRAME_CYCLE + " lengths: " +
                (null == lengths ? "null" : lengths.length));
        }
        int longest = 0;
        for (final int length : lengths)
        {
            longest = Math.max(longest, length);
        }
        frameLength(longest);
        this.frameCycle = lengths.length == 1 ? null : lengths.clone();
        return this;
    }

    /** @return the length of every frame, or with {@link #frameLengths(int...)} the longest (what a buffer must hold). */
    public int frameLength()
    {
        return frameLength;
    }

    /** @return a copy of the cycle of frame lengths: one length unless {@link #frameLengths(int...)} set a mix. */
    public int[] frameLengths()
    {
        return null == frameCycle ? new int[] {frameLength} : frameCycle.clone();
    }

    /** @return the mean frame length over the cycle, without FCS. */
    public double meanFrameLength()
    {
        if (null == frameCycle)
        {
            return frameLength;
        }
        long sum = 0;
        for (final int length : frameCycle)
        {
            sum += length;
        }
        return (double)sum / frameCycle.length;
    }

    /** @param ratePps packets per second, 1..{@value #MAX_RATE_PPS}, or {@link #UNPACED}; default 1,000,000. */
    public TrafficProfile ratePps(final long ratePps)
    {
        this.ratePps = ratePps;
        return this;
    }

    public long ratePps()
    {
        return ratePps;
    }

    /** @param burst packets built and offered together, 1..{@value #MAX_BURST}; default 32. */
    public TrafficProfile burst(final int burst)
    {
        this.burst = burst;
        return this;
    }

    public int burst()
    {
        return burst;
    }

    /**
     * @param bursts most bursts one {@code generate} call sends, 1..1024; bounds the work of a call
     *               that runs behind schedule (default 16).
     */
    public TrafficProfile maxBurstsPerCall(final int bursts)
    {
        this.maxBurstsPerCall = bursts;
        return this;
    }

    public int maxBurstsPerCall()
    {
        return maxBurstsPerCall;
    }

    /** @param mac source MAC (unicast, 48 bits). */
    public TrafficProfile srcMac(final long mac)
    {
        this.srcMac = mac;
        return this;
    }

    public long srcMac()
    {
        return srcMac;
    }

    /** @param macs destination MACs, one or more; flow {@code i} goes to {@code macs[i % macs.length]}. */
    public TrafficProfile destinations(final long... macs)
    {
        this.destinations = null == macs ? null : macs.clone();
        return this;
    }

    /** @return a copy of the destination MACs. */
    public long[] destinations()
    {
        return destinations.clone();
    }

    /** @param address IPv4 source address of flow 0, as an int in network order. */
    public TrafficProfile srcIp(final int address)
    {
        this.srcIp = address;
        return this;
    }

    /** @param address IPv4 source address of flow 0 in dotted form. */
    public TrafficProfile srcIp(final String address)
    {
        return srcIp(AddressFormat.parseIpv4(address));
    }

    public int srcIp()
    {
        return srcIp;
    }

    /** @param address IPv4 destination address, as an int in network order. */
    public TrafficProfile dstIp(final int address)
    {
        this.dstIp = address;
        return this;
    }

    /** @param address IPv4 destination address in dotted form. */
    public TrafficProfile dstIp(final String address)
    {
        return dstIp(AddressFormat.parseIpv4(address));
    }

    public int dstIp()
    {
        return dstIp;
    }

    /** @param port UDP source port of flow 0; default 49152 (the dynamic range). */
    public TrafficProfile srcPort(final int port)
    {
        this.srcPort = port;
        return this;
    }

    public int srcPort()
    {
        return srcPort;
    }

    /** @param port UDP destination port of every flow; default 5001. */
    public TrafficProfile dstPort(final int port)
    {
        this.dstPort = port;
        return this;
    }

    public int dstPort()
    {
        return dstPort;
    }

    /** @param count how many source ports flows use before moving to the next source address; default 4096. */
    public TrafficProfile sourcePorts(final int count)
    {
        this.sourcePorts = count;
        return this;
    }

    public int sourcePorts()
    {
        return sourcePorts;
    }

    /** @param base stream id of flow 0 (default 0), so two generators' streams can be told apart. */
    public TrafficProfile streamIdBase(final int base)
    {
        this.streamIdBase = base;
        return this;
    }

    public int streamIdBase()
    {
        return streamIdBase;
    }

    /** @param vlanId 802.1Q VLAN id 0..4094 put in every frame, or -1 (default) for untagged frames. */
    public TrafficProfile vlan(final int vlanId)
    {
        this.vlan = vlanId;
        return this;
    }

    public int vlan()
    {
        return vlan;
    }

    /** @return the shortest frame that holds the headers and the payload header (60, or 64 tagged). */
    public int minimumFrameLength()
    {
        return MIN_FRAME_LENGTH + (vlan >= 0 ? VlanTag.TAG_LENGTH : 0);
    }

    /**
     * Validate every field and derive the frame length if it was not set.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first field refused, e.g. {@code "flows must be 1..1048576: 0"}.
     */
    public TrafficProfile conclude()
    {
        check(flows >= 1 && flows <= MAX_FLOWS, "flows must be 1.." + MAX_FLOWS + ": " + flows);
        check(vlan >= -1 && vlan <= 4094, "vlan must be -1 (untagged) or 0..4094: " + vlan);
        if (!frameLengthSet)
        {
            frameLength = minimumFrameLength();
        }
        check(frameLength >= minimumFrameLength() && frameLength <= MAX_FRAME_LENGTH,
            "frameLength must be " + minimumFrameLength() + ".." + MAX_FRAME_LENGTH +
            (vlan >= 0 ? " with a VLAN tag: " : ": ") + frameLength);
        if (null != frameCycle)
        {
            for (final int length : frameCycle)
            {
                check(length >= minimumFrameLength() && length <= MAX_FRAME_LENGTH,
                    "frameLengths must each be " + minimumFrameLength() + ".." + MAX_FRAME_LENGTH + ": " + length);
            }
        }
        check(ratePps >= 0 && ratePps <= MAX_RATE_PPS,
            "ratePps must be 0 (max) or 1.." + MAX_RATE_PPS + ": " + ratePps);
        check(burst >= 1 && burst <= MAX_BURST, "burst must be 1.." + MAX_BURST + ": " + burst);
        check(maxBurstsPerCall >= 1 && maxBurstsPerCall <= 1024,
            "maxBurstsPerCall must be 1..1024: " + maxBurstsPerCall);
        check(srcMac >= 0 && srcMac <= EthernetHeader.BROADCAST && !EthernetHeader.isMulticast(srcMac),
            "srcMac must be a 48-bit unicast address: 0x" + Long.toHexString(srcMac));
        check(null != destinations && destinations.length >= 1 && destinations.length <= MAX_DESTINATIONS,
            "destinations must hold 1.." + MAX_DESTINATIONS + " MACs: " +
            (null == destinations ? "null" : destinations.length));
        for (final long mac : destinations)
        {
            check(mac >= 0 && mac <= EthernetHeader.BROADCAST,
                "destinations must be 48-bit MACs: 0x" + Long.toHexString(mac));
        }
        check(srcPort >= 0 && srcPort <= 0xFFFF, "srcPort must be 0..65535: " + srcPort);
        check(dstPort >= 0 && dstPort <= 0xFFFF, "dstPort must be 0..65535: " + dstPort);
        check(sourcePorts >= 1 && srcPort + sourcePorts <= 0x10000,
            "sourcePorts must be 1.." + (0x10000 - srcPort) + " (srcPort + sourcePorts - 1 <= 65535): " +
            sourcePorts);
        check(streamIdBase >= 0 && streamIdBase <= Integer.MAX_VALUE - flows + 1,
            "streamIdBase must be 0.." + (Integer.MAX_VALUE - flows + 1) + " for " + flows + " flows: " +
            streamIdBase);
        return this;
    }

    /** @return number of destination MACs, without a copy. */
    int destinationCount()
    {
        return destinations.length;
    }

    /** @return the number of lengths in the frame length cycle (1 without a mix). */
    int frameCycleLength()
    {
        return null == frameCycle ? 1 : frameCycle.length;
    }

    /** @return length {@code index} of the cycle, without a copy. */
    int frameLengthAt(final int index)
    {
        return null == frameCycle ? frameLength : frameCycle[index];
    }

    /** @return destination MAC {@code index}, without a copy. */
    long destination(final int index)
    {
        return destinations[index];
    }

    private static void check(final boolean valid, final String message)
    {
        if (!valid)
        {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString()
    {
        return "TrafficProfile{flows=" + flows + ", frameLength=" + frameLength +
            (null == frameCycle ? "" : ", frameLengths=" + java.util.Arrays.toString(frameCycle)) + ", ratePps=" + ratePps +
            ", burst=" + burst + ", maxBurstsPerCall=" + maxBurstsPerCall +
            ", srcMac=" + AddressFormat.mac(srcMac) + ", destinations=" + destinations.length +
            ", srcIp=" + AddressFormat.ipv4(srcIp) + ", dstIp=" + AddressFormat.ipv4(dstIp) +
            ", srcPort=" + srcPort + ", dstPort=" + dstPort + ", sourcePorts=" + sourcePorts +
            ", streamIdBase=" + streamIdBase + ", vlan=" + vlan + '}';
    }
}
