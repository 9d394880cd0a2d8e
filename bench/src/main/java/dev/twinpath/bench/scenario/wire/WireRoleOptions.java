package dev.twinpath.bench.scenario.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one process of suite {@code wire-proc} does, as the parent passes it on the child's command line
 * ({@code key=value} arguments, {@link #toArgs()} and {@link #parse(String[])} are the two halves).
 * <p>
 * Immutable, any thread.
 *
 * @param role           A (sender), TOR (relay) or B (receiver).
 * @param path           the Twinpath wire, or a raw Aeron baseline.
 * @param ratePps        64-byte frames per second A sends on a constant-rate schedule; 0 for as fast as the wire takes.
 * @param transport      the transport and its message size.
 * @param in             channel this process receives on (ToR, B), or null.
 * @param out            channel this process sends on (A, ToR), or null.
 * @param aeronDirectory the shared media driver's directory (IPC), or null for an embedded driver.
 * @param warmupNanos    warm-up after the start time.
 * @param measureNanos   measurement window after the warm-up; A stops sending at its end.
 * @param lifetimeNanos  longest the process lives, whatever happens to its parent.
 */
public record WireRoleOptions(Role role, WirePath path, long ratePps, WireTransport transport, String in, String out,
    String aeronDirectory, long warmupNanos, long measureNanos, long lifetimeNanos)
{
    /** Stream of A → ToR. */
    public static final int STREAM_A_TO_TOR = 4301;
    /** Stream of ToR → B. */
    public static final int STREAM_TOR_TO_B = 4302;

    /** The three processes. */
    public enum Role
    {
        /** Host A: sends frames stamped with a sequence number and their (intended) send time. */
        A,
        /** The top-of-rack process: relays what A sends to B. */
        TOR,
        /** Host B: counts, checks the order, records latency. */
        B
    }

    /** @return true for a raw Aeron baseline. */
    public boolean raw()
    {
        return path.raw();
    }

    /**
     * @return raw messages a poll takes at most (ToR, B): as many frames as 16 full batches, since the wire's receiver
     * takes 16 batches a poll.
     */
    public int rawFragmentLimit()
    {
        return 16 * transport.framesPerBatch() / path.framesPerUnit(transport);
    }

    /** @return raw messages A claims per duty cycle at most, unpaced: as many frames as the wire's sender gets a burst. */
    public int rawBurst()
    {
        return transport.burst() / path.framesPerUnit(transport);
    }

    /** @return the child's arguments. */
    public List<String> toArgs()
    {
        final List<String> args = new ArrayList<>();
        args.add("role=" + role.name());
        args.add("path=" + path.label());
        args.add("rate=" + ratePps);
        args.add("transport=" + transport.label());
        if (in != null)
        {
            args.add("in=" + in);
        }
        if (out != null)
        {
            args.add("out=" + out);
        }
        if (aeronDirectory != null)
        {
            args.add("aeron-dir=" + aeronDirectory);
        }
        args.add("warmup=" + warmupNanos);
        args.add("measure=" + measureNanos);
        args.add("lifetime=" + lifetimeNanos);
        return args;
    }

    /**
     * @return the options of {@code args}.
     * @throws IllegalArgumentException naming the argument that is missing or bad.
     */
    public static WireRoleOptions parse(final String[] args)
    {
        final Map<String, String> values = new HashMap<>();
        for (final String arg : args)
        {
            final int eq = arg.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        final WirePath path = WirePath.of(required(values, "path"));
        final Role role;
        try
        {
            role = Role.valueOf(required(values, "role"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("role: '" + values.get("role") + "' is none of A, TOR, B");
        }
        final WireRoleOptions options = new WireRoleOptions(role, path, number(values, "rate"),
            WireTransport.of(required(values, "transport")), values.get("in"), values.get("out"), values.get("aeron-dir"),
            number(values, "warmup"), number(values, "measure"), number(values, "lifetime"));
        if (role != Role.A && options.in == null || role != Role.B && options.out == null)
        {
            throw new IllegalArgumentException("in/out: role " + role + " needs " + (role == Role.A ? "out" :
                role == Role.B ? "in" : "in and out"));
        }
        return options;
    }

    private static String required(final Map<String, String> values, final String key)
    {
        final String value = values.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException(key + ": missing");
        }
        return value;
    }

    private static long number(final Map<String, String> values, final String key)
    {
        final String text = required(values, key);
        try
        {
            final long value = Long.parseLong(text);
            if (value < 0)
            {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a number >= 0");
        }
    }

    /** @return true when A paces itself on a constant-rate schedule. */
    public boolean paced()
    {
        return ratePps > 0;
    }

    /** @return the stream the process receives on. */
    public int inStream()
    {
        return role == Role.TOR ? STREAM_A_TO_TOR : STREAM_TOR_TO_B;
    }

    /** @return the stream the process sends on. */
    public int outStream()
    {
        return role == Role.A ? STREAM_A_TO_TOR : STREAM_TOR_TO_B;
    }
}
