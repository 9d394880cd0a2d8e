package dev.twinpath.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * An XY line chart of the run report: series, shaded bands (path switch windows) and vertical markers
 * (migrations), a linear x axis with custom or automatic ticks, a linear or logarithmic y axis, a
 * legend. One model draws on any {@link ChartCanvas}: {@link #toSvg} for the HTML report,
 * {@link #toPng} for CI logs and docs; {@link #toJson} gives the data drawn.
 * <p>
 * Built and drawn on one thread.
 */
public final class LineChart
{
    /** One line: {@code xs[i], ys[i]} in data units; {@code NaN} in ys breaks the line. */
    public record Series(String name, int rgb, double[] xs, double[] ys)
    {
    }

    /** A shaded x range, e.g. a path switch. */
    public record Band(double from, double to, int rgb, String label)
    {
    }

    /** A vertical line at {@code x}, e.g. a migration. */
    public record Marker(double x, int rgb, String label)
    {
    }

    /** An axis tick at {@code value} with its label. */
    public record Tick(double value, String label)
    {
    }

    private static final int LEFT = 78;
    private static final int RIGHT = 24;
    private static final int TOP = 56;
    private static final int BOTTOM = 52;
    private static final int AXIS = 0x333333;
    private static final int GRID = 0xDDDDDD;
    /** A series of at most this many points also marks each point (a one-point series is then visible). */
    private static final int MAX_MARKED_POINTS = 40;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private List<Tick> xTicks;
    private boolean logY;
    private DoubleFunction<String> yFormat = LineChart::number;
    private DoubleFunction<String> xFormat = LineChart::number;

    public LineChart(final String title, final String xLabel, final String yLabel)
    {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(final Series s)
    {
        series.add(s);
        return this;
    }

    public LineChart band(final Band b)
    {
        bands.add(b);
        return this;
    }

    public LineChart marker(final Marker m)
    {
        markers.add(m);
        return this;
    }

    /** Use these x ticks instead of automatic ones (e.g. percentiles on a log scale). */
    public LineChart xTicks(final List<Tick> ticks)
    {
        xTicks = List.copyOf(ticks);
        return this;
    }

    /** A base-10 logarithmic y axis; values at or below 0 are not drawn. */
    public LineChart logY()
    {
        logY = true;
        return this;
    }

    public LineChart yFormat(final DoubleFunction<String> format)
    {
        yFormat = format;
        return this;
    }

    public LineChart xFormat(final DoubleFunction<String> format)
    {
        xFormat = format;
        return this;
    }

    public String title()
    {
        return title;
    }

    public List<Series> series()
    {
        return List.copyOf(series);
    }

    /** @return the chart as an inline SVG element. */
    public String toSvg(final int width, final int height)
    {
        final SvgCanvas canvas = new SvgCanvas(width, height, title);
        draw(canvas, width, height);
        return canvas.toSvg();
    }

    /** @return the chart as a PNG image. */
    public byte[] toPng(final int width, final int height) throws IOException
    {
        final PngCanvas canvas = new PngCanvas(width, height);
        draw(canvas, width, height);
        return canvas.toPng();
    }

    /** @return the data drawn: {@code {"title":..,"series":[{"name":..,"x":[..],"y":[..]}],"bands":[..],"markers":[..]}}. */
    public String toJson()
    {
        final StringBuilder sb = new StringBuilder(8 * 1024).append("{\"title\":").append(Json.string(title))
            .append(",\"x_label\":").append(Json.string(xLabel)).append(",\"y_label\":").append(Json.string(yLabel))
            .append(",\"series\":[");
        for (int i = 0; i < series.size(); i++)
        {
            final Series s = series.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.string(s.name())).append(",\"x\":")
                .append(Json.numbers(s.xs())).append(",\"y\":").append(Json.numbers(s.ys())).append('}');
        }
        sb.append("],\"bands\":[");
        for (int i = 0; i < bands.size(); i++)
        {
            final Band b = bands.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"from\":").append(Json.number(b.from())).append(",\"to\":")
                .append(Json.number(b.to())).append(",\"label\":").append(Json.string(b.label())).append('}');
        }
        sb.append("],\"markers\":[");
        for (int i = 0; i < markers.size(); i++)
        {
            final Marker m = markers.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"x\":").append(Json.number(m.x())).append(",\"label\":")
                .append(Json.string(m.label())).append('}');
        }
        return sb.append("]}").toString();
    }

    /** Draw the chart on {@code c}, {@code width} x {@code height} pixels. */
    public void draw(final ChartCanvas c, final int width, final int height)
    {
        final double plotW = width - LEFT - RIGHT;
        final double plotH = height - TOP - BOTTOM;
        final double[] xr = xRange();
        final double[] yr = yRange();
        final Scale x = new Scale(xr[0], xr[1], LEFT, LEFT + plotW, false);
        final Scale y = new Scale(yr[0], yr[1], TOP + plotH, TOP, logY);

        c.text(width / 2.0, 20, title, 15, 0x111111, ChartCanvas.Anchor.MIDDLE, false);
        for (final Band b : bands)
        {
            final double from = Math.max(x.min, Math.min(x.max, b.from()));
            final double to = Math.max(x.min, Math.min(x.max, b.to()));
            c.fillRect(x.at(from), TOP, Math.max(1.5, x.at(to) - x.at(from)), plotH, b.rgb(), 0.25);
        }
        final List<Tick> yTicks = logY ? logTicks(y.min, y.max) : linearTicks(y.min, y.max, yFormat);
        for (final Tick t : yTicks)
        {
            final double py = y.at(t.value());
            c.line(LEFT, py, LEFT + plotW, py, GRID, 1, false);
            c.text(LEFT - 6, py + 4, t.label(), 11, AXIS, ChartCanvas.Anchor.END, false);
        }
        for (final Tick t : xTicks != null ? xTicks : linearTicks(x.min, x.max, xFormat))
        {
            if (t.value() < x.min || t.value() > x.max)
            {
                continue;
            }
            final double px = x.at(t.value());
            c.line(px, TOP, px, TOP + plotH, GRID, 1, false);
            c.text(px, TOP + plotH + 16, t.label(), 11, AXIS, ChartCanvas.Anchor.MIDDLE, false);
        }
        for (final Marker m : markers)
        {
            if (m.x() >= x.min && m.x() <= x.max)
            {
                c.line(x.at(m.x()), TOP, x.at(m.x()), TOP + plotH, m.rgb(), 1.5, true);
                c.text(x.at(m.x()) + 3, TOP + 12, m.label(), 10, m.rgb(), ChartCanvas.Anchor.START, false);
            }
        }
        c.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, AXIS, 1, false);
        c.line(LEFT, TOP, LEFT, TOP + plotH, AXIS, 1, false);
        c.text(LEFT + plotW / 2, height - 12, xLabel, 12, AXIS, ChartCanvas.Anchor.MIDDLE, false);
        c.text(18, TOP + plotH / 2, yLabel, 12, AXIS, ChartCanvas.Anchor.MIDDLE, true);

        for (final Series s : series)
        {
            drawSeries(c, s, x, y);
        }
        double lx = LEFT;
        for (final Series s : series)
        {
            c.line(lx, 40, lx + 18, 40, s.rgb(), 3, false);
            c.text(lx + 22, 44, s.name(), 11, 0x222222, ChartCanvas.Anchor.START, false);
            lx += 34 + 6.5 * s.name().length();
        }
        if (!bands.isEmpty())
        {
            c.fillRect(lx, 34, 18, 11, bands.get(0).rgb(), 0.25);
            c.text(lx + 22, 44, bands.get(0).label(), 11, 0x222222, ChartCanvas.Anchor.START, false);
            lx += 34 + 6.5 * bands.get(0).label().length();
        }
        if (!markers.isEmpty())
        {
            c.line(lx + 9, 34, lx + 9, 46, markers.get(0).rgb(), 1.5, true);
            c.text(lx + 22, 44, "migration", 11, 0x222222, ChartCanvas.Anchor.START, false);
        }
    }

    private void drawSeries(final ChartCanvas c, final Series s, final Scale x, final Scale y)
    {
        final double[] px = new double[s.xs().length];
        final double[] py = new double[s.xs().length];
        int n = 0;
        for (int i = 0; i < s.xs().length; i++)
        {
            final double v = s.ys()[i];
            if (Double.isNaN(v) || (logY && v <= 0))
            {
                c.polyline(px, py, n, s.rgb(), 2);
                n = 0;
                continue;
            }
            px[n] = x.at(s.xs()[i]);
            py[n] = y.at(v);
            n++;
        }
        c.polyline(px, py, n, s.rgb(), 2);
        if (s.xs().length <= MAX_MARKED_POINTS)
        {
            for (int i = 0; i < s.xs().length; i++)
            {
                final double v = s.ys()[i];
                if (!Double.isNaN(v) && (!logY || v > 0))
                {
                    c.fillRect(x.at(s.xs()[i]) - 3, y.at(v) - 3, 6, 6, s.rgb(), 1);
                }
            }
        }
    }

    private double[] xRange()
    {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final Series s : series)
        {
            for (final double v : s.xs())
            {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (xTicks != null && !xTicks.isEmpty())
        {
            min = Math.min(min, xTicks.get(0).value());
            max = Math.max(max, xTicks.get(xTicks.size() - 1).value());
        }
        return min < max ? new double[] {min, max} : new double[] {min == Double.POSITIVE_INFINITY ? 0 : min, (min ==
            Double.POSITIVE_INFINITY ? 0 : min) + 1};
    }

    private double[] yRange()
    {
        double min = logY ? Double.POSITIVE_INFINITY : 0;
        double max = logY ? 0 : 1e-9;
        for (final Series s : series)
        {
            for (final double v : s.ys())
            {
                if (!Double.isNaN(v) && (!logY || v > 0))
                {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (logY)
        {
            if (max <= 0)
            {
                return new double[] {1, 10};
            }
            return new double[] {Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max * 1.0001)))};
        }
        final double step = niceStep(max - min);
        return new double[] {min, Math.ceil(max * 1.05 / step) * step};
    }

    private List<Tick> logTicks(final double min, final double max)
    {
        final List<Tick> ticks = new ArrayList<>();
        for (double v = min; v <= max * 1.0001; v *= 10)
        {
            ticks.add(new Tick(v, yFormat.apply(v)));
        }
        return ticks;
    }

    private static List<Tick> linearTicks(final double min, final double max, final DoubleFunction<String> format)
    {
        final double step = niceStep(max - min);
        final List<Tick> ticks = new ArrayList<>();
        for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-6; v += step)
        {
            ticks.add(new Tick(v, format.apply(Math.abs(v) < step * 1e-6 ? 0 : v)));
        }
        return ticks;
    }

    private static double niceStep(final double span)
    {
        if (!(span > 0))
        {
            return 1;
        }
        final double raw = span / 6;
        final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        final double r = raw / magnitude;
        return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * magnitude;
    }

    /** @return {@code v} with up to 3 significant decimals, e.g. {@code 0.25}, {@code 12}, {@code 1.5}. */
    static String number(final double v)
    {
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return String.format(Locale.ROOT, "%,d", (long)v);
        }
        final String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Maps data units to pixels on one axis. */
    private static final class Scale
    {
        final double min;
        final double max;
        final double from;
        final double to;
        final boolean log;

        Scale(final double min, final double max, final double from, final double to, final boolean log)
        {
            this.min = min;
            this.max = max;
            this.from = from;
            this.to = to;
            this.log = log;
        }

        double at(final double v)
        {
            final double t = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) :
                (v - min) / (max - min);
            return from + (to - from) * t;
        }
    }
}
