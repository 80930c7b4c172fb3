package by.butb.sim.classroom;

import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the classroom's payloads (objects, arrays, strings, numbers, booleans). Commas are
 * placed automatically; keys and strings are escaped. Not thread-safe: one builder per payload.
 */
final class Json
{
    private final StringBuilder out;
    private boolean needComma;

    Json()
    {
        this(new StringBuilder(1024));
    }

    Json(final StringBuilder out)
    {
        this.out = out;
    }

    Json beginObject()
    {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    Json endObject()
    {
        out.append('}');
        needComma = true;
        return this;
    }

    Json beginArray()
    {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    Json endArray()
    {
        out.append(']');
        needComma = true;
        return this;
    }

    /** Writes a key; the next value written belongs to it. */
    Json key(final String key)
    {
        comma();
        string(out, key);
        out.append(':');
        needComma = false;
        return this;
    }

    Json value(final String value)
    {
        comma();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(out, value);
        }
        needComma = true;
        return this;
    }

    Json value(final long value)
    {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    Json value(final double value)
    {
        comma();
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        needComma = true;
        return this;
    }

    Json value(final boolean value)
    {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /** Writes a JSON text produced elsewhere (an object or array) as a value. */
    Json raw(final String json)
    {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    Json field(final String key, final String value)
    {
        return key(key).value(value);
    }

    Json field(final String key, final long value)
    {
        return key(key).value(value);
    }

    Json field(final String key, final double value)
    {
        return key(key).value(value);
    }

    Json field(final String key, final boolean value)
    {
        return key(key).value(value);
    }

    /** An object of string fields, in the map's order. */
    Json object(final Map<String, String> fields)
    {
        beginObject();
        for (final Map.Entry<String, String> e : fields.entrySet())
        {
            field(e.getKey(), e.getValue());
        }
        return endObject();
    }

    Json objects(final List<Map<String, String>> rows)
    {
        beginArray();
        for (final Map<String, String> row : rows)
        {
            object(row);
        }
        return endArray();
    }

    @Override
    public String toString()
    {
        return out.toString();
    }

    private void comma()
    {
        if (needComma)
        {
            out.append(',');
        }
    }

    static void string(final StringBuilder out, final String s)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                default ->
                {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        out.append(String.format("\\u%04x", (int)c));
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

    /** A single-field error object: {"error": message}. */
    static String error(final String message)
    {
        return new Json().beginObject().field("error", message).endObject().toString();
    }
}
