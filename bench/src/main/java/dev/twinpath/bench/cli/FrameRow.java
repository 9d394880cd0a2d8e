package dev.twinpath.bench.cli;

import dev.twinpath.packet.codec.AddressFormat;
import dev.twinpath.packet.parse.ParsedFrame;
import dev.twinpath.packet.rss.FlowKey;
import dev.twinpath.packet.rss.RssHasher;

/**
 * One output row of {@code twinpath decode}: the fields of a parsed frame as text, in the column
 * order of {@link #COLUMNS}. Empty strings stand for absent fields (as tshark leaves them empty).
 * <p>
 * Not thread-safe: owned by the decoding thread; reused for every frame.
 */
final class FrameRow
{
    static final String[] COLUMNS = {
        "frame", "caplen", "len", "eth_src", "eth_dst", "vlan", "ethertype", "ip_src", "ip_dst", "ip_proto", "frag",
        "src_port", "dst_port", "status", "rss", "rss_ip"};

    /** Columns whose JSON value is a number (or null when empty). */
    private static final boolean[] NUMERIC = {
        true, true, true, false, false, false, false, false, false, true, true, true, true, false, false, false};

    final String[] values = new String[COLUMNS.length];
    private final StringBuilder sb = new StringBuilder(64);

    /**
     * Fill the row.
     *
     * @param number frame number, 1 based.
     * @param key    the frame's flow key ({@link ParsedFrame#flowKey(FlowKey)}).
     * @param frame  the parse result.
     * @param rss    hashes the key: the 4-tuple when it has ports and is not a fragment, and the 2-tuple.
     */
    void fill(final long number, final FlowKey key, final ParsedFrame frame, final RssHasher rss)
    {
        values[0] = Long.toString(number);
        values[1] = Integer.toString(frame.capturedLength());
        values[2] = Integer.toString(frame.wireLength());
        final boolean ethernet = frame.l2Offset() != ParsedFrame.NONE;
        values[3] = ethernet ? AddressFormat.mac(frame.ethSrc()) : "";
        values[4] = ethernet ? AddressFormat.mac(frame.ethDst()) : "";
        sb.setLength(0);
        for (int i = 0; i < frame.vlanCount(); i++)
        {
            sb.append(i > 0 ? "," : "").append(frame.vlanId(i));
        }
        values[5] = sb.toString();
        values[6] = frame.etherType() == ParsedFrame.NONE ? "" : String.format("0x%04x", frame.etherType());
        final boolean ip = hasAddresses(frame);
        values[7] = ip ? address(frame, true) : "";
        values[8] = ip ? address(frame, false) : "";
        values[9] = ip && frame.ipProtocol() != ParsedFrame.NONE ? Integer.toString(frame.ipProtocol()) : "";
        values[10] = ip ? (frame.isFragment() ? "1" : "0") : "";
        values[11] = frame.hasPorts() ? Integer.toString(frame.srcPort()) : "";
        values[12] = frame.hasPorts() ? Integer.toString(frame.dstPort()) : "";
        values[13] = frame.status().code();
        values[14] = key.hasPorts() && !key.fragment() ? String.format("%08x", rss.hash4Tuple(key)) : "";
        values[15] = ip ? String.format("%08x", rss.hash2Tuple(key)) : "";
    }

    /** @return true when the parser got as far as the IP addresses. */
    static boolean hasAddresses(final ParsedFrame frame)
    {
        return frame.ipVersion() != 0;
    }

    private static String address(final ParsedFrame frame, final boolean source)
    {
        if (frame.ipVersion() == 4)
        {
            return AddressFormat.ipv4(source ? frame.ipv4Src() : frame.ipv4Dst());
        }
        return source ? AddressFormat.ipv6(frame.srcHi(), frame.srcLo()) : AddressFormat.ipv6(frame.dstHi(), frame.dstLo());
    }

    static String tsvHeader()
    {
        return String.join("\t", COLUMNS);
    }

    String tsv()
    {
        return String.join("\t", values);
    }

    String json()
    {
        sb.setLength(0);
        sb.append('{');
        for (int i = 0; i < COLUMNS.length; i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append('"').append(COLUMNS[i]).append("\":");
            final String v = values[i];
            if (i == 5)
            {
                sb.append('[').append(v).append(']');
            }
            else if (NUMERIC[i])
            {
                sb.append(v.isEmpty() ? "null" : v);
            }
            else
            {
                sb.append('"').append(v).append('"');
            }
        }
        return sb.append('}').toString();
    }
}
