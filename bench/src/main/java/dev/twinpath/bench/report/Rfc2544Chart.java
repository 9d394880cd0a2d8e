package dev.twinpath.bench.report;

import dev.twinpath.datapath.rfc2544.FrameSize;
import dev.twinpath.datapath.rfc2544.Rfc2544Result;
import dev.twinpath.datapath.rfc2544.SizeResult;
import dev.twinpath.datapath.rfc2544.TestedPath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chart of {@code twinpath rfc2544 --chart FILE}: NDR and PDR in Mpps against frame size, one line
 * each per path, written as PNG or SVG (by the file's extension).
 * <p>
 * Stateless; built and written on the command's thread.
 */
public final class Rfc2544Chart
{
    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;

    private Rfc2544Chart()
    {
    }

    /** @return the chart of {@code result}: x is the frame sizes in the order tested, y Mpps. */
    public static LineChart of(final Rfc2544Result result)
    {
        final List<FrameSize> sizes = result.settings().frameSizes();
        final List<LineChart.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++)
        {
            ticks.add(new LineChart.Tick(i, sizes.get(i).name()));
        }
        final LineChart chart = new LineChart(String.format(Locale.ROOT,
            "RFC 2544 throughput (trials of %.1f s, PDR at %s %% loss)", result.settings().trialNanos() / 1e9,
            LineChart.number(result.settings().pdrLoss() * 100)), "frame size (bytes on the wire, FCS included)",
            "Mpps").xTicks(ticks);
        for (final TestedPath path : result.settings().paths())
        {
            final double[] xs = new double[sizes.size()];
            final double[] ndr = new double[sizes.size()];
            final double[] pdr = new double[sizes.size()];
            for (int i = 0; i < sizes.size(); i++)
            {
                xs[i] = i;
                ndr[i] = Double.NaN;
                pdr[i] = Double.NaN;
                for (final SizeResult r : result.resultsOf(path))
                {
                    if (r.size().equals(sizes.get(i)))
                    {
                        ndr[i] = r.ndrMpps();
                        pdr[i] = r.pdrMpps();
                    }
                }
            }
            final boolean vf = path == TestedPath.VF;
            chart.add(new LineChart.Series(path.label() + " NDR", vf ? RunCharts.VF : RunCharts.SYNTHETIC, xs, ndr));
            chart.add(new LineChart.Series(path.label() + " PDR", vf ? 0x9EC9E2 : 0xFDBF86, xs, pdr));
        }
        return chart;
    }

    /** Write the chart of {@code result} to {@code file}: SVG when its name ends in {@code .svg}, else PNG. */
    public static void write(final Rfc2544Result result, final Path file) throws IOException
    {
        final LineChart chart = of(result);
        final byte[] bytes = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg") ?
            chart.toSvg(WIDTH, HEIGHT).getBytes(StandardCharsets.UTF_8) : chart.toPng(WIDTH, HEIGHT);
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
