package dev.twinpath.bench.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A {@link ChartCanvas} that draws into an image with Java2D (headless) and encodes it as PNG, for CI
 * logs and docs.
 * <p>
 * Not thread-safe.
 */
public final class PngCanvas implements ChartCanvas
{
    private final BufferedImage image;
    private final Graphics2D g;

    /** A white image of {@code width} x {@code height} pixels. */
    public PngCanvas(final int width, final int height)
    {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void fillRect(final double x, final double y, final double width, final double height, final int rgb,
        final double alpha)
    {
        g.setColor(color(rgb, alpha));
        g.fill(new Rectangle2D.Double(x, y, Math.max(0, width), Math.max(0, height)));
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final int rgb, final double width,
        final boolean dashed)
    {
        g.setColor(color(rgb, 1));
        g.setStroke(dashed ? new BasicStroke((float)width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 3f}, 0f) : new BasicStroke((float)width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final int count, final int rgb, final double width)
    {
        if (count < 1)
        {
            return;
        }
        final Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < count; i++)
        {
            path.lineTo(xs[i], ys[i]);
        }
        g.setColor(color(rgb, 1));
        g.setStroke(new BasicStroke((float)width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void text(final double x, final double y, final String text, final double size, final int rgb, final Anchor anchor,
        final boolean vertical)
    {
        g.setColor(color(rgb, 1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int)Math.round(size)));
        final double width = g.getFontMetrics().stringWidth(text);
        final double shift = switch (anchor)
        {
            case START -> 0;
            case MIDDLE -> -width / 2;
            case END -> -width;
        };
        final AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (vertical)
        {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(text, (float)shift, 0f);
        g.setTransform(saved);
    }

    /** @return the image as PNG bytes. */
    public byte[] toPng() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Color color(final int rgb, final double alpha)
    {
        return new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, (int)Math.round(Math.max(0, Math.min(1, alpha)) * 255));
    }
}
