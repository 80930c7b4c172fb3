package by.butb.sim.replay;

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
        if (fields++ > 0)
        {
            row.append(',');
        }
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
        return field(Long.toString(value));
    }

    public CsvOut end()
    {
        row.append('\n');
        try
        {
            out.append(row);
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
