package dev.twinpath.bench.cli;

import dev.twinpath.datapath.event.EventId;
import dev.twinpath.datapath.event.EventLevel;
import dev.twinpath.datapath.event.EventQuery;
import dev.twinpath.datapath.event.SteeringEvent;
import dev.twinpath.datapath.labfile.LabSpec;
import dev.twinpath.datapath.run.FailoverRun;
import dev.twinpath.datapath.run.RunContext;
import dev.twinpath.datapath.run.RunListener;
import dev.twinpath.datapath.run.RunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code twinpath events}: run a lab (its traffic and schedule) and print its event log filtered like
 * {@code Get-WinEvent}: by minimum level, source, subject, id and time. Runs on the main thread.
 */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a lab and print its event log: IOV decisions, VF offers and revokes, data path switches, " +
        "migration phases, MAC moves, refused settings; filtered by level, source, subject, id and time.")
final class EventsCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--lab", paramLabel = "FILE", description = "A lab file (YAML or JSON); default: the built-in lab.")
    Path labFile;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Minimum level: information, warning or error.")
    String level;

    @Option(names = "--source", paramLabel = "NAME",
        description = "Only events of this source, e.g. migration, A/iov, vm1/netvsc, tor1 (a trailing * matches a prefix).")
    String source;

    @Option(names = "--subject", paramLabel = "NAME", description = "Only events about this subject, e.g. vm1, vm1/eth0 (* as above).")
    String subject;

    @Option(names = "--id", paramLabel = "N", description = "Only events of this id (100..124); repeatable.")
    List<String> ids;

    @Option(names = "--since", paramLabel = "TIME", description = "Only events at or after this time from the first one, e.g. 2s.")
    String since;

    @Option(names = "--duration", paramLabel = "TIME", description = "Run this long instead of the lab's duration, e.g. 3s.")
    String duration;

    @Option(names = "--json", description = "One JSON object a line instead of text.")
    boolean json;

    @Override
    public Integer call()
    {
        final EventQuery query = new EventQuery();
        if (level != null)
        {
            try
            {
                query.level(EventLevel.valueOf(level.trim().toUpperCase(Locale.ROOT)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CliSupport.UsageException("--level must be information, warning or error: " + level);
            }
        }
        query.source(source).subject(subject);
        if (ids != null)
        {
            for (final String code : ids)
            {
                query.id(id(code));
            }
        }
        final long sinceNanos = since == null ? 0 : CliSupport.durationNanos(since, "--since");
        final long durationNanos = duration == null ? 0 : CliSupport.runDuration(duration, "--duration");
        final LabSpec labSpec = LabSource.spec(labFile);
        final RunContext context = LabSource.context(labSpec);
        if (duration != null)
        {
            context.duration(durationNanos, TimeUnit.NANOSECONDS);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final RunSummary summary;
        try (StopOnInterrupt stop = StopOnInterrupt.install("events", err))
        {
            // progress on stderr: stdout carries only the events (and JSON lines with --json)
            summary = LabSource.refusedAsUsage(() -> new FailoverRun(context).run(new RunListener()
            {
                @Override
                public void onProgress(final dev.twinpath.datapath.run.RunProgress progress)
                {
                    err.println("running the lab: " + progress.format());
                    err.flush();
                }

                @Override
                public boolean stopRequested()
                {
                    return stop.requested();
                }
            }));
        }
        final List<SteeringEvent> all = summary.events();
        final long origin = all.isEmpty() ? 0 : all.get(0).timeNanos();
        query.between(origin + sinceNanos, Long.MAX_VALUE);
        int shown = 0;
        for (final SteeringEvent e : all)
        {
            if (query.test(e))
            {
                out.println(json ? e.toJson() : e.format(origin));
                shown++;
            }
        }
        if (!json)
        {
            out.printf(Locale.ROOT, "%d of %d events (lab %s: %s)%n", shown, all.size(), labSpec.name(),
                summary.passed() ? "pass" : "FAIL " + summary.problems());
        }
        out.flush();
        return summary.passed() ? 0 : 1;
    }

    private static EventId id(final String text)
    {
        final EventId[] all = EventId.values();
        final int code = CliSupport.intValue(text, "--id", all[0].code(), all[all.length - 1].code(), " (an event id)");
        for (final EventId id : all)
        {
            if (id.code() == code)
            {
                return id;
            }
        }
        throw new CliSupport.UsageException("--id: no event id " + code + " (ids are " + all[0].code() + ".." +
            all[all.length - 1].code() + ")");
    }
}
