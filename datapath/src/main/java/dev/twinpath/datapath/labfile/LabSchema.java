package dev.twinpath.datapath.labfile;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The lab file's keys, limits and name forms in one place (docs/lab-files.md is their prose), and
 * how messages show values and suggest keys.
 * <p>
 * Stateless, any thread.
 */
final class LabSchema
{
    static final List<String> ROOT_KEYS =
        List.of("name", "duration", "warmup", "threading", "traffic", "tor", "hosts", "vms", "schedule");
    static final List<String> TRAFFIC_KEYS = List.of("rate", "guestRate", "flows", "frameSize");
    static final List<String> TOR_KEYS = List.of("name", "channel");
    static final List<String> HOST_KEYS = List.of("name", "platform", "switch", "channel");
    static final List<String> PLATFORM_KEYS = List.of("preset", "nic", "bios", "ioRemapping", "acs");
    static final List<String> NIC_KEYS = List.of("sriov", "vfs", "queuePairsPerVf");
    static final List<String> BIOS_KEYS = List.of("sriov", "osControlsPcie");
    static final List<String> IO_REMAPPING_KEYS = List.of("present", "erratum");
    static final List<String> SWITCH_KEYS = List.of("name", "enableIov");
    static final List<String> VM_KEYS = List.of("name", "host", "mac", "adapters", "team");
    static final List<String> ADAPTER_KEYS = List.of("name", "iovWeight", "queuePairs");
    static final List<String> TEAM_KEYS = List.of("name", "mode", "members");
    /** Fault keys: see {@link FaultEntries}. */
    static final List<String> FAULT_KEYS = List.of("surpriseRemove", "loseControl", "delayControl", "fillControlRing",
        "stallGuest", "exhaustPool", "hostDown", "hostUp");
    static final List<String> ACTION_KEYS = List.of("migrate", "revokeVf", "offerVf", "setIovWeight", "linkDown", "linkUp",
        "surpriseRemove", "loseControl", "delayControl", "fillControlRing", "stallGuest", "exhaustPool", "hostDown", "hostUp");

    static final long MAX_DURATION_NANOS = TimeUnit.HOURS.toNanos(24);
    static final long MAX_RATE_PPS = 100_000_000;
    static final int MAX_FLOWS = 65_536;
    static final int MIN_FRAME_SIZE = 60;
    static final int MAX_FRAME_SIZE = 9_000;
    static final int MAX_HOSTS = 16;
    static final int MAX_VMS = 256;
    static final int MAX_ADAPTERS = 8;
    static final int MAX_VFS = 256;
    static final int MAX_QUEUE_PAIRS = 16;
    static final int MAX_IOV_WEIGHT = 100;

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    static final String NAME_FORM = "a name of 1..32 letters, digits, '_', '.' or '-'";
    static final Pattern LAB_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final String LAB_NAME_FORM = "a name of 1..64 letters, digits, '_', '.' or '-'";
    static final Pattern SWITCH_NAME = Pattern.compile("[A-Za-z0-9_.() -]{1,64}");
    static final String SWITCH_NAME_FORM = "a name of 1..64 letters, digits, spaces, '_', '.', '-', '(' or ')'";

    private static final int MAX_SHOWN = 40;
    private static final int MAX_LISTED = 10;

    private LabSchema()
    {
    }

    /**
     * @return the keys a schedule entry of {@code action} may hold.
     */
    static List<String> scheduleKeys(final String action)
    {
        switch (action)
        {
            case "migrate":
                return List.of("at", action, "to");
            case "setIovWeight":
                return List.of("at", action, "weight", "adapter");
            case "surpriseRemove":
                return List.of("at", action, "adapter", "afterFrames");
            case "loseControl", "fillControlRing":
                return List.of("at", action, "adapter", "direction", "count");
            case "delayControl":
                return List.of("at", action, "adapter", "direction", "count", "delay");
            case "stallGuest":
                return List.of("at", action, "duration");
            case "exhaustPool", "hostUp":
                return List.of("at", action);
            case "hostDown":
                return List.of("at", action, "during");
            default:
                return List.of("at", action, "adapter");
        }
    }

    /**
     * @return e.g. {@code A, B, C}, shortened after ten names.
     */
    static String listed(final Collection<String> names)
    {
        final StringBuilder sb = new StringBuilder();
        int count = 0;
        for (final String name : names)
        {
            if (count == MAX_LISTED)
            {
                return sb.append(", ... (").append(names.size()).append(" in all)").toString();
            }
            sb.append(count++ == 0 ? "" : ", ").append(name);
        }
        return sb.toString();
    }

    static boolean isNull(final Node node)
    {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /**
     * @return how a message shows a value: its text quoted and shortened, or what kind of node it is.
     */
    static String describe(final Node node)
    {
        if (node instanceof ScalarNode)
        {
            if (isNull(node))
            {
                return "nothing";
            }
            return quoted(((ScalarNode)node).getValue());
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    /**
     * @return the text in quotes, control characters escaped, shortened after 40 characters.
     */
    static String quoted(final String text)
    {
        final String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
        return "'" + shown.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }

    /**
     * @param kind e.g. {@code host}.
     * @return e.g. {@code no host named 'D' (did you mean 'B'?); hosts: A, B, C}.
     */
    static String noSuch(final String kind, final String name, final Collection<String> names)
    {
        return "no " + kind + " named " + quoted(name) + suggestion(name, names) +
            (names.isEmpty() ? "; the lab has no valid " + kind + "s" : "; " + kind + "s: " + listed(names));
    }

    /**
     * @return {@code " (did you mean 'x'?)"} when exactly one candidate is closest and within 2 edits (1 for
     * words of 2 or 3 characters, none for 1 character, where any guess is a coin toss), else "".
     */
    static String suggestion(final String word, final Collection<String> candidates)
    {
        if (word.length() > MAX_SHOWN)
        {
            return "";
        }
        final int limit = Math.min(2, word.length() / 2);
        String best = null;
        int bestDistance = limit + 1;
        boolean tie = false;
        for (final String candidate : candidates)
        {
            final int distance = Quantities.editDistance(word, candidate, limit);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
                tie = false;
            }
            else if (distance == bestDistance)
            {
                tie = true;
            }
        }
        return null == best || tie || bestDistance > limit ? "" : " (did you mean '" + best + "'?)";
    }
}
