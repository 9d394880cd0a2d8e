package dev.twinpath.datapath.labfile;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One mapping of a lab file with the keys it may hold, and typed reads of its values. Unknown and
 * repeated keys are reported when the view is made; every read reports a missing, mistyped or
 * out-of-range value at the value's place and returns the default (or {@link Quantities#INVALID} or
 * null for a required value), so reading carries on and every problem gets listed.
 * <p>
 * Used by one reading, on the caller's thread.
 */
final class Fields
{
    /** The {@code dflt} of a read whose key must be present. */
    static final long REQUIRED = Quantities.INVALID;

    private static final int MAX_KEY_SHOWN = 40;

        private final String path;
    private final Mark mark;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new HashMap<>();
    private boolean notMapping;

    private Fields(final String path, final Mark mark, final Problems problems)
    {
        this.path = path;
        this.mark = mark;
        this.problems = problems;
    }

    /**
     * @return a view of {@code node}, or an empty one (all defaults) after reporting that it is not a
     * mapping; an absent or null node gives an empty view without a problem.
     */
    static Fields of(
        final Node node, final Mark parentMark, final String path, final String what, final List<String> allowed,
        final Problems problems)
    {
        if (null == node || LabSchema.isNull(node))
        {
            return new Fields(path, null == node ? parentMark : node.getStartMark(), problems);
        }
        final Fields fields = new Fields(path, node.getStartMark(), problems);
        if (!(node instanceof MappingNode))
        {
            problems.add(path, node, "expected " + what + ", got " + LabSchema.describe(node));
            fields.notMapping = true;
            return fields;
        }
        for (final NodeTuple tuple : ((MappingNode)node).getValue())
        {
            fields.addEntry(tuple, allowed);
        }
        return fields;
    }

    String path()
    {
        return path;
    }

    Mark mark()
    {
        return mark;
    }

    Problems problems()
    {
        return problems;
    }

    String child(final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(final String key)
    {
        return entries.containsKey(key);
    }

    /**
     * @return the value node of {@code key}, or null when absent.
     */
    Node value(final String key)
    {
        final NodeTuple tuple = entries.get(key);
        return null == tuple ? null : tuple.getValueNode();
    }

    /**
     * @return whether the node behind this view was not a mapping (reported once; its keys read as absent
     * without more problems).
     */
    boolean notMapping()
    {
        return notMapping;
    }

    Fields section(final String key, final String what, final List<String> allowed)
    {
        return of(value(key), mark, child(key), what, allowed, problems);
    }

    /**
     * @return the items of a list, empty when the key is absent or null, null after reporting a non-list.
     */
    List<Node> list(final String key, final String what)
    {
        final Node node = value(key);
        if (null == node || LabSchema.isNull(node))
        {
            return List.of();
        }
        if (!(node instanceof SequenceNode))
        {
            problems.add(child(key), node, "expected " + what + ", got " + LabSchema.describe(node));
            return null;
        }
        return ((SequenceNode)node).getValue();
    }

    /**
     * @param dflt   the value when the key is absent; null makes the key required.
     * @param form   what the text must match.
     * @param expect e.g. {@code a name of 1..32 letters, digits, '_', '.' or '-'}.
     * @return the text, or {@code dflt} (null when required) after a problem.
     */
    /**
     * @return the Aeron channel under {@code key} ({@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}), or
     * null when it is left out (a problem is recorded for a bad one).
     */
    String channel(final String key)
    {
        final String value = text(key, "", CHANNEL, "an Aeron channel: aeron:ipc or aeron:udp?endpoint=host:port");
        if (value.isEmpty())
        {
            return null;
        }
        try
        {
            dev.twinpath.datapath.wire.WireContext.checkChannel(value);
            return value;
        }
        catch (final dev.twinpath.datapath.wire.WireConfigurationException ex)
        {
            problems.add(child(key), value(key), ex.getMessage().replaceFirst("^channel: ", ""));
            return null;
        }
    }

    private static final Pattern CHANNEL = Pattern.compile("aeron:\\S+");

    String text(final String key, final String dflt, final Pattern form, final String expect)
    {
        final ScalarNode scalar = scalar(key, null == dflt, expect);
        if (null == scalar)
        {
            return dflt;
        }
        if (!form.matcher(scalar.getValue()).matches())
        {
            problems.add(child(key), scalar, "expected " + expect + ", got " + LabSchema.describe(scalar));
            return dflt;
        }
        return scalar.getValue();
    }

    <E extends Enum<E>> E choice(final String key, final E dflt, final E[] values, final Function<E, String> spelling)
    {
        final StringBuilder expect = new StringBuilder("one of ");
        for (int i = 0; i < values.length; i++)
        {
            expect.append(i == 0 ? "" : ", ").append(spelling.apply(values[i]));
        }
        final ScalarNode scalar = scalar(key, null == dflt, expect.toString());
        if (null == scalar)
        {
            return dflt;
        }
        final String[] spellings = new String[values.length];
        for (int i = 0; i < values.length; i++)
        {
            spellings[i] = spelling.apply(values[i]);
            if (spellings[i].equalsIgnoreCase(scalar.getValue().trim()))
            {
                return values[i];
            }
        }
        problems.add(child(key), scalar,
            "expected " + expect + ", got " + LabSchema.describe(scalar) +
            LabSchema.suggestion(scalar.getValue(), List.of(spellings)));
        return dflt;
    }

    long integer(final String key, final long min, final long max, final long dflt)
    {
        final String expect = "an integer " + min + ".." + max;
        final ScalarNode scalar = scalar(key, dflt == REQUIRED, expect);
        if (null == scalar)
        {
            return dflt;
        }
        final long value = Quantities.parseInteger(scalar.getValue());
        return checked(key, scalar, value, min, max, dflt, expect);
    }

    boolean bool(final String key, final boolean dflt)
    {
        final ScalarNode scalar = scalar(key, false, "true or false");
        if (null == scalar)
        {
            return dflt;
        }
        final String text = scalar.getValue().trim();
        if (Tag.BOOL.equals(scalar.getTag()) || "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text))
        {
            return "true".equalsIgnoreCase(text) || "yes".equalsIgnoreCase(text) || "on".equalsIgnoreCase(text);
        }
        problems.add(child(key), scalar, "expected true or false, got " + LabSchema.describe(scalar));
        return dflt;
    }

    /**
     * @param range e.g. {@code > 0 and at most 24h}.
     */
    long duration(final String key, final long min, final long max, final long dflt, final String range)
    {
        final String expect = "a duration " + range;
        final ScalarNode scalar = scalar(key, dflt == REQUIRED, expect);
        if (null == scalar)
        {
            return dflt;
        }
        final long value = Quantities.parseDurationNanos(scalar.getValue());
        final String form = value == Quantities.INVALID ?
            expect + " such as 500ms, 2s, 1.5s, 250us or 1m (a bare integer is milliseconds)" : expect;
        return checked(key, scalar, value, min, max, dflt, form);
    }

    long rate(final String key, final long max, final long dflt)
    {
        final String expect = "a packet rate 0.." + Quantities.formatRate(max) + " pps";
        final ScalarNode scalar = scalar(key, dflt == REQUIRED, expect);
        if (null == scalar)
        {
            return dflt;
        }
        final long value = Quantities.parseRate(scalar.getValue());
        final String form = value == Quantities.INVALID ? expect + " such as 200000, 200k or 1.5M" : expect;
        return checked(key, scalar, value, 0, max, dflt, form);
    }

    /**
     * @return the scalar value of {@code key}, or null after reporting a missing or non-scalar value
     * (absent optional keys are not a problem).
     */
    ScalarNode scalar(final String key, final boolean required, final String expect)
    {
        final Node node = value(key);
        if (null == node)
        {
            if (required && !notMapping)
            {
                problems.add(child(key), mark, "missing, expected " + expect);
            }
            return null;
        }
        if (!(node instanceof ScalarNode) || LabSchema.isNull(node))
        {
            problems.add(child(key), node, "expected " + expect + ", got " + LabSchema.describe(node));
            return null;
        }
        return (ScalarNode)node;
    }

    private long checked(
        final String key, final ScalarNode scalar, final long value, final long min, final long max, final long dflt,
        final String expect)
    {
        if (value == Quantities.INVALID || value < min || value > max)
        {
            problems.add(child(key), scalar, "expected " + expect + ", got " + LabSchema.describe(scalar));
            return dflt;
        }
        return value;
    }

    private void addEntry(final NodeTuple tuple, final List<String> allowed)
    {
        final Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode) || LabSchema.isNull(keyNode))
        {
            problems.add(path, keyNode, "expected a key name, got " + LabSchema.describe(keyNode));
            return;
        }
        final String key = ((ScalarNode)keyNode).getValue();
        final String shown = key.length() > MAX_KEY_SHOWN ? key.substring(0, MAX_KEY_SHOWN) + "..." : key;
        final NodeTuple first = entries.get(key);
        if (null != first)
        {
            problems.add(child(shown), keyNode,
                "duplicate key " + LabSchema.quoted(key) + " (first at " + Problems.lineOf(first.getKeyNode()) + ")");
        }
        else if (!allowed.contains(key))
        {
            problems.add(child(shown), keyNode, "unknown key " + LabSchema.quoted(key) +
                LabSchema.suggestion(key, allowed) +
                "; allowed keys: " + String.join(", ", allowed));
        }
        else
        {
            entries.put(key, tuple);
        }
    }
}
