package by.butb.sim.parquet;

import by.butb.sim.DuckDbTables;
import by.butb.sim.replay.Column;
import by.butb.sim.replay.CsvOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ParquetFileWriter}: files DuckDB reads back value for value, whatever the row groups and pages. */
class ParquetFileWriterTest
{
    private static final List<Column> COLUMNS = List.of(Column.integer("id"), Column.time("time"),
        Column.optionalInteger("maybe"), Column.decimal("amount", 3), Column.optionalDecimal("price", 2),
        Column.text("name"), Column.optionalText("note"));
    private static final long T0 = 1_709_283_600_000_000_007L;

    @TempDir
    static Path dir;
    @RegisterExtension
    static final DuckDbTables DUCK_DB = new DuckDbTables();



    @Test
    void rowsOverManyRowGroupsAndPagesAreReadBackEveryOne() throws Exception
    {
        final Path file = dir.resolve("many.parquet");
        writeRows(writer(file, 4_000, Long.MAX_VALUE, 2_048), 25_000);
        assertEquals(7, DUCK_DB.rowGroups(file));
        assertRowsReadBack(file, 25_000);
    }

    @Test
    void aRowGroupAlsoEndsWhenItsCompressedPagesReachTheByteLimit() throws Exception
    {
        final Path file = dir.resolve("bytes.parquet");
        writeRows(writer(file, Long.MAX_VALUE, 50_000, 4_096), 25_000);
        assertTrue(DUCK_DB.rowGroups(file) > 2, "row groups: " + DUCK_DB.rowGroups(file));
        assertRowsReadBack(file, 25_000);
    }

    private static void writeRows(final ParquetFileWriter writer, final int rows)
    {
        try (ParquetFileWriter out = writer)
        {
            for (int i = 0; i < rows; i++)
            {
                out.field(i).time(T0 + i * 1_000_001L);
                if (i % 3 == 0)
                {
                    out.field("");
                }
                else
                {
                    out.fieldUnlessZero(-i);
                }
                out.decimal(i * 7L - 50_000, 3);
                if (i % 5 == 0)
                {
                    out.field("");
                }
                else
                {
                    out.decimal(i, i % 2 == 0 ? 2 : 1);
                }
                out.field(name(i)).field(i % 4 == 0 ? "" : note(i)).end();
            }
        }
    }

    private static void assertRowsReadBack(final Path file, final int rows) throws Exception
    {
        final List<List<String>> read = DUCK_DB.rows("SELECT id, epoch_ns(time), maybe, amount, price, name, note " +
            "FROM read_parquet('" + file + "')");
        assertEquals(rows, read.size());
        for (int i = 0; i < rows; i++)
        {
            final String price = i % 5 == 0 ? null : (i % 2 == 0 ? String.format("%d.%02d", i / 100, i % 100) :
                String.format("%d.%d0", i / 10, i % 10));
            final List<String> expected = Arrays.asList(Integer.toString(i), Long.toString(T0 + i * 1_000_001L),
                i % 3 == 0 ? null : Integer.toString(-i), new BigDecimal(i * 7L - 50_000).movePointLeft(3)
                    .toPlainString(), price, name(i), i % 4 == 0 ? null : note(i));
            assertEquals(expected, read.get(i), "row " + i);
        }
    }

    @Test
    void anEmptyTableIsAFileWithItsColumnsAndNoRows() throws Exception
    {
        final Path file = dir.resolve("empty.parquet");
        writer(file, 100, Long.MAX_VALUE, 100).close();
        assertEquals(List.of(List.of("0")), DUCK_DB.rows("SELECT count(*) FROM read_parquet('" + file + "')"));
        assertEquals(List.of("BIGINT", "TIMESTAMPTZ_NS", "BIGINT", "DECIMAL(18,3)", "DECIMAL(18,2)", "VARCHAR",
            "VARCHAR"), new ArrayList<>(DUCK_DB.types(file).values()));
    }

    @Test
    void typedColumnsReadTheirValuesFromTextAndTextEncodedForCsvIsStoredUnquoted() throws Exception
    {
        final Path file = dir.resolve("text.parquet");
        try (ParquetFileWriter out = writer(file, 100, Long.MAX_VALUE, 100))
        {
            out.field("42").field("2024-03-01T09:00:00.5Z").field("not a number").field("1.5").field("2,50")
                .field(CsvOut.encoded("a,\"b\"")).field(CsvOut.encoded("plain")).end();
        }
        assertEquals(List.of(Arrays.asList("42", "1709283600500000000", null, "1.500", null, "a,\"b\"", "plain")),
            DUCK_DB.rows("SELECT id, epoch_ns(time), maybe, amount, price, name, note FROM read_parquet('" + file +
                "')"));
    }

    @Test
    void aDecimalThatDoesNotFitEighteenDigitsIsANullWhereOptionalAndElseAnErrorNamingTheColumn() throws Exception
    {
        final Path overflow = dir.resolve("overflow-optional.parquet");
        try (ParquetFileWriter out = writer(overflow, 100, Long.MAX_VALUE, 100))
        {
            out.field(1).time(T0).field("").decimal(5, 0).decimal(Long.MAX_VALUE, 2).field("n").field("").end();
        }
        assertEquals(List.of(Arrays.asList("1", "5.000", null)),
            DUCK_DB.rows("SELECT id, amount, price FROM read_parquet('" + overflow + "')"));
        try (ParquetFileWriter out = writer(dir.resolve("overflow.parquet"), 100, Long.MAX_VALUE, 100))
        {
            out.field(1).time(T0).field("");
            final UncheckedIOException tooLarge = assertThrows(UncheckedIOException.class,
                () -> out.decimal(1_000_000_000_000_000L, 0));
            assertTrue(tooLarge.getMessage().contains("overflow.parquet") &&
                tooLarge.getMessage().contains("column amount") &&
                tooLarge.getMessage().contains("more than 18 digits at scale 3"), tooLarge.getMessage());
        }
        try (ParquetFileWriter out = writer(dir.resolve("missing.parquet"), 100, Long.MAX_VALUE, 100))
        {
            final UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> out.field(""));
            assertTrue(missing.getMessage().contains("column id"), missing.getMessage());
        }
    }

    private static ParquetFileWriter writer(final Path file, final long rowGroupRows, final long rowGroupBytes,
        final int pageBytes) throws IOException
    {
        final OutputStream out = Files.newOutputStream(file);
        return new ParquetFileWriter(file.getFileName().toString(), out, COLUMNS, rowGroupRows, rowGroupBytes,
            pageBytes);
    }

    private static String name(final int i)
    {
        return "Мінск-" + i + (i % 7 == 0 ? " \"€𝄞\"" : "");
    }

    private static String note(final int i)
    {
        return "n".repeat(1 + i % 50);
    }
}
