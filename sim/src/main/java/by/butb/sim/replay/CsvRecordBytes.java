package by.butb.sim.replay;

import by.butb.engine.csv.CsvException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a UTF-8 CSV file as bytes, split as {@link by.butb.engine.csv.CsvReader} splits them (RFC 4180:
 * fields optionally in double quotes, a doubled quote inside quotes is a quote, a quoted field may span lines; a
 * quote after leading whitespace opens a quoted field and drops that whitespace; a byte order mark at the start is
 * ignored), without decoding the text: a record's field values, quotes removed, lie one after another in
 * {@link #bytes()}, untrimmed.
 *
 * <p>The input is read {@link #BUFFER_SIZE} bytes at a time, and each such block is checked to be UTF-8 before any of
 * it is parsed (as a strict decoder reading ahead would refuse it): bytes that are not fail with an
 * {@link UncheckedIOException} caused by a {@link MalformedInputException}. Not thread-safe: one reading thread.
 */
final class CsvRecordBytes
{
    private static final int BUFFER_SIZE = 1 << 16;

    private final String name;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final Utf8Check utf8 = new Utf8Check();
    private int position;
    private int limit;
    private boolean started;
    /** A byte read ahead after a '\r', or -2 for none. */
    private int pending = -2;
    private int line = 1;

    private byte[] record = new byte[256];
    private int length;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int fields;
    private int recordLine;
    private boolean plain;

    CsvRecordBytes(final String name, final InputStream in)
    {
        this.name = name;
        this.in = in;
    }

    /** Reads the next record; false at the end of the input. */
    boolean next()
    {
        if (started && pending == -2 && plainLine())
        {
            return true;
        }
        recordLine = line;
        fields = 0;
        length = 0;
        plain = true;
        int c = read();
        if (!started)
        {
            started = true;
            c = skipByteOrderMark(c);
        }
        if (c == -1 && length == 0)
        {
            return false;
        }
        int fieldStart = 0;
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
                    if (n != '"')
                    {
                        quoted = false;
                        c = n;
                        continue;
                    }
                }
                else if (c == '\n')
                {
                    line++;
                }
                append(c);
            }
            else if (c == '"' && !wasQuoted && isBlank(fieldStart))
            {
                length = fieldStart;
                quoted = true;
                wasQuoted = true;
                plain = false;
            }
            else if (c == ',')
            {
                endField(fieldStart);
                fieldStart = length;
                wasQuoted = false;
            }
            else if (c == '\n' || c == -1)
            {
                endField(fieldStart);
                if (c == '\n')
                {
                    line++;
                }
                return true;
            }
            else if (c == '\r')
            {
                final int n = read();
                if (n != '\n')
                {
                    pending = n;
                }
                endField(fieldStart);
                line++;
                return true;
            }
            else
            {
                plainRun(c);
            }
            c = read();
        }
    }

    /**
     * Reads the next record at once when it is one line of the buffer without quotes and ends with '\n' or "\r\n"
     * there: the fields are the runs between commas. Returns false, having consumed nothing, for any other record.
     */
    private boolean plainLine()
    {
        final byte[] b = buffer;
        final int from = position;
        int i = from;
        int fieldStart = from;
        int n = 0;
        long bits = 0;
        int end = -1;
        // Eight bytes at a time: the commas, line ends and quotes of a word found by their bit positions.
        while (end < 0 && i + Long.BYTES <= limit)
        {
            final long word = ByteWords.word(b, i);
            long special = ByteWords.separators(word);
            while (special != 0)
            {
                final int at = i + ByteWords.firstByte(special);
                if (b[at] != ',')
                {
                    end = at;
                    break;
                }
                n = addField(n, fieldStart - from, at - from);
                fieldStart = at + 1;
                special &= special - 1;
            }
            bits |= end < 0 ? word : word & (1L << (end - i << 3)) - 1;
            i += Long.BYTES;
        }
        for (; end < 0 && i < limit; i++)
        {
            final byte c = b[i];
            if (c == ',')
            {
                n = addField(n, fieldStart - from, i - from);
                fieldStart = i + 1;
            }
            else if (c == '\n' || c == '"' || c == '\r')
            {
                end = i;
            }
            else
            {
                bits |= c;
            }
        }
        final int next;
        if (end < 0 || b[end] == '"')
        {
            return false;
        }
        else if (b[end] == '\n')
        {
            next = end + 1;
        }
        else if (end + 1 < limit && b[end + 1] == '\n')
        {
            next = end + 2;
        }
        else
        {
            return false;
        }
        fields = addField(n, fieldStart - from, end - from);
        length = end - from;
        if (length > record.length)
        {
            record = new byte[Math.max(2 * record.length, length)];
        }
        System.arraycopy(b, from, record, 0, length);
        plain = (bits & ByteWords.HIGH_BITS) == 0;
        recordLine = line++;
        position = next;
        return true;
    }

    /** Sets field {@code n} to {@code [start, end)} and returns the count of fields. */
    private int addField(final int n, final int start, final int end)
    {
        if (n == starts.length)
        {
            starts = Arrays.copyOf(starts, 2 * n);
            ends = Arrays.copyOf(ends, 2 * n);
        }
        starts[n] = start;
        ends[n] = end;
        return n + 1;
    }

    /** The line the record starts on (1-based). */
    int line()
    {
        return recordLine;
    }

    int fields()
    {
        return fields;
    }

    /** The bytes the fields' {@link #start} and {@link #end} point into; valid until the next record. */
    byte[] bytes()
    {
        return record;
    }

    int start(final int field)
    {
        return starts[field];
    }

    int end(final int field)
    {
        return ends[field];
    }

    /** True when the record is all ASCII and has no quoted field. */
    boolean plain()
    {
        return plain;
    }

    /** A field as text. */
    String text(final int field)
    {
        return new String(record, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /** The fields as text (untrimmed). */
    List<String> texts()
    {
        final List<String> texts = new ArrayList<>(fields);
        for (int i = 0; i < fields; i++)
        {
            texts.add(text(i));
        }
        return texts;
    }

    /** Whether the record is one a CSV reader skips: a blank line, or one whose first field starts with '#'. */
    boolean skippable()
    {
        if (fields == 1 && Utf8Bytes.isBlank(record, starts[0], ends[0]))
        {
            return true;
        }
        return fields > 0 && ends[0] > starts[0] && record[starts[0]] == '#';
    }

    /**
     * Skips a byte order mark (EF BB BF) at the start; bytes read that turn out to be none are appended to the
     * record. Returns the next byte to parse.
     */
    private int skipByteOrderMark(final int first)
    {
        if (first != 0xEF)
        {
            return first;
        }
        final int second = read();
        if (second != 0xBB)
        {
            append(first);
            return second;
        }
        final int third = read();
        if (third != 0xBF)
        {
            append(first);
            append(second);
            return third;
        }
        return read();
    }

    private boolean isBlank(final int fieldStart)
    {
        return Utf8Bytes.isBlank(record, fieldStart, length);
    }

    private void endField(final int fieldStart)
    {
        fields = addField(fields, fieldStart, length);
    }

    private UncheckedIOException notUtf8()
    {
        return new UncheckedIOException(name + ": is not UTF-8 text", new MalformedInputException(0));
    }

    /** Appends {@code first} and the bytes after it up to the next that means something outside quotes. */
    private void plainRun(final int first)
    {
        append(first);
        if (pending != -2)
        {
            return;
        }
        final byte[] b = buffer;
        final int from = position;
        int i = from;
        int bits = first;
        while (i < limit)
        {
            final byte c = b[i];
            if (c == ',' || c == '"' || c == '\n' || c == '\r')
            {
                break;
            }
            bits |= c;
            i++;
        }
        if ((bits & 0x80) != 0)
        {
            plain = false;
        }
        final int n = i - from;
        if (length + n > record.length)
        {
            record = Arrays.copyOf(record, Math.max(2 * record.length, length + n));
        }
        System.arraycopy(b, from, record, length, n);
        length += n;
        position = i;
    }

    private void append(final int c)
    {
        if (c >= 0x80)
        {
            plain = false;
        }
        if (length == record.length)
        {
            record = Arrays.copyOf(record, 2 * length);
        }
        record[length++] = (byte)c;
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
        return buffer[position++] & 0xFF;
    }

    /** Reads the next block of input into the empty buffer and checks it; false at the end of the input. */
    private boolean fill()
    {
        try
        {
            int n = 0;
            while (n < buffer.length)
            {
                final int read = in.read(buffer, n, buffer.length - n);
                if (read < 0)
                {
                    break;
                }
                n += read;
            }
            position = 0;
            limit = n;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(name + ": cannot read: " + ex.getMessage(), ex);
        }
        if (!utf8.accept(buffer, 0, limit) || limit < buffer.length && !utf8.complete())
        {
            throw notUtf8();
        }
        return limit > 0;
    }
}
