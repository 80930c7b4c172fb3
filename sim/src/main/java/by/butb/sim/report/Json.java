package by.butb.sim.report;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * JSON text of maps, collections, strings, numbers, booleans and null, in the maps' iteration order (so the same
 * data gives the same bytes). Safe inside an HTML script element: '<', '>' and '&' are written as \\u escapes.
 */
final class Json
{
    private Json()
    {
    }

    /** The JSON text of {@code value}; doubles must be finite (written as Java's shortest decimal). */
    static String of(final Object value)
    {
        final StringBuilder sb = new StringBuilder(4096);
        write(sb, value);
        return sb.toString();
    }

    private static void write(final StringBuilder sb, final Object value)
    {
        if (value == null)
        {
            sb.append("null");
        }
        else if (value instanceof String s)
        {
            string(sb, s);
        }
        else if (value instanceof BigDecimal d)
        {
            sb.append(d.stripTrailingZeros().toPlainString());
        }
        else if (value instanceof Double d)
        {
            if (!Double.isFinite(d))
            {
                throw new IllegalArgumentException("not a JSON number: " + d);
            }
            sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            sb.append(value);
        }
        else if (value instanceof Map<?, ?> m)
        {
            char sep = '{';
            for (final Map.Entry<?, ?> e : m.entrySet())
            {
                sb.append(sep);
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
                sep = ',';
            }
            sb.append(m.isEmpty() ? "{}" : "}");
        }
        else if (value instanceof Collection<?> c)
        {
            char sep = '[';
            for (final Object o : c)
            {
                sb.append(sep);
                write(sb, o);
                sep = ',';
            }
            sb.append(c.isEmpty() ? "[]" : "]");
        }
        else
        {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void string(final StringBuilder sb, final String s)
    {
        sb.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
