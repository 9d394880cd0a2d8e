package dev.twinpath.datapath.labfile;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a lab file, YAML or JSON (JSON is YAML's flow style, so one parser serves {@code .yaml},
 * {@code .yml} and {@code .json}), into a {@link LabSpec}, or refuses it with a {@link LabFileException}
 * that lists every problem found, each with its path, line and column. The file is read through
 * SnakeYAML's node tree, never bound to objects, and under limits that a hostile file cannot get
 * around: {@value #MAX_CHARS} characters, {@value #MAX_ALIASES} aliases of lists or mappings,
 * {@value #MAX_NESTING} levels of nesting.
 * <p>
 * Stateless, any thread.
 */
public final class LabFileReader
{
    /** The most characters a lab file may hold. */
    public static final int MAX_CHARS = 1 << 20;
    /** The most aliases ({@code *name}) of lists or mappings: enough to share a platform, too few for an alias bomb. */
    public static final int MAX_ALIASES = 10;
    /** The deepest nesting of lists and mappings. */
    public static final int MAX_NESTING = 50;
    /** The examples shipped on the class path under {@code labs/}, also in the repository's {@code examples/labs/}. */
    public static final List<String> EXAMPLES = List.of("migration.yaml", "seed-host.json", "teaming.yaml", "faults.yaml", "processes.yaml");

    private LabFileReader()
    {
    }

    /**
     * @param path a {@code .yaml}, {@code .yml} or {@code .json} lab file, UTF-8.
     * @return the lab it describes.
     * @throws LabFileException when the file cannot be read or describes no valid lab.
     */
    public static LabSpec read(final Path path)
    {
        final Path fileNamePath = path.getFileName();
        final String fileName = null == fileNamePath ? path.toString() : fileNamePath.toString();
        final byte[] bytes;
        try
        {
            // UTF-8 takes at most 4 bytes a character: a bigger file is refused before it is read
            if (Files.size(path) > 4L * MAX_CHARS)
            {
                throw refuse(fileName, "the file is " + Files.size(path) + " bytes; a lab file holds at most " +
                    MAX_CHARS + " characters");
            }
            bytes = Files.readAllBytes(path);
        }
        catch (final IOException ex)
        {
            throw refuse(fileName, "cannot read the file: " + ex);
        }
        return parse(decode(bytes, fileName), fileName);
    }

    /**
     * @param fileName one of {@link #EXAMPLES}.
     * @return the lab that example describes, read from the class path.
     * @throws LabFileException when there is no such example.
     */
    public static LabSpec example(final String fileName)
    {
        try (InputStream in = LabFileReader.class.getResourceAsStream("/labs/" + fileName))
        {
            if (null == in || !EXAMPLES.contains(fileName))
            {
                throw refuse(fileName, "no such example; examples: " + String.join(", ", EXAMPLES));
            }
            return parse(decode(in.readNBytes(4 * MAX_CHARS), fileName), fileName);
        }
        catch (final IOException ex)
        {
            throw refuse(fileName, "cannot read the example: " + ex);
        }
    }

    /**
     * @param text     the lab file's text, YAML or JSON.
     * @param fileName the name that prefixes each problem and, without its extension, names a lab that
     *                 gives no {@code name}; e.g. {@code lab.yaml}.
     * @return the lab the text describes.
     * @throws LabFileException listing every problem found (up to a cap), in file order.
     */
    public static LabSpec parse(final String text, final String fileName)
    {
        final String name = null == fileName || fileName.isEmpty() ? "lab" : fileName;
        if (text.length() > MAX_CHARS)
        {
            throw refuse(name, "the text has " + text.length() + " characters; a lab file holds at most " + MAX_CHARS);
        }
        final Problems problems = new Problems();
        final Node root = compose(text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
        LabSpec lab = null;
        if (problems.isEmpty())
        {
            if (null == root)
            {
                problems.add("", (Mark)null, "the file is empty; a lab needs at least duration, hosts and vms");
            }
            else
            {
                lab = lab(root, defaultName(name), problems);
            }
        }
        if (!problems.isEmpty())
        {
            throw new LabFileException(name, problems.sorted());
        }
        return lab;
    }

    private static LabSpec lab(final Node node, final String defaultName, final Problems problems)
    {
        final Fields root = Fields.of(node, node.getStartMark(), "",
            "a mapping of lab keys (" + String.join(", ", LabSchema.ROOT_KEYS) + ")", LabSchema.ROOT_KEYS, problems);
        if (root.notMapping())
        {
            return null;
        }
        final String name = root.text("name", defaultName, LabSchema.LAB_NAME, LabSchema.LAB_NAME_FORM);
        final long duration = root.duration(
            "duration", 1, LabSchema.MAX_DURATION_NANOS, Fields.REQUIRED,
            "> 0 and at most " + Quantities.formatDuration(LabSchema.MAX_DURATION_NANOS));
        final long warmup = duration == Quantities.INVALID ?
            root.duration("warmup", 0, LabSchema.MAX_DURATION_NANOS, 0, "of 0 or more") :
            root.duration("warmup", 0, duration - 1, 0, "in [0s, " + Quantities.formatDuration(duration) +
            "), shorter than the run");
        final LabThreading threading = root.choice(
            "threading", LabThreading.TWO, LabThreading.values(), LabThreading::key);
        final Fields traffic = root.section("traffic", "a traffic mapping", LabSchema.TRAFFIC_KEYS);
        final TrafficSpec trafficSpec = new TrafficSpec(
            traffic.rate("rate", LabSchema.MAX_RATE_PPS, TrafficSpec.DEFAULT_RATE_PPS),
            traffic.rate("guestRate", LabSchema.MAX_RATE_PPS, 0),
            (int)traffic.integer("flows", 1, LabSchema.MAX_FLOWS, TrafficSpec.DEFAULT_FLOWS),
            (int)traffic.integer(
                "frameSize", LabSchema.MIN_FRAME_SIZE, LabSchema.MAX_FRAME_SIZE, TrafficSpec.DEFAULT_FRAME_SIZE));
        final Fields tor = root.section("tor", "a top-of-rack switch mapping", LabSchema.TOR_KEYS);
        final TorSpec torSpec = new TorSpec(tor.text("name", TorSpec.DEFAULT_NAME, LabSchema.NAME, LabSchema.NAME_FORM),
            tor.channel("channel"));
        final Map<String, Node> channelNodes = new java.util.HashMap<>();
        final Map<String, HostSpec> hosts = HostsReader.read(root, channelNodes);
        final Map<String, VmSpec> vms = VmsReader.read(root, hosts);
        final List<ScheduleAction> schedule = ScheduleReader.read(root, duration, hosts, vms);
        HostsReader.checkChannels(root, tor, torSpec, hosts, channelNodes);
        if (!problems.isEmpty())
        {
            return null;
        }
        return new LabSpec(name, duration, warmup, threading, trafficSpec, torSpec,
            new ArrayList<>(hosts.values()), new ArrayList<>(vms.values()), schedule);
    }

    private static Node compose(final String text, final Problems problems)
    {
        final LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        final DumperOptions dumperOptions = new DumperOptions();
        final Yaml yaml = new Yaml(
            new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options);
        try
        {
            return yaml.compose(new StringReader(text));
        }
        catch (final MarkedYAMLException ex)
        {
            problems.add("", null != ex.getProblemMark() ? ex.getProblemMark() : ex.getContextMark(), syntaxMessage(ex));
        }
        catch (final YAMLException ex)
        {
            problems.add("", (Mark)null, limitMessage(String.valueOf(ex.getMessage())));
        }
        return null;
    }

    /**
     * @return SnakeYAML's problem, with its context: "expected a single document in the stream, but found
     * another document", or "expected ',' or ']', but got &lt;stream end&gt; (while parsing a flow sequence
     * at line 2, column 8)".
     */
    private static String syntaxMessage(final MarkedYAMLException ex)
    {
        final String problem = String.valueOf(ex.getProblem());
        final String context = ex.getContext();
        final Mark contextMark = ex.getContextMark();
        final String message;
        if (null == context)
        {
            message = problem;
        }
        else if (!context.startsWith("while"))
        {
            message = context + ", " + problem;
        }
        else if (null != contextMark && contextMark != ex.getProblemMark())
        {
            message = problem + " (" + context + " at line " + (contextMark.getLine() + 1) + ", column " +
                (contextMark.getColumn() + 1) + ")";
        }
        else
        {
            message = problem + " (" + context + ")";
        }
        return "not valid YAML or JSON: " + message;
    }

    private static String limitMessage(final String message)
    {
        if (message.contains("Number of aliases"))
        {
            return "the file uses more than " + MAX_ALIASES + " aliases (*name) of lists or mappings; " +
                "a lab file may use at most " + MAX_ALIASES + " (a guard against alias bombs)";
        }
        if (message.contains("Nesting Depth"))
        {
            return "the file nests lists or mappings more than " + MAX_NESTING + " levels deep";
        }
        if (message.contains("exceeds the limit"))
        {
            return "the file holds more than " + MAX_CHARS + " characters";
        }
        return "not valid YAML or JSON: " + message;
    }

    private static String decode(final byte[] bytes, final String fileName)
    {
        try
        {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw refuse(fileName, "the file is not UTF-8 text");
        }
    }

    private static String defaultName(final String fileName)
    {
        final String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        final int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static LabFileException refuse(final String fileName, final String message)
    {
        return new LabFileException(fileName, List.of(new LabFileProblem("", 0, 0, message)));
    }
}
