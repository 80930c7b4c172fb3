package by.butb.sim.replay;

import by.butb.engine.files.FileProblems;
import by.butb.engine.model.FixedPoint;
import com.github.luben.zstd.ZstdOutputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes CSV rows (RFC 4180, '\n' line ends) as UTF-8; quotes a field only when it needs it. Rows are encoded
 * straight into a buffer, which goes to the stream when it fills, on {@link #flush} and on {@link #close}. Not
 * thread-safe: one writing thread. A write error is an {@link UncheckedIOException} naming the output.
 */
public final class CsvOut implements TableOut
{
    /** zstd level of {@link TableFormat#CSV_ZSTD}: zstd's fastest standard level. */
    public static final int ZSTD_LEVEL = 1;

    private static final int BUFFER_SIZE = 1 << 16;
    /** Bytes of each block handed to the writing thread of a file ({@link BlockWriter}). */
    private static final int BLOCK_SIZE = 1 << 18;
    /** Room enough for any number, decimal or time field. */
    private static final int NUMBER_ROOM = 64;

    private final String name;
    /** Where the bytes go: straight to {@link #out}, or, when not null, through this writer's thread. */
    private final OutputStream out;
    private final BlockWriter writer;
    private final UtcTimeText times = new UtcTimeText();
    private byte[] buffer;
    private int position;
    private int fields;

    /** A CsvOut writing to {@code out} on the calling thread. */
    public CsvOut(final String name, final OutputStream out)
    {
        this(name, out, BUFFER_SIZE);
    }

    private CsvOut(final String name, final OutputStream out, final int bufferSize)
    {
        this.name = name;
        this.out = out;
        this.writer = null;
        this.buffer = new byte[bufferSize];
    }

    private CsvOut(final String name, final BlockWriter writer)
    {
        this.name = name;
        this.out = null;
        this.writer = writer;
        this.buffer = writer.first();
    }

    /**
     * A CsvOut writing {@code file} (replacing it), compressed as {@code format} says ({@link TableFormat}): the
     * writing to the file, and the compressing, on a thread of its own ({@link BlockWriter}).
     */
    public static CsvOut create(final Path file, final TableFormat format) throws IOException
    {
        final OutputStream out = Files.newOutputStream(file);
        try
        {
            final String name = file.getFileName().toString();
            return new CsvOut(name, new BlockWriter(name, switch (format)
            {
                case CSV_GZIP -> new FastestGzip(out);
                case CSV_ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
                case CSV -> out;
                case PARQUET -> throw new IllegalArgumentException("CsvOut writes CSV, not " + format);
            }, BLOCK_SIZE));
        }
        catch (final IOException | RuntimeException ex)
        {
            out.close();
            throw ex;
        }
    }

    public CsvOut header(final String... columns)
    {
        for (final String column : columns)
        {
            field(column);
        }
        return end();
    }

    @Override
    public CsvOut field(final String value)
    {
        separate();
        if (value == null || value.isEmpty())
        {
            return this;
        }
        final int length = value.length();
        // Quoted, every character may take 3 bytes (a surrogate pair takes 4 for 2) and a quote 2.
        room(3 * length + 2);
        final int start = position;
        if (!encode(value, false) || edgeNeedsQuotes(value))
        {
            position = start;
            buffer[position++] = '"';
            encode(value, true);
            buffer[position++] = '"';
        }
        return this;
    }

    /** A field already encoded by {@link #encoded}: for text written again and again (names, words). */
    @Override
    public CsvOut field(final byte[] encoded)
    {
        separate();
        room(encoded.length);
        System.arraycopy(encoded, 0, buffer, position, encoded.length);
        position += encoded.length;
        return this;
    }

    @Override
    public CsvOut text(final byte[] utf8, final int from, final int length)
    {
        separate();
        if (length == 0)
        {
            return this;
        }
        final int end = from + length;
        if (utf8[from] != ' ' && utf8[from] != '#' && utf8[end - 1] != ' ' && !hasSeparators(utf8, from, end))
        {
            room(length);
            System.arraycopy(utf8, from, buffer, position, length);
            position += length;
            return this;
        }
        int quotes = 0;
        for (int i = from; i < end; i++)
        {
            if (utf8[i] == '"')
            {
                quotes++;
            }
        }
        room(length + quotes + 2);
        final byte[] b = buffer;
        int p = position;
        b[p++] = '"';
        for (int i = from; i < end; i++)
        {
            if (utf8[i] == '"')
            {
                b[p++] = '"';
            }
            b[p++] = utf8[i];
        }
        b[p++] = '"';
        position = p;
        return this;
    }

    /** The bytes {@link #field(String)} writes for {@code value}. */
    public static byte[] encoded(final String value)
    {
        final CsvOut out = new CsvOut(value, OutputStream.nullOutputStream(), 3 * value.length() + 2);
        out.field(value);
        return Arrays.copyOf(out.buffer, out.position);
    }

    /** {@link #encoded} of each constant's name, by ordinal. */
    public static byte[][] encodedNames(final Enum<?>[] constants)
    {
        final byte[][] names = new byte[constants.length][];
        for (final Enum<?> constant : constants)
        {
            names[constant.ordinal()] = encoded(constant.name());
        }
        return names;
    }

    /** Whether {@code utf8[from, end)} has a comma, quote or line end, which a field must be quoted for. */
    private static boolean hasSeparators(final byte[] utf8, final int from, final int end)
    {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            if (ByteWords.separators(ByteWords.word(utf8, i)) != 0)
            {
                return true;
            }
        }
        for (; i < end; i++)
        {
            if (utf8[i] == ',' || utf8[i] == '"' || utf8[i] == '\n' || utf8[i] == '\r')
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public CsvOut field(final long value)
    {
        separate();
        room(NUMBER_ROOM);
        position = FixedPoint.writeTo(buffer, position, value, 0);
        return this;
    }

    /** A field that is empty for 0 and the number otherwise. */
    @Override
    public CsvOut fieldUnlessZero(final long value)
    {
        return value == 0 ? field("") : field(value);
    }

    /** A scaled long as plain decimal text with {@code scale} decimals ({@link FixedPoint#format}). */
    @Override
    public CsvOut decimal(final long value, final int scale)
    {
        if (value == Long.MIN_VALUE || scale < 0 || scale > 18)
        {
            return field(FixedPoint.format(value, scale));
        }
        separate();
        room(NUMBER_ROOM);
        position = FixedPoint.writeTo(buffer, position, value, scale);
        return this;
    }

    /** Epoch nanoseconds as an ISO-8601 UTC time ({@link java.time.Instant#toString}). */
    @Override
    public CsvOut time(final long nanos)
    {
        separate();
        room(UtcTimeText.MAX_LENGTH);
        position = times.writeTo(buffer, position, nanos);
        return this;
    }

    private void separate()
    {
        if (fields++ > 0)
        {
            room(1);
            buffer[position++] = ',';
        }
    }

    @Override
    public CsvOut end()
    {
        room(1);
        buffer[position++] = '\n';
        fields = 0;
        return this;
    }

    /** Writes the buffered bytes to the stream and flushes it. */
    @Override
    public void flush()
    {
        try
        {
            drain();
            if (writer != null)
            {
                writer.flush();
            }
            else
            {
                out.flush();
            }
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
    }

    /** Makes room for {@code bytes} more bytes in the buffer, writing it out first when they do not fit. */
    private void room(final int bytes)
    {
        if (position + bytes > buffer.length)
        {
            makeRoom(bytes);
        }
    }

    /** {@link #room} when the bytes do not fit: kept out of line so that the check inlines into every field. */
    private void makeRoom(final int bytes)
    {
        try
        {
            drain();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        if (bytes > buffer.length)
        {
            buffer = new byte[bytes];
        }
    }

    private void drain() throws IOException
    {
        if (position > 0)
        {
            if (writer != null)
            {
                buffer = writer.swap(buffer, position);
            }
            else
            {
                out.write(buffer, 0, position);
            }
            position = 0;
        }
    }

    /**
     * Writes the UTF-8 of {@code value}, quotes doubled when {@code quoted}. Unquoted, stops at the first character
     * that needs quotes (comma, quote, line end) and returns false. Text read as UTF-8 has no unpaired surrogate; one
     * would be written as '?', as Java's encoders replace it.
     */
    private boolean encode(final String value, final boolean quoted)
    {
        final byte[] b = buffer;
        int p = position;
        final int length = value.length();
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                if (c == ',' || c == '"' || c == '\n' || c == '\r')
                {
                    if (!quoted)
                    {
                        return false;
                    }
                    if (c == '"')
                    {
                        b[p++] = '"';
                    }
                }
                b[p++] = (byte)c;
            }
            else if (c < 0x800)
            {
                b[p++] = (byte)(0xC0 | c >> 6);
                b[p++] = (byte)(0x80 | c & 0x3F);
            }
            else if (Character.isSurrogate(c))
            {
                final int code = value.codePointAt(i);
                if (Character.isSupplementaryCodePoint(code))
                {
                    b[p++] = (byte)(0xF0 | code >> 18);
                    b[p++] = (byte)(0x80 | code >> 12 & 0x3F);
                    b[p++] = (byte)(0x80 | code >> 6 & 0x3F);
                    b[p++] = (byte)(0x80 | code & 0x3F);
                    i++;
                }
                else
                {
                    b[p++] = '?';
                }
            }
            else
            {
                b[p++] = (byte)(0xE0 | c >> 12);
                b[p++] = (byte)(0x80 | c >> 6 & 0x3F);
                b[p++] = (byte)(0x80 | c & 0x3F);
            }
        }
        position = p;
        return true;
    }

    /** A leading or trailing space, or a leading '#' (a comment to some readers), needs quotes too. */
    private static boolean edgeNeedsQuotes(final String value)
    {
        return value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ' || value.charAt(0) == '#';
    }

    private UncheckedIOException failed(final IOException ex)
    {
        return new UncheckedIOException("cannot write " + name + ": " + FileProblems.reason(ex), ex);
    }

    /** Gzip at the fastest level: large outputs shrink about sixfold and the writing thread keeps up. */
    private static final class FastestGzip extends GZIPOutputStream
    {
        FastestGzip(final OutputStream out) throws IOException
        {
            super(out, BUFFER_SIZE);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    @Override
    public void close()
    {
        try (Closeable sink = writer != null ? writer : out)
        {
            drain();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
    }
}
