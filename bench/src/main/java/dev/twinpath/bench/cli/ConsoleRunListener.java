package dev.twinpath.bench.cli;

import dev.twinpath.datapath.capture.PathCapture;
import dev.twinpath.datapath.lab.Lab;
import dev.twinpath.datapath.run.RunListener;
import dev.twinpath.datapath.run.RunProgress;

import java.io.PrintWriter;

/**
 * What {@code twinpath run} does while a run goes on: prints each note and progress line, taps the lab
 * for the capture when one was asked, and stops the run when Ctrl-C asked for it.
 * <p>
 * Called on the run's control thread (the command's thread).
 */
final class ConsoleRunListener implements RunListener
{
    private final PrintWriter out;
    private final StopOnInterrupt stop;
    private final PathCapture capture;

    /** @param capture the capture to attach to the measured run's lab, or null. */
    ConsoleRunListener(final PrintWriter out, final StopOnInterrupt stop, final PathCapture capture)
    {
        this.out = out;
        this.stop = stop;
        this.capture = capture;
    }

    @Override
    public boolean stopRequested()
    {
        return stop.requested();
    }

    @Override
    public void onLabReady(final Lab lab)
    {
        if (capture != null)
        {
            capture.attach(lab);
            capture.start();
        }
    }

    @Override
    public void onNote(final String note)
    {
        out.println(note);
        out.flush();
    }

    @Override
    public void onProgress(final RunProgress progress)
    {
        out.println(progress.format());
        out.flush();
    }
}
