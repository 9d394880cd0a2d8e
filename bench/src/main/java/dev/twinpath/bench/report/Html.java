package dev.twinpath.bench.report;

/**
 * HTML text helpers of the report.
 * <p>
 * Stateless; any thread.
 */
final class Html
{
    private Html()
    {
    }

    /** @return {@code text} with {@code & < > "} escaped for HTML and SVG text and attributes. */
    static String escape(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
