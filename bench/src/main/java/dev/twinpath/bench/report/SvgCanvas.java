package dev.twinpath.bench.report;

import java.util.Locale;

/**
 * A {@link ChartCanvas} that writes an inline SVG element (no external resources, so the HTML report
 * opens without a network).
 * <p>
 * Not thread-safe.
 */
public final class SvgCanvas implements ChartCanvas
{
    private final StringBuilder svg = new StringBuilder(16 * 1024);

    /** Start an SVG of {@code width} x {@code height} pixels, titled {@code title} (its accessible name). */
    public SvgCanvas(final int width, final int height, final String title)
    {
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\"><title>%s</title>\n",
            width, height, width, height, Html.escape(title)));
    }

    @Override
    public void fillRect(final double x, final double y, final double width, final double height, final int rgb,
        final double alpha)
    {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%06x\"%s/>\n",
            x, y, Math.max(0, width), Math.max(0, height), rgb & 0xFFFFFF,
            alpha >= 1 ? "" : String.format(Locale.ROOT, " fill-opacity=\"%.2f\"", alpha)));
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final int rgb, final double width,
        final boolean dashed)
    {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06x\" " +
            "stroke-width=\"%.1f\"%s/>\n", x1, y1, x2, y2, rgb & 0xFFFFFF, width, dashed ? " stroke-dasharray=\"4 3\"" : ""));
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final int count, final int rgb, final double width)
    {
        if (count < 1)
        {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke-linejoin=\"round\" stroke=\"#")
            .append(String.format(Locale.ROOT, "%06x\" stroke-width=\"%.1f\" points=\"", rgb & 0xFFFFFF, width));
        for (int i = 0; i < count; i++)
        {
            svg.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", xs[i], ys[i]));
        }
        svg.append("\"/>\n");
    }

    @Override
    public void text(final double x, final double y, final String text, final double size, final int rgb, final Anchor anchor,
        final boolean vertical)
    {
        final String align = switch (anchor)
        {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"#%06x\" " +
            "text-anchor=\"%s\"%s>%s</text>\n", x, y, size, rgb & 0xFFFFFF, align,
            vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y) : "", Html.escape(text)));
    }

    /** @return the SVG element, closed. */
    public String toSvg()
    {
        return svg + "</svg>\n";
    }
}
