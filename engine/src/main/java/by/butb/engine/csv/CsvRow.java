package by.butb.engine.csv;

import java.util.List;
import java.util.Map;

/** One data row of a CSV file, with its line number and access to fields by column name. */
public final class CsvRow
{
    private final String file;
    private final int line;
    private final Map<String, Integer> columns;
    private final List<String> values;

    CsvRow(final String file, final int line, final Map<String, Integer> columns, final List<String> values)
    {
        this.file = file;
        this.line = line;
        this.columns = columns;
        this.values = values;
    }

    /**
     * A row read by a reader other than {@link CsvReader}: {@code columns} (column name to index, the same map for
     * every row of a file) and {@code values} as that reader would have made them.
     */
    public static CsvRow of(final String file, final int line, final Map<String, Integer> columns,
        final List<String> values)
    {
        return new CsvRow(file, line, columns, values);
    }

    public String file()
    {
        return file;
    }

    public int line()
    {
        return line;
    }

    public boolean has(final String column)
    {
        return columns.containsKey(column);
    }

    /** The trimmed value, or "" when the column is absent or the row is short. */
    public String get(final String column)
    {
        final Integer index = columns.get(column);
        if (index == null || index >= values.size())
        {
            return "";
        }
        return values.get(index).trim();
    }

    /** Where {@code column} is in this row's header, or -1 when it is not there; rows of one file share it. */
    public int columnIndex(final String column)
    {
        final Integer index = columns.get(column);
        return index == null ? -1 : index;
    }

    /** True when {@code other} has the same header (rows of one file do), so that column indexes carry over. */
    public boolean sameColumns(final CsvRow other)
    {
        return other != null && columns == other.columns;
    }

    /** The trimmed value at {@code index} (from {@link #columnIndex}), or "" for -1 or a row that is short. */
    public String get(final int index)
    {
        return index < 0 || index >= values.size() ? "" : values.get(index).trim();
    }

    /** The trimmed value; fails with a located error when it is missing or empty. */
    public String required(final String column)
    {
        final String value = get(column);
        if (value.isEmpty())
        {
            throw error(column, "is missing");
        }
        return value;
    }

    /** Values past the header's last column (0 for a well-formed row). */
    public int extraValues()
    {
        return Math.max(0, values.size() - columns.size());
    }

    /** Says what is wrong with a row that has {@link #extraValues()}. */
    public String extraValuesProblem()
    {
        return "has " + values.size() + " values but the header has " + columns.size() +
            " columns (a value with a comma, such as a decimal comma, must be in double quotes)";
    }

    public CsvException error(final String column, final String problem)
    {
        return new CsvException(file, line, column, problem);
    }
}
