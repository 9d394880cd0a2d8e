package dev.twinpath.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code twinpath} command line: the front door of every Twinpath tool. Runs on the main thread.
 */
@Command(name = "twinpath", mixinStandardHelpOptions = true, version = "twinpath 0.1.0",
    description = "Twinpath: an SR-IOV packet datapath engine for the JVM.",
    subcommands = {RunCommand.class, SoakCommand.class, SwitchCommand.class, AdapterCommand.class, VmCommand.class, EventsCommand.class,
        DecodeCommand.class, RssCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class TwinpathCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /** @return the configured command line, with one-line reports of bad option values. */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new TwinpathCommand());
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof CliSupport.UsageException)
            {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return commandLine;
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }
}
