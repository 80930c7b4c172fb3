package by.butb.sim.classroom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The classroom's JSON payloads, written with Jackson's streaming generator (objects, arrays, strings, numbers,
 * booleans) in the fluent style the views use. Strings are escaped by Jackson, and {@code <}, U+2028 and U+2029
 * too, so that a payload is safe inside a script element. A double that is not finite is written as null. Not
 * thread-safe: one builder per payload.
 */
final class Json
{
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new ScriptSafeEscapes())
        .build();

    private final StringWriter out;
    private final JsonGenerator generator;

    Json()
    {
        this(1024);
    }

    /** {@code capacity}: the characters expected, to size the buffer. */
    Json(final int capacity)
    {
        out = new StringWriter(capacity);
        try
        {
            generator = FACTORY.createGenerator(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    Json beginObject()
    {
        return write(() -> generator.writeStartObject());
    }

    Json endObject()
    {
        return write(() -> generator.writeEndObject());
    }

    Json beginArray()
    {
        return write(() -> generator.writeStartArray());
    }

    Json endArray()
    {
        return write(() -> generator.writeEndArray());
    }

    /** Writes a key; the next value written belongs to it. */
    Json key(final String key)
    {
        return write(() -> generator.writeFieldName(key));
    }

    Json value(final String value)
    {
        return write(() -> generator.writeString(value));
    }

    Json value(final long value)
    {
        return write(() -> generator.writeNumber(value));
    }

    Json value(final double value)
    {
        return write(() ->
        {
            if (Double.isFinite(value))
            {
                generator.writeNumber(value);
            }
            else
            {
                generator.writeNull();
            }
        });
    }

    Json value(final boolean value)
    {
        return write(() -> generator.writeBoolean(value));
    }

    /** Writes a JSON text produced elsewhere (an object or array) as a value. */
    Json raw(final String json)
    {
        return write(() -> generator.writeRawValue(json));
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

    /** The JSON written so far. */
    @Override
    public String toString()
    {
        write(generator::flush);
        return out.toString();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(final String s)
    {
        return new Json(s.length() + 2).value(s).toString();
    }

    /** A single-field error object: {"error": message}. */
    static String error(final String message)
    {
        return new Json().beginObject().field("error", message).endObject().toString();
    }

    private Json write(final Write w)
    {
        try
        {
            w.run();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // a StringWriter does not fail; a malformed nesting does
        }
        return this;
    }

    private interface Write
    {
        void run() throws IOException;
    }

    /** Jackson's standard escapes, plus {@code <}, U+2028 and U+2029 as {@code \}u escapes. */
    private static final class ScriptSafeEscapes extends CharacterEscapes
    {
        private static final int[] ESCAPES = standardAsciiEscapesForJSON();

        static
        {
            ESCAPES['<'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii()
        {
            return ESCAPES;
        }

        @Override
        public SerializableString getEscapeSequence(final int ch)
        {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
