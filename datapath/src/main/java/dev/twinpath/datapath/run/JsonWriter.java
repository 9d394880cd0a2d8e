package dev.twinpath.datapath.run;

import java.util.Locale;

/**
 * A small streaming JSON writer for reports: objects, arrays, strings, integers and decimals,
 * indented two spaces a level. Commas are placed for the caller; keys are written as given (escaped).
 * Not a parser, and not for the data path.
 * <p>
 * Not thread-safe; one report at a time.
 */
public final class JsonWriter
{
    private final StringBuilder out = new StringBuilder(1024);
    private final boolean[] hasItems = new boolean[32];
    private int depth;
    private boolean pendingValue;

    /** Open an object (the top level, or a value after {@link #key(String)}, or an array item). */
    public JsonWriter beginObject()
    {
        return open('{');
    }

    public JsonWriter endObject()
    {
        return close('}');
    }

    public JsonWriter beginArray()
    {
        return open('[');
    }

    public JsonWriter endArray()
    {
        return close(']');
    }

    /** Start a member of the current object; the next call writes its value. */
    public JsonWriter key(final String name)
    {
        item();
        string(name);
        out.append(": ");
        hasItems[depth] = true;
        pendingValue = true;
        return this;
    }

    public JsonWriter value(final long number)
    {
        prefix();
        out.append(number);
        return this;
    }

    /** A decimal with {@code decimals} digits after the point; NaN and infinities as {@code null}. */
    public JsonWriter value(final double number, final int decimals)
    {
        prefix();
        if (Double.isNaN(number) || Double.isInfinite(number))
        {
            out.append("null");
        }
        else
        {
            out.append(String.format(Locale.ROOT, "%." + decimals + "f", number));
        }
        return this;
    }

    public JsonWriter value(final boolean flag)
    {
        prefix();
        out.append(flag);
        return this;
    }

    /** A string, or {@code null}. */
    public JsonWriter value(final String text)
    {
        prefix();
        if (text == null)
        {
            out.append("null");
        }
        else
        {
            string(text);
        }
        return this;
    }

    /** Shorthand: {@code key(name).value(number)}. */
    public JsonWriter field(final String name, final long number)
    {
        return key(name).value(number);
    }

    /** Shorthand: {@code key(name).value(number, decimals)}. */
    public JsonWriter field(final String name, final double number, final int decimals)
    {
        return key(name).value(number, decimals);
    }

    /** Shorthand: {@code key(name).value(text)}. */
    public JsonWriter field(final String name, final String text)
    {
        return key(name).value(text);
    }

    /** @return the document written so far, with a final newline once the top level is closed. */
    @Override
    public String toString()
    {
        return depth == 0 ? out + "\n" : out.toString();
    }

    private JsonWriter open(final char bracket)
    {
        prefix();
        out.append(bracket);
        if (++depth >= hasItems.length)
        {
            throw new IllegalStateException("JSON nested too deep");
        }
        hasItems[depth] = false;
        return this;
    }

    private JsonWriter close(final char bracket)
    {
        final boolean any = hasItems[depth];
        depth--;
        if (any)
        {
            newline();
        }
        out.append(bracket);
        return this;
    }

    /** Before a value: nothing after a key, else the separator of an array item. */
    private void prefix()
    {
        if (pendingValue)
        {
            pendingValue = false;
            return;
        }
        if (depth > 0)
        {
            item();
            hasItems[depth] = true;
        }
    }

    private void item()
    {
        if (hasItems[depth])
        {
            out.append(',');
        }
        newline();
    }

    private void newline()
    {
        out.append('\n');
        for (int i = 0; i < depth; i++)
        {
            out.append("  ");
        }
    }

    private void string(final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
