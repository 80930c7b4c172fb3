package by.butb.sim;

import by.butb.engine.csv.CsvRow;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Reads Parquet files with DuckDB (an independent reader) and compares them with the CSV of the same table. A JUnit
 * extension: a test class registers one ({@code @RegisterExtension static final DuckDbTables DUCK_DB = new
 * DuckDbTables();}) and it closes after the class's tests.
 */
public final class DuckDbTables implements AfterAllCallback
{
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

    private final Connection connection;

    public DuckDbTables()
    {
        try
        {
            connection = DriverManager.getConnection("jdbc:duckdb:");
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot open DuckDB in memory", ex);
        }
    }

    /** Column name to the type DuckDB reads it as (DESCRIBE), in the file's order. */
    public Map<String, String> types(final Path parquet) throws SQLException
    {
        final Map<String, String> types = new LinkedHashMap<>();
        for (final List<String> row : rows("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')"))
        {
            types.put(row.get(0), row.get(1));
        }
        return types;
    }

    /** Column name to its Parquet repetition (REQUIRED or OPTIONAL), from the file's schema. */
    public Map<String, String> repetitions(final Path parquet) throws SQLException
    {
        final Map<String, String> repetitions = new LinkedHashMap<>();
        for (final List<String> row : rows("SELECT name, repetition_type FROM parquet_schema('" + parquet +
            "') WHERE num_children IS NULL"))
        {
            repetitions.put(row.get(0), row.get(1));
        }
        return repetitions;
    }

    /** Row groups in the file. */
    public long rowGroups(final Path parquet) throws SQLException
    {
        return Long.parseLong(rows("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + parquet + "')")
            .get(0).get(0));
    }

    /** Every row of a query, each value as DuckDB's text (null for NULL). */
    public List<List<String>> rows(final String sql) throws SQLException
    {
        final List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql))
        {
            final int columns = r.getMetaData().getColumnCount();
            while (r.next())
            {
                final List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++)
                {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Asserts that the Parquet file holds every row and column of the CSV, in order: the same column names; integers,
     * decimals (by value), times (to the nanosecond) and text equal; an empty CSV field a null. A CSV value that is
     * not a decimal at the column's scale (the price of an order row the replay could not read) must be a null.
     *
     * @return how many CSV values were such unreadable decimals.
     */
    public int assertSameTable(final Path csv, final Path parquet) throws Exception
    {
        final Map<String, String> types = types(parquet);
        final List<String> names = new ArrayList<>(types.keySet());
        assertEquals(Files.readAllLines(csv).get(0), String.join(",", names), "columns of " + parquet);
        final List<CsvRow> expected = Butb.csv(csv);
        final StringBuilder select = new StringBuilder();
        for (final String name : names)
        {
            select.append(select.length() == 0 ? "" : ", ")
                .append(types.get(name).startsWith("TIMESTAMP") ? "epoch_ns(\"" + name + "\")" : "\"" + name + "\"");
        }
        int unreadable = 0;
        int row = 0;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT " + select + " FROM read_parquet('" + parquet + "')"))
        {
            while (r.next())
            {
                final CsvRow csvRow = expected.get(row++);
                for (int i = 0; i < names.size(); i++)
                {
                    final String where = parquet.getFileName() + " row " + row + " column " + names.get(i);
                    unreadable += assertSameValue(csvRow.get(names.get(i)), types.get(names.get(i)), r, i + 1, where);
                }
            }
        }
        assertEquals(expected.size(), row, "rows of " + parquet);
        return unreadable;
    }

    private static int assertSameValue(final String text, final String type, final ResultSet r, final int column,
        final String where) throws SQLException
    {
        final Object value = r.getObject(column);
        final Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches() && !text.isEmpty() && !isDecimal(text, Integer.parseInt(decimal.group(2))))
        {
            assertNull(value, where + ": '" + text + "' is no decimal at the column's scale");
            return 1;
        }
        if (text.isEmpty())
        {
            assertNull(value, where);
            return 0;
        }
        assertNotNull(value, where + ": '" + text + "'");
        if (decimal.matches())
        {
            assertEquals(0, new BigDecimal(text).compareTo(r.getBigDecimal(column)), where + ": " + text);
        }
        else if (type.equals("BIGINT"))
        {
            assertEquals(Long.parseLong(text), r.getLong(column), where);
        }
        else if (type.startsWith("TIMESTAMP"))
        {
            final Instant instant = Instant.parse(text);
            assertEquals(instant.getEpochSecond() * 1_000_000_000L + instant.getNano(), r.getLong(column), where);
        }
        else
        {
            assertEquals(text, r.getString(column), where);
        }
        return 0;
    }

    private static boolean isDecimal(final String text, final int scale)
    {
        if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)"))
        {
            return false;
        }
        final BigDecimal value = new BigDecimal(text);
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= scale;
    }

    @Override
    public void afterAll(final ExtensionContext context) throws SQLException
    {
        connection.close();
    }
}
