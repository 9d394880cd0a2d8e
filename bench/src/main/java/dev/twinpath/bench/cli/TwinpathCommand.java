package dev.twinpath.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code twinpath} command line: the front door of every Twinpath tool. Runs on the main thread.
 */
@Command(name = "twinpath", mixinStandardHelpOptions = true, version = "twinpath 0.1.0",
    description = "Twinpath: an SR-IOV packet datapath engine for the JVM.",
    subcommands = {RunCommand.class, SoakCommand.class, SwitchCommand.class, AdapterCommand.class, VmCommand.class, EventsCommand.class,
        StatCommand.class, DecodeCommand.class, RssCommand.class, BenchCommand.class, Rfc2544Command.class,
        Rfc2889Command.class, HostCommand.class, TorCommand.class, CommandLine.HelpCommand.class})
public final class TwinpathCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /**
     * @return the configured command line: a bad option value, an unknown option, a missing value or subcommand are
     * each reported on one line naming the option, with exit code 2 and no stack trace.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new TwinpathCommand());
        commandLine.setParameterExceptionHandler(TwinpathCommand::parameterError);
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

    /** One line instead of picocli's message and the whole usage: {@code twinpath run: Unknown option: '--vmz'; ...}. */
    private static int parameterError(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        final String name = cmd.getCommandSpec().qualifiedName();
        final StringBuilder line = new StringBuilder(name).append(": ").append(ex.getMessage().strip());
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty())
        {
            line.append("; did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append('?');
        }
        else if (ex.getMessage().startsWith("Missing required subcommand"))
        {
            line.append(": ").append(String.join(", ", cmd.getCommandSpec().subcommands().keySet().stream()
                .filter(sub -> !sub.equals("help")).toList()));
        }
        cmd.getErr().println(line.append(" (see ").append(name).append(" --help)"));
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }
}
