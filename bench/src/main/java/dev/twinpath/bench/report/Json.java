package dev.twinpath.bench.report;

import java.util.Locale;

/**
 * JSON text helpers of the report (the data embedded in the HTML page and the chart data).
 * <p>
 * Stateless; any thread.
 */
final class Json
{
    private Json()
    {
    }

    static String string(final String s)
    {
        return "\"" + dev.twinpath.datapath.event.JsonText.escape(s) + "\"";
    }

    /** @return {@code v} as a JSON number; NaN and infinities as {@code null}. */
    static String number(final double v)
    {
        if (Double.isNaN(v) || Double.isInfinite(v))
        {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return Long.toString((long)v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    static String numbers(final double[] values)
    {
        final StringBuilder sb = new StringBuilder(values.length * 8 + 2).append('[');
        for (int i = 0; i < values.length; i++)
        {
            sb.append(i == 0 ? "" : ",").append(number(values[i]));
        }
        return sb.append(']').toString();
    }
}
