package by.butb.sim.replay;

import by.butb.engine.model.FixedPoint;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes CSV rows (RFC 4180, '\n' line ends); quotes a field only when it needs it. */
public final class CsvOut implements AutoCloseable
{
    private final String name;
    private final BufferedWriter out;
    private final StringBuilder row = new StringBuilder(256);
    private final UtcTimeText times = new UtcTimeText();
    private char[] chars = new char[256];
    private int fields;

    public CsvOut(final String name, final Writer writer)
    {
        this.name = name;
        this.out = writer instanceof BufferedWriter b ? b : new BufferedWriter(writer, 1 << 16);
    }

    public CsvOut header(final String... columns)
    {
        for (final String column : columns)
        {
            field(column);
        }
        return end();
    }

    public CsvOut field(final String value)
    {
        separate();
        if (value == null || value.isEmpty())
        {
            return this;
        }
        if (needsQuotes(value))
        {
            row.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        else
        {
            row.append(value);
        }
        return this;
    }

    public CsvOut field(final long value)
    {
        separate();
        row.append(value);
        return this;
    }

    /** A field that is empty for 0 and the number otherwise. */
    public CsvOut fieldUnlessZero(final long value)
    {
        return value == 0 ? field("") : field(value);
    }

    /** A scaled long as plain decimal text with {@code scale} decimals ({@link FixedPoint#format}). */
    public CsvOut decimal(final long value, final int scale)
    {
        separate();
        FixedPoint.appendTo(row, value, scale);
        return this;
    }

    /** Epoch nanoseconds as an ISO-8601 UTC time ({@link java.time.Instant#toString}). */
    public CsvOut time(final long nanos)
    {
        separate();
        times.appendTo(row, nanos);
        return this;
    }

    private void separate()
    {
        if (fields++ > 0)
        {
            row.append(',');
        }
    }

    public CsvOut end()
    {
        row.append('\n');
        try
        {
            final int length = row.length();
            if (chars.length < length)
            {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            row.getChars(0, length, chars, 0);
            out.write(chars, 0, length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + name + ": " + ex.getMessage(), ex);
        }
        row.setLength(0);
        fields = 0;
        return this;
    }

    private static boolean needsQuotes(final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r')
            {
                return true;
            }
        }
        return value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ' || value.charAt(0) == '#';
    }

    @Override
    public void close()
    {
        try
        {
            out.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + name + ": " + ex.getMessage(), ex);
        }
    }
}
