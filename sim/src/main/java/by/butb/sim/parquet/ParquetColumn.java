package by.butb.sim.parquet;

import by.butb.sim.replay.Column;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The values of one column in the current row group: PLAIN-encoded into a page, which is compressed and kept, with
 * its header, when it reaches the page size; the row group's column chunk is then written in one piece
 * ({@link #writeChunk}). An optional column keeps a definition level per value (1 a value, 0 a null) as one
 * bit-packed run of the RLE/bit-packed hybrid encoding; nulls take no room among the values. One thread.
 */
final class ParquetColumn
{
    /** Values a page holds at most, whatever their size (bounds the definition levels of a mostly-null page). */
    private static final int MAX_PAGE_VALUES = 1 << 20;

    private final Column column;
    private final int pageBytes;
    private final PageCompressor compressor;
    private final ByteSink values;
    private final ByteSink chunk;
    private final ByteSink header = new ByteSink(64);
    /** Where a page is assembled before compression: shared by the file's columns. */
    private final ByteSink page;
    private byte[] definitions = new byte[1024];
    private int pageValues;
    private long chunkValues;
    private long chunkUncompressed;

    /**
     * @param page       scratch space for assembling a page, shared by the columns of one file (one thread).
     * @param compressor shared likewise.
     */
    ParquetColumn(final Column column, final int pageBytes, final ByteSink page, final PageCompressor compressor)
    {
        this.column = column;
        this.pageBytes = pageBytes;
        this.page = page;
        this.compressor = compressor;
        this.values = new ByteSink(Math.min(pageBytes, 1 << 16) + 64);
        this.chunk = new ByteSink(1 << 12);
    }

    Column column()
    {
        return column;
    }

    void addLong(final long value)
    {
        values.writeLongLe(value);
        defined(true);
    }

    /** A BYTE_ARRAY value: its length, then its bytes. */
    void addBytes(final byte[] bytes, final int offset, final int length)
    {
        values.writeIntLe(length);
        values.write(bytes, offset, length);
        defined(true);
    }

    void addNull()
    {
        defined(false);
    }

    /** The row group's bytes so far: its finished pages (compressed) and the current page (not yet). */
    long bufferedBytes()
    {
        return chunk.size() + values.size() + (pageValues >> 3);
    }

    private void defined(final boolean present)
    {
        if (!column.required())
        {
            final int at = pageValues >> 3;
            if (at == definitions.length)
            {
                definitions = Arrays.copyOf(definitions, definitions.length * 2);
            }
            if (present)
            {
                definitions[at] |= (byte)(1 << (pageValues & 7));
            }
            else
            {
                definitions[at] &= (byte)~(1 << (pageValues & 7));
            }
        }
        pageValues++;
        if (values.size() >= pageBytes || pageValues >= MAX_PAGE_VALUES)
        {
            finishPage();
        }
    }

    /** Compresses the current page, if it has values, and appends it with its header to the chunk. */
    private void finishPage()
    {
        if (pageValues == 0)
        {
            return;
        }
        page.reset();
        if (!column.required())
        {
            // RLE/bit-packed hybrid, bit width 1, preceded by its length: one bit-packed run of 8-value groups.
            final int groups = (pageValues + 7) >> 3;
            final int start = page.size();
            page.writeIntLe(0);
            page.writeVarint((long)groups << 1 | 1);
            page.write(definitions, 0, groups);
            final int length = page.size() - start - 4;
            page.array()[start] = (byte)length;
            page.array()[start + 1] = (byte)(length >>> 8);
            page.array()[start + 2] = (byte)(length >>> 16);
            page.array()[start + 3] = (byte)(length >>> 24);
            Arrays.fill(definitions, 0, groups, (byte)0);
        }
        page.write(values.array(), 0, values.size());
        final int uncompressed = page.size();
        final byte[] compressed = compressor.compress(page.array(), uncompressed);
        final int compressedSize = compressor.compressedSize();
        header.reset();
        ParquetMetadata.dataPageHeader(new ThriftCompactWriter(header), pageValues, uncompressed, compressedSize);
        chunk.write(header.array(), 0, header.size());
        chunk.write(compressed, 0, compressedSize);
        chunkUncompressed += header.size() + uncompressed;
        chunkValues += pageValues;
        pageValues = 0;
        values.reset();
    }

    /**
     * Finishes the last page and writes the chunk to {@code out} at file position {@code offset}; returns what the
     * file metadata says of it, and starts an empty chunk for the next row group.
     */
    ParquetMetadata.Chunk writeChunk(final OutputStream out, final long offset) throws IOException
    {
        finishPage();
        chunk.writeTo(out);
        final ParquetMetadata.Chunk written = new ParquetMetadata.Chunk(offset, chunkValues, chunkUncompressed,
            chunk.size());
        chunk.reset();
        chunkValues = 0;
        chunkUncompressed = 0;
        return written;
    }
}
