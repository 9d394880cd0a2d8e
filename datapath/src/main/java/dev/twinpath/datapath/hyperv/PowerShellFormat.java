package dev.twinpath.datapath.hyperv;

import java.util.List;

/**
 * Renders values as Windows PowerShell's {@code Format-List} does, and JSON strings.
 * <p>
 * {@code Format-List} writes one line per property: the name left-aligned, padded with blanks to the
 * longest name, then {@code " : "} and the value (an empty value leaves the line ending in
 * {@code " : "}). Booleans print as {@code True}/{@code False}; a collection prints as
 * {@code {a, b}}, cut after {@code $FormatEnumerationLimit} items (default 4) as {@code {a, b, c, d...}}.
 * Not reproduced: the console's wrapping of long values at the window width and the blank lines
 * the console prints before and after the list. Lines end with {@code '\n'}.
 * <p>
 * Stateless, any thread.
 */
final class PowerShellFormat
{
    /** PowerShell's default {@code $FormatEnumerationLimit}. */
    static final int DEFAULT_ENUMERATION_LIMIT = 4;
    /** An enumeration limit that prints every item ({@code $FormatEnumerationLimit = -1}). */
    static final int UNLIMITED = -1;

    private PowerShellFormat()
    {
    }

    /** @param namesAndValues name, value, name, value, ... in display order. */
    static String formatList(final String... namesAndValues)
    {
        if (namesAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("names and values must come in pairs: " + namesAndValues.length);
        }
        int width = 0;
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            width = Math.max(width, namesAndValues[i].length());
        }
        final StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            final String name = namesAndValues[i];
            sb.append(name);
            for (int pad = name.length(); pad < width; pad++)
            {
                sb.append(' ');
            }
            sb.append(" : ");
            final String value = namesAndValues[i + 1];
            sb.append(value == null ? "" : value).append('\n');
        }
        return sb.toString();
    }

    /** @return {@code True} or {@code False}. */
    static String bool(final boolean value)
    {
        return value ? "True" : "False";
    }

    /**
     * @param enumerationLimit items shown before {@code ...}: {@link #UNLIMITED} or 0 and more.
     * @return the items as PowerShell prints a collection: {@code {a, b}}, {@code {}} when empty.
     */
    static String collection(final List<String> items, final int enumerationLimit)
    {
        if (enumerationLimit < UNLIMITED)
        {
            throw new IllegalArgumentException("enumerationLimit must be -1 (unlimited) or 0 and more: " + enumerationLimit);
        }
        final StringBuilder sb = new StringBuilder(64).append('{');
        final int shown = enumerationLimit == UNLIMITED ? items.size() : Math.min(items.size(), enumerationLimit);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append(items.get(i));
        }
        if (shown < items.size())
        {
            sb.append("...");
        }
        return sb.append('}').toString();
    }

    /** @return the reasons' sentences as a PowerShell collection. */
    static String sentences(final List<IovSupportReason> reasons, final int enumerationLimit)
    {
        return collection(reasons.stream().map(IovSupportReason::sentence).toList(), enumerationLimit);
    }

    /** @return {@code s} as a quoted JSON string; {@code null} for null. */
    static String json(final String s)
    {
        return dev.twinpath.datapath.event.JsonText.quote(s);
    }

    /** @return a reason as {@code {"code":...,"sentence":...}}, or {@code null}. */
    static String json(final IovSupportReason reason)
    {
        return reason == null ? "null" :
            "{\"code\":" + json(reason.code()) + ",\"sentence\":" + json(reason.sentence()) + "}";
    }

    /** @return the reasons as a JSON array of {@code {"code":...,"sentence":...}}. */
    static String json(final List<IovSupportReason> reasons)
    {
        final StringBuilder sb = new StringBuilder(256).append('[');
        for (int i = 0; i < reasons.size(); i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append(json(reasons.get(i)));
        }
        return sb.append(']').toString();
    }
}
