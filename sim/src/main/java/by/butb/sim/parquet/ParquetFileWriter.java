package by.butb.sim.parquet;

import by.butb.engine.files.FileProblems;
import by.butb.engine.model.FixedPoint;
import by.butb.sim.replay.Column;
import by.butb.sim.replay.TableOut;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a table as a Parquet file: "PAR1", row groups of column chunks (PLAIN-encoded data pages, zstd-compressed,
 * see {@link ParquetColumn}), the FileMetaData footer, its length and "PAR1" ({@link ParquetMetadata} says how each
 * column type is stored).
 *
 * <p>Rows are kept in memory, compressed page by page, until the row group ends ({@link #DEFAULT_ROW_GROUP_ROWS}
 * rows or {@link #DEFAULT_ROW_GROUP_BYTES} of compressed data), then written: memory stays flat whatever the size
 * of the table. A file is complete only once {@link #close} has written the footer.
 *
 * <p>A field given as text is read as its column's type: an empty text, or one that is not a value of the type
 * (the price of an order row the replay could not read), is a null; in a required column it is an error. A decimal
 * is rescaled to its column's scale; one that does not fit 18 digits (the price of an absurd order the engine
 * rejected) is a null in an optional column and an error in a required one. One thread; errors are
 * {@link UncheckedIOException}s naming the file.
 */
public final class ParquetFileWriter implements TableOut
{
    static final long DEFAULT_ROW_GROUP_ROWS = 1 << 20;
    static final long DEFAULT_ROW_GROUP_BYTES = 16L << 20;
    static final int DEFAULT_PAGE_BYTES = 256 << 10;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_UNSCALED = FixedPoint.pow10(ParquetMetadata.DECIMAL_PRECISION) - 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** What {@link #rescale} gives for a value that is not a DECIMAL(18, scale) (outside of its range). */
    private static final long NOT_A_DECIMAL = Long.MIN_VALUE;
    /** The buffered bytes are added up every 64 rows: a row group may pass its byte limit by 63 rows. */
    private static final long BYTES_CHECK_MASK = 63;

    private final String name;
    private final OutputStream out;
    private final List<Column> schema;
    private final ParquetColumn[] columns;
    private final long rowGroupRows;
    private final long rowGroupBytes;
    private final List<ParquetMetadata.RowGroup> written = new ArrayList<>();
    private long position;
    private long groupRows;
    private int next;

    ParquetFileWriter(final String name, final OutputStream out, final List<Column> columns, final long rowGroupRows,
        final long rowGroupBytes, final int pageBytes) throws IOException
    {
        this.name = name;
        this.out = out;
        this.schema = List.copyOf(columns);
        this.rowGroupRows = rowGroupRows;
        this.rowGroupBytes = rowGroupBytes;
        final PageCompressor compressor = new PageCompressor();
        final ByteSink page = new ByteSink(1 << 12);
        this.columns = new ParquetColumn[columns.size()];
        for (int i = 0; i < this.columns.length; i++)
        {
            this.columns[i] = new ParquetColumn(columns.get(i), pageBytes, page, compressor);
        }
        out.write(MAGIC);
        position = MAGIC.length;
    }

    /** A writer of the new file {@code file} (replacing one there) with default row group and page sizes. */
    public static ParquetFileWriter create(final Path file, final List<Column> columns) throws IOException
    {
        final OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try
        {
            return new ParquetFileWriter(file.getFileName().toString(), out, columns, DEFAULT_ROW_GROUP_ROWS,
                DEFAULT_ROW_GROUP_BYTES, DEFAULT_PAGE_BYTES);
        }
        catch (final IOException | RuntimeException ex)
        {
            out.close();
            throw ex;
        }
    }

    @Override
    public ParquetFileWriter field(final String value)
    {
        final ParquetColumn column = nextColumn();
        if (value == null || value.isEmpty())
        {
            return text(column, value, null);
        }
        switch (column.column().type())
        {
            case TEXT ->
            {
                final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                column.addBytes(bytes, 0, bytes.length);
            }
            case INTEGER -> text(column, value, parseInteger(value));
            case DECIMAL -> text(column, value, parseDecimal(value, column.column().scale()));
            case TIME -> text(column, value, parseTime(value));
        }
        return this;
    }

    @Override
    public ParquetFileWriter field(final byte[] encoded)
    {
        if (nextType() != Column.Type.TEXT || encoded.length > 0 && encoded[0] == '"')
        {
            return field(unquote(encoded));
        }
        nextColumn().addBytes(encoded, 0, encoded.length);
        return this;
    }

    @Override
    public ParquetFileWriter text(final byte[] utf8, final int from, final int length)
    {
        return field(new String(utf8, from, length, StandardCharsets.UTF_8));
    }

    @Override
    public ParquetFileWriter field(final long value)
    {
        return decimal(value, 0);
    }

    @Override
    public ParquetFileWriter fieldUnlessZero(final long value)
    {
        return value == 0 ? field("") : field(value);
    }

    @Override
    public ParquetFileWriter decimal(final long value, final int scale)
    {
        final Column.Type type = nextType();
        if (type == Column.Type.DECIMAL || type == Column.Type.INTEGER && scale == 0)
        {
            final ParquetColumn column = nextColumn();
            if (type == Column.Type.INTEGER)
            {
                column.addLong(value);
            }
            else
            {
                final long unscaled = rescale(column.column(), value, scale);
                if (unscaled == NOT_A_DECIMAL)
                {
                    return text(column, FixedPoint.format(value, scale) + " (more than " +
                        ParquetMetadata.DECIMAL_PRECISION + " digits at scale " + column.column().scale() + ")", null);
                }
                column.addLong(unscaled);
            }
            return this;
        }
        return field(FixedPoint.format(value, scale));
    }

    @Override
    public ParquetFileWriter time(final long nanos)
    {
        if (nextType() == Column.Type.TIME)
        {
            nextColumn().addLong(nanos);
            return this;
        }
        return field(Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND),
            Math.floorMod(nanos, NANOS_PER_SECOND)).toString());
    }

    @Override
    public ParquetFileWriter end()
    {
        if (next != columns.length)
        {
            throw new IllegalStateException(name + ": a row of " + next + " fields, the table has " +
                columns.length + " columns");
        }
        next = 0;
        groupRows++;
        if (groupRows >= rowGroupRows || (groupRows & BYTES_CHECK_MASK) == 0 && bufferedBytes() >= rowGroupBytes)
        {
            try
            {
                writeRowGroup();
            }
            catch (final IOException ex)
            {
                throw failed(ex);
            }
        }
        return this;
    }

    /** Nothing to do: rows reach the file a row group at a time, and the file is readable once closed. */
    @Override
    public void flush()
    {
    }

    /** Writes the last row group and the footer, then closes the file. */
    @Override
    public void close()
    {
        try (out)
        {
            if (groupRows > 0)
            {
                writeRowGroup();
            }
            final ByteSink footer = new ByteSink(1 << 12);
            ParquetMetadata.fileMetaData(new ThriftCompactWriter(footer), schema, written, "butb");
            footer.writeIntLe(footer.size());
            footer.write(MAGIC, 0, MAGIC.length);
            footer.writeTo(out);
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
    }

    private long bufferedBytes()
    {
        long bytes = 0;
        for (final ParquetColumn column : columns)
        {
            bytes += column.bufferedBytes();
        }
        return bytes;
    }

    private void writeRowGroup() throws IOException
    {
        final List<ParquetMetadata.Chunk> chunks = new ArrayList<>(columns.length);
        for (final ParquetColumn column : columns)
        {
            final ParquetMetadata.Chunk chunk = column.writeChunk(out, position);
            position += chunk.compressedBytes();
            chunks.add(chunk);
        }
        written.add(new ParquetMetadata.RowGroup(groupRows, chunks));
        groupRows = 0;
    }

    private ParquetColumn nextColumn()
    {
        nextType();
        return columns[next++];
    }

    private Column.Type nextType()
    {
        if (next == columns.length)
        {
            throw new IllegalStateException(name + ": a row of more than " + columns.length + " fields");
        }
        return columns[next].column().type();
    }

    /** Adds {@code value}, or a null when it is null; a null in a required column is an error naming the text. */
    private ParquetFileWriter text(final ParquetColumn column, final String text, final Long value)
    {
        if (value != null)
        {
            column.addLong(value);
        }
        else if (!column.column().required())
        {
            column.addNull();
        }
        else if (column.column().type() == Column.Type.TEXT)
        {
            column.addBytes(new byte[0], 0, 0);
        }
        else
        {
            throw failed(new IOException("column " + column.column().name() + ": '" + (text == null ? "" : text) +
                "' is not a value of type " + column.column().type()));
        }
        return this;
    }

    /** {@code value} at the column's scale, or {@link #NOT_A_DECIMAL} when it does not fit 18 digits there. */
    private static long rescale(final Column column, final long value, final int scale)
    {
        long unscaled;
        try
        {
            unscaled = value;
            if (scale < column.scale())
            {
                unscaled = Math.multiplyExact(value, FixedPoint.pow10(column.scale() - scale));
            }
            else if (scale > column.scale())
            {
                final long divisor = FixedPoint.pow10(scale - column.scale());
                if (value % divisor != 0)
                {
                    return NOT_A_DECIMAL;
                }
                unscaled = value / divisor;
            }
        }
        catch (final ArithmeticException | IllegalArgumentException ex)
        {
            return NOT_A_DECIMAL;
        }
        return unscaled > MAX_UNSCALED || unscaled < -MAX_UNSCALED ? NOT_A_DECIMAL : unscaled;
    }

    private static Long parseInteger(final String text)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private static Long parseDecimal(final String text, final int scale)
    {
        try
        {
            final long value = FixedPoint.parse(text, scale);
            return value > MAX_UNSCALED || value < -MAX_UNSCALED ? null : value;
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private static Long parseTime(final String text)
    {
        try
        {
            final Instant instant = Instant.parse(text.trim());
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            return null;
        }
    }

    /** The text of a CSV field: without its enclosing quotes and with doubled quotes made single. */
    private static String unquote(final byte[] encoded)
    {
        final String text = new String(encoded, StandardCharsets.UTF_8);
        if (text.length() >= 2 && text.charAt(0) == '"' && text.charAt(text.length() - 1) == '"')
        {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text;
    }

    private UncheckedIOException failed(final IOException ex)
    {
        return new UncheckedIOException("cannot write " + name + ": " + FileProblems.reason(ex), ex);
    }
}
