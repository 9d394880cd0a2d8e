package dev.twinpath.bench.report;

/**
 * Where a {@link LineChart} draws: the same drawing calls make an SVG for the HTML report
 * ({@link SvgCanvas}) and a PNG for CI logs and docs ({@link PngCanvas}). Coordinates are pixels from
 * the top left; colours are {@code 0xRRGGBB}.
 * <p>
 * Not thread-safe: one thread draws one canvas.
 */
public interface ChartCanvas
{
    /** Text alignment around its anchor point. */
    enum Anchor
    {
        START, MIDDLE, END
    }

    /** Fill a rectangle, {@code alpha} 0..1. */
    void fillRect(double x, double y, double width, double height, int rgb, double alpha);

    /** Draw a straight line; {@code dashed} for a dashed one. */
    void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed);

    /** Draw the first {@code count} points as one connected line. */
    void polyline(double[] xs, double[] ys, int count, int rgb, double width);

    /** Write {@code text} with its baseline at {@code y}; {@code vertical} turns it 90 degrees anticlockwise. */
    void text(double x, double y, String text, double size, int rgb, Anchor anchor, boolean vertical);
}
