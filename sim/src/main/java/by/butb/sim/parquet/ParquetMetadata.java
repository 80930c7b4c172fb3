package by.butb.sim.parquet;

import by.butb.sim.replay.Column;

import java.util.List;

/**
 * The Thrift structs of a Parquet file that this writer needs (field ids of parquet-format's parquet.thrift):
 * a data page's header and the footer's FileMetaData (schema, row groups, column chunks).
 *
 * <p>How a {@link Column} is stored: INTEGER as INT64; DECIMAL as INT64 annotated DECIMAL(18, scale); TIME as
 * INT64 annotated TIMESTAMP(isAdjustedToUTC = true, NANOS); TEXT as BYTE_ARRAY annotated STRING (UTF8). Required
 * columns are REQUIRED, the others OPTIONAL.
 */
final class ParquetMetadata
{
    /** Digits of a DECIMAL column: what INT64 holds in full. */
    static final int DECIMAL_PRECISION = 18;

    private static final int TYPE_INT64 = 2;
    private static final int TYPE_BYTE_ARRAY = 6;
    private static final int REQUIRED = 0;
    private static final int OPTIONAL = 1;
    private static final int CONVERTED_UTF8 = 0;
    private static final int CONVERTED_DECIMAL = 5;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int PAGE_DATA = 0;
    private static final int LOGICAL_STRING = 1;
    private static final int LOGICAL_DECIMAL = 5;
    private static final int LOGICAL_TIMESTAMP = 8;
    private static final int TIME_UNIT_NANOS = 3;

    /** A column chunk as written: its file offset, values (nulls included) and sizes with page headers. */
    record Chunk(long offset, long values, long uncompressedBytes, long compressedBytes)
    {
    }

    /** A row group as written: its rows and its chunks, one per column in schema order. */
    record RowGroup(long rows, List<Chunk> chunks)
    {
    }

    private ParquetMetadata()
    {
    }

    /** PageHeader of a DATA_PAGE (version 1): PLAIN values, RLE definition and repetition levels. */
    static void dataPageHeader(final ThriftCompactWriter t, final int values, final int uncompressed,
        final int compressed)
    {
        t.beginStruct()
            .i32Field(1, PAGE_DATA)
            .i32Field(2, uncompressed)
            .i32Field(3, compressed)
            .structField(5)
            .i32Field(1, values)
            .i32Field(2, ENCODING_PLAIN)
            .i32Field(3, ENCODING_RLE)
            .i32Field(4, ENCODING_RLE)
            .endStruct()
            .endStruct();
    }

    /** FileMetaData: format version 1, the schema (a root and one leaf per column), the row groups. */
    static void fileMetaData(final ThriftCompactWriter t, final List<Column> columns, final List<RowGroup> groups,
        final String createdBy)
    {
        long rows = 0;
        for (final RowGroup group : groups)
        {
            rows += group.rows();
        }
        t.beginStruct().i32Field(1, 1);
        t.listField(2, ThriftCompactWriter.STRUCT, columns.size() + 1);
        t.beginStruct().stringField(4, "schema").i32Field(5, columns.size()).endStruct();
        for (final Column column : columns)
        {
            schemaElement(t, column);
        }
        t.i64Field(3, rows);
        t.listField(4, ThriftCompactWriter.STRUCT, groups.size());
        for (final RowGroup group : groups)
        {
            rowGroup(t, columns, group);
        }
        t.stringField(6, createdBy).endStruct();
    }

    private static void schemaElement(final ThriftCompactWriter t, final Column column)
    {
        t.beginStruct()
            .i32Field(1, column.type() == Column.Type.TEXT ? TYPE_BYTE_ARRAY : TYPE_INT64)
            .i32Field(3, column.required() ? REQUIRED : OPTIONAL)
            .stringField(4, column.name());
        switch (column.type())
        {
            case TEXT -> t.i32Field(6, CONVERTED_UTF8)
                .structField(10).structField(LOGICAL_STRING).endStruct().endStruct();
            case DECIMAL -> t.i32Field(6, CONVERTED_DECIMAL)
                .i32Field(7, column.scale())
                .i32Field(8, DECIMAL_PRECISION)
                .structField(10).structField(LOGICAL_DECIMAL)
                .i32Field(1, column.scale()).i32Field(2, DECIMAL_PRECISION)
                .endStruct().endStruct();
            case TIME -> t.structField(10).structField(LOGICAL_TIMESTAMP)
                .boolField(1, true)
                .structField(2).structField(TIME_UNIT_NANOS).endStruct().endStruct()
                .endStruct().endStruct();
            case INTEGER ->
            {
            }
        }
        t.endStruct();
    }

    private static void rowGroup(final ThriftCompactWriter t, final List<Column> columns, final RowGroup group)
    {
        long bytes = 0;
        for (final Chunk chunk : group.chunks())
        {
            bytes += chunk.uncompressedBytes();
        }
        t.beginStruct().listField(1, ThriftCompactWriter.STRUCT, columns.size());
        for (int i = 0; i < columns.size(); i++)
        {
            final Column column = columns.get(i);
            final Chunk chunk = group.chunks().get(i);
            t.beginStruct()
                .i64Field(2, chunk.offset())
                .structField(3)
                .i32Field(1, column.type() == Column.Type.TEXT ? TYPE_BYTE_ARRAY : TYPE_INT64)
                .listField(2, ThriftCompactWriter.I32, 2).i32(ENCODING_PLAIN).i32(ENCODING_RLE)
                .listField(3, ThriftCompactWriter.BINARY, 1).string(column.name())
                .i32Field(4, PageCompressor.CODEC_ZSTD)
                .i64Field(5, chunk.values())
                .i64Field(6, chunk.uncompressedBytes())
                .i64Field(7, chunk.compressedBytes())
                .i64Field(9, chunk.offset())
                .endStruct()
                .endStruct();
        }
        t.i64Field(2, bytes).i64Field(3, group.rows()).endStruct();
    }
}
