package by.butb.engine.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * RFC 4180 CSV with a header row: comma separated, fields optionally in double quotes (a doubled quote inside
 * quotes is a quote, a quoted field may span lines). A UTF-8 byte order mark at the start is ignored. Blank lines
 * and lines starting with '#' are skipped. Column names are trimmed and compared as written; extra columns are
 * allowed. A row may have fewer values than the header (the missing ones are empty) but not more: {@link #read}
 * fails on such a row (most likely an unquoted decimal comma), {@link #readAllowingExtraValues} passes it on for
 * the caller to reject ({@link CsvRow#extraValues()}).
 */
public final class CsvReader
{
    private CsvReader()
    {
    }

    /** Reads a whole file; an unreadable file is a {@link CsvException} naming it. */
    public static List<CsvRow> readAll(final Path path, final List<String> requiredColumns)
    {
        final List<CsvRow> rows = new ArrayList<>();
        read(path, requiredColumns, rows::add);
        return rows;
    }

    public static void read(final Path path, final List<String> requiredColumns, final Consumer<CsvRow> sink)
    {
        final String name = path.toString();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8))
        {
            read(name, reader, requiredColumns, sink);
        }
        catch (final NoSuchFileException ex)
        {
            throw new CsvException(name, 0, null, "file not found");
        }
        catch (final java.nio.charset.MalformedInputException ex)
        {
            throw new CsvException(name, 0, null, "not UTF-8 text");
        }
        catch (final IOException ex)
        {
            throw new CsvException(name, 0, null, "cannot read: " + ex.getMessage());
        }
    }

    public static void read(final String name, final Reader reader, final List<String> requiredColumns,
        final Consumer<CsvRow> sink)
    {
        read(name, reader, requiredColumns, sink, true);
    }

    /**
     * As {@link #read(String, Reader, List, Consumer)}, but a row with more values than the header is passed on
     * instead of failing the file: for order files, where a bad row becomes a rejected command and the rest goes on.
     */
    public static void readAllowingExtraValues(final String name, final Reader reader,
        final List<String> requiredColumns, final Consumer<CsvRow> sink)
    {
        read(name, reader, requiredColumns, sink, false);
    }

    private static void read(final String name, final Reader reader, final List<String> requiredColumns,
        final Consumer<CsvRow> sink, final boolean strict)
    {
        final Parser parser = new Parser(name, reader);
        List<String> header = parser.next();
        while (header != null && isSkippable(header))
        {
            header = parser.next();
        }
        if (header == null)
        {
            throw new CsvException(name, 0, null, "is empty: a header row is expected");
        }
        final Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++)
        {
            // Interned: lookups by the callers' literal column names then match by identity.
            final String column = header.get(i).trim().intern();
            if (columns.putIfAbsent(column, i) != null)
            {
                throw new CsvException(name, parser.recordLine, column, "column appears twice in the header");
            }
        }
        for (final String required : requiredColumns)
        {
            if (!columns.containsKey(required))
            {
                throw new CsvException(name, parser.recordLine, required, "required column is missing from the header");
            }
        }
        final Map<String, Integer> frozen = Collections.unmodifiableMap(columns);
        for (List<String> record = parser.next(); record != null; record = parser.next())
        {
            if (!isSkippable(record))
            {
                final CsvRow row = new CsvRow(name, parser.recordLine, frozen, record);
                if (strict && row.extraValues() > 0)
                {
                    throw new CsvException(name, parser.recordLine, null, row.extraValuesProblem());
                }
                sink.accept(row);
            }
        }
    }

    private static boolean isSkippable(final List<String> record)
    {
        if (record.size() == 1 && record.get(0).isBlank())
        {
            return true;
        }
        return !record.isEmpty() && record.get(0).startsWith("#");
    }

    private static final class Parser
    {
        private static final int BYTE_ORDER_MARK = 0xFEFF;

        private final String name;
        private final Reader reader;
        /** Characters read ahead from {@link #reader}: {@code buffer[position..limit)} are not consumed yet. */
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private int line = 1;
        private int recordLine;
        private boolean started;
        private int pending = -2;
        /** The field being read when it is not one plain run of the buffer; reused from record to record. */
        private final StringBuilder field = new StringBuilder();
        private int lastFieldCount = 10;
        private final FieldStrings fieldStrings = new FieldStrings();

        Parser(final String name, final Reader reader)
        {
            this.name = name;
            this.reader = reader;
        }

        private int read()
        {
            if (pending != -2)
            {
                final int c = pending;
                pending = -2;
                return c;
            }
            if (position == limit && !fill())
            {
                return -1;
            }
            return buffer[position++];
        }

        /** Reads more characters into the empty buffer; false at the end of the input. */
        private boolean fill()
        {
            try
            {
                int n;
                do
                {
                    n = reader.read(buffer, 0, buffer.length);
                }
                while (n == 0);
                position = 0;
                limit = Math.max(n, 0);
                return n > 0;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(name + ": cannot read: " + ex.getMessage(), ex);
            }
        }

        /**
         * Reads the rest of an unquoted field whose first character {@link #read} just returned (always the buffered
         * character before {@link #position}): the characters up to the next one that means something outside
         * quotes (comma, quote, line end). Returns the field as a string when that character is buffered and is not a
         * quote, so the field is complete; else appends the characters to {@code field} and returns null.
         */
        private String plainRun(final StringBuilder field, final int column)
        {
            final int start = position - 1;
            int i = position;
            while (i < limit)
            {
                final char c = buffer[i];
                if (c == ',' || c == '"' || c == '\n' || c == '\r')
                {
                    break;
                }
                i++;
            }
            position = i;
            if (i < limit && buffer[i] != '"' && field.length() == 0)
            {
                return fieldStrings.of(column, buffer, start, i - start);
            }
            field.append(buffer, start, i - start);
            return null;
        }

        private static boolean isBlank(final StringBuilder field)
        {
            for (int i = 0; i < field.length(); i++)
            {
                if (!Character.isWhitespace(field.charAt(i)))
                {
                    return false;
                }
            }
            return true;
        }

        /** Next record, or null at end of input. */
        List<String> next()
        {
            int c = read();
            if (!started)
            {
                started = true;
                if (c == BYTE_ORDER_MARK)
                {
                    c = read();
                }
            }
            if (c == -1)
            {
                return null;
            }
            recordLine = line;
            final List<String> fields = new ArrayList<>(lastFieldCount);
            final StringBuilder field = this.field;
            field.setLength(0);
            String complete = null;
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true)
            {
                if (quoted)
                {
                    if (c == -1)
                    {
                        throw new CsvException(name, recordLine, null, "a quoted field is not closed");
                    }
                    if (c == '"')
                    {
                        final int n = read();
                        if (n == '"')
                        {
                            field.append('"');
                        }
                        else
                        {
                            quoted = false;
                            c = n;
                            continue;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }
                        field.append((char)c);
                    }
                }
                else if (c == '"' && isBlank(field) && !wasQuoted)
                {
                    field.setLength(0);
                    quoted = true;
                    wasQuoted = true;
                }
                else if (c == ',')
                {
                    fields.add(complete != null ? complete : field.toString());
                    complete = null;
                    field.setLength(0);
                    wasQuoted = false;
                }
                else if (c == '\n' || c == -1)
                {
                    fields.add(complete != null ? complete : field.toString());
                    lastFieldCount = fields.size();
                    if (c == '\n')
                    {
                        line++;
                    }
                    return fields;
                }
                else if (c == '\r')
                {
                    final int n = read();
                    if (n != '\n')
                    {
                        pending = n;
                    }
                    fields.add(complete != null ? complete : field.toString());
                    lastFieldCount = fields.size();
                    line++;
                    return fields;
                }
                else
                {
                    complete = plainRun(field, fields.size());
                }
                c = read();
            }
        }
    }
}
