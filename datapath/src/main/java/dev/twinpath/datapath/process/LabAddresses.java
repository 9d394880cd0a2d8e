package dev.twinpath.datapath.process;

import dev.twinpath.datapath.labfile.HostSpec;
import dev.twinpath.datapath.labfile.LabSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each process of a lab listens and which Aeron stream carries what between them. Every process has one
 * channel it subscribes on: the lab file's {@code tor.channel} and {@code hosts[i].channel}, or, when the file
 * gives none, {@code aeron:udp?endpoint=localhost:<base + k>} (the rack at {@code base}, host {@code i} at
 * {@code base + 1 + i}). Stream ids are unique lab-wide, so the same numbering works over {@code aeron:ipc}, where
 * every process shares one media driver:
 * <pre>
 *   1000 + i   host i's uplink frames      host i  -> rack   (rack's channel)
 *   1099       control to the rack         any host -> rack  (rack's channel)
 *   1100 + i   host i's downlink frames    rack    -> host i (host i's channel)
 *   1200 + i   control to host i           rack    -> host i (host i's channel)
 *   1300 + i   frames forwarded to host i  a migration's source host -> host i (host i's channel)
 * </pre>
 * Immutable, any thread.
 */
public final class LabAddresses
{
    /** The default first UDP port: the rack's; host {@code i} listens on {@code base + 1 + i}. */
    public static final int DEFAULT_PORT_BASE = 40_700;
    static final int UPLINK = 1000;
    static final int CONTROL_TO_RACK = 1099;
    static final int DOWNLINK = 1100;
    static final int CONTROL_TO_HOST = 1200;
    static final int FORWARD = 1300;

    private final String rackChannel;
    private final List<String> hostNames = new ArrayList<>();
    private final List<String> hostChannels = new ArrayList<>();

    /**
     * @param spec     the lab file.
     * @param portBase the first UDP port when the file gives no channels, in [1024, 65535 - hosts - 1].
     * @throws IllegalArgumentException naming {@code portBase} when out of range.
     */
    public LabAddresses(final LabSpec spec, final int portBase)
    {
        if (portBase < 1024 || portBase + spec.hosts().size() + 1 > 65_535)
        {
            throw new IllegalArgumentException("portBase: " + portBase + " must be in [1024, " +
                (65_535 - spec.hosts().size() - 1) + "] (the rack's UDP port; host i uses portBase + 1 + i)");
        }
        rackChannel = spec.tor().channel() != null ? spec.tor().channel() : udp(portBase);
        for (int i = 0; i < spec.hosts().size(); i++)
        {
            final HostSpec host = spec.hosts().get(i);
            hostNames.add(host.name());
            hostChannels.add(host.channel() != null ? host.channel() : udp(portBase + 1 + i));
        }
    }

    private static String udp(final int port)
    {
        return "aeron:udp?endpoint=localhost:" + port;
    }

    /** @return where the rack process listens. */
    public String rackChannel()
    {
        return rackChannel;
    }

    /** @return the hosts' names, in lab-file order (host {@code i}). */
    public List<String> hostNames()
    {
        return List.copyOf(hostNames);
    }

    /** @return where host {@code i} listens. */
    public String hostChannel(final int host)
    {
        return hostChannels.get(host);
    }

    /** @return the index of the host named {@code name}. @throws IllegalArgumentException naming the hosts there are. */
    public int hostIndex(final String name)
    {
        final int i = hostNames.indexOf(name);
        if (i < 0)
        {
            throw new IllegalArgumentException("--name: no host '" + name + "' in the lab; hosts: " + hostNames);
        }
        return i;
    }

    /** @return true when every process listens on {@code aeron:ipc}: they share one media driver. */
    public boolean ipc()
    {
        return rackChannel.startsWith("aeron:ipc");
    }

    /**
     * @return the wire's MTU for this lab: 8 KiB when every process is on this machine (ipc, or udp to a loopback
     * address: six times fewer messages for the same frames, nothing fragments), else Aeron's default 1,408 (fits a
     * 1,500-byte network without IP fragments).
     */
    public int mtu()
    {
        boolean local = loopback(rackChannel);
        for (final String channel : hostChannels)
        {
            local &= loopback(channel);
        }
        return local ? LOCAL_MTU : new dev.twinpath.datapath.wire.WireContext().mtu();
    }

    /** The MTU of a lab whose processes all run on one machine. */
    public static final int LOCAL_MTU = 8192;

    private static boolean loopback(final String channel)
    {
        if (channel.startsWith("aeron:ipc"))
        {
            return true;
        }
        final String endpoint = io.aeron.ChannelUri.parse(channel).get(io.aeron.CommonContext.ENDPOINT_PARAM_NAME);
        final String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    static int uplink(final int host)
    {
        return UPLINK + host;
    }

    static int downlink(final int host)
    {
        return DOWNLINK + host;
    }

    static int controlToHost(final int host)
    {
        return CONTROL_TO_HOST + host;
    }

    static int forwardTo(final int host)
    {
        return FORWARD + host;
    }
}
