package dev.twinpath.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code twinpath} command line. Owned by the main thread.
 */
@Command(name = "twinpath", mixinStandardHelpOptions = true, version = "twinpath 0.1.0",
    description = "SR-IOV packet datapath engine for the JVM.")
public final class TwinpathCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new TwinpathCommand()).execute(args));
    }
}
