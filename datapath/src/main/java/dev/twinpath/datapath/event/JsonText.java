package dev.twinpath.datapath.event;

/**
 * JSON string literals for the hand-written JSON of events and status records: quotes, backslashes and
 * control characters escaped.
 * <p>
 * Stateless; any thread.
 */
public final class JsonText
{
    private JsonText()
    {
    }

    /** @return {@code s} as a quoted JSON string; {@code null} for null. */
    public static String quote(final String s)
    {
        return s == null ? "null" : '"' + escape(s) + '"';
    }

    /** @return {@code s} with what JSON must escape escaped (no quotes around it); empty for null. */
    public static String escape(final String s)
    {
        if (s == null)
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
