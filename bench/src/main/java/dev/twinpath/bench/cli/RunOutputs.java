package dev.twinpath.bench.cli;

import java.nio.file.Path;

/**
 * The files a {@code twinpath run} writes besides what it prints: the summary as JSON, the event log,
 * the report directory and the capture. Each may be null (not asked).
 * <p>
 * Immutable; built and used on the command's thread.
 *
 * @param json    the summary as JSON.
 * @param events  the event log.
 * @param report  the report directory ({@code report.html} and the rest).
 * @param capture the pcapng capture of every adapter's paths, with its bounds.
 */
record RunOutputs(Path json, Path events, Path report, Capture capture)
{
    /** Nothing but what is printed. */
    static final RunOutputs NONE = new RunOutputs(null, null, null, null);

    /**
     * @param file         the pcapng file.
     * @param maxPackets   frames written at most.
     * @param maxBytes     file size at most.
     * @param switchesOnly only frames that arrive while their adapter is in a path switch.
     */
    record Capture(Path file, long maxPackets, long maxBytes, boolean switchesOnly)
    {
    }

    /**
     * Check every output before anything runs: each file writable, the report directory usable (it is created here,
     * so that the other outputs may go in it), no two the same and none the lab file.
     *
     * @throws CliSupport.UsageException naming the option refused.
     */
    RunOutputs check(final Path lab)
    {
        CliFiles.reportDir("--report", report);
        if (report != null)
        {
            try
            {
                java.nio.file.Files.createDirectories(report); // the other outputs may go in it
            }
            catch (final java.io.IOException ex)
            {
                throw new CliSupport.UsageException("--report: cannot create " + report + " (" + ex.getMessage() + ")");
            }
        }
        CliFiles.labAndOutputs(lab, json, events);
        if (capture != null)
        {
            CliFiles.writable("--capture", capture.file());
            CliFiles.distinct("--lab", lab, "--capture", capture.file());
            CliFiles.distinct("--json", json, "--capture", capture.file());
            CliFiles.distinct("--events", events, "--capture", capture.file());
        }
        return this;
    }
}
