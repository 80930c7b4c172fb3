package by.butb.engine.csv;

/**
 * The strings of a CSV file's fields, reused from row to row where a column repeats a few values (participants,
 * instruments, sides): per column, a small table of the strings seen last, found by the characters' hash. A column
 * whose values seldom repeat (ids, prices, times) stops being looked up after {@link #TRIAL_ROWS} rows, so it costs
 * one new string per field as without the table. Equal text gives an equal string either way; a reused one has its
 * hash already computed and compares by identity with itself. Not thread-safe: one parser.
 */
final class FieldStrings
{
    /** Columns with a table; fields of later columns are always new strings. */
    static final int COLUMNS = 32;
    /** Fields longer than this are always new strings. */
    static final int MAX_LENGTH = 32;
    static final int TRIAL_ROWS = 1024;
    private static final int SLOTS = 64;

    private final String[][] tables = new String[COLUMNS][];
    private final int[] lookups = new int[COLUMNS];
    private final int[] hits = new int[COLUMNS];
    private final boolean[] off = new boolean[COLUMNS];

    /** {@code chars[start, start + length)} as a string, reused when the column saw the same text lately. */
    String of(final int column, final char[] chars, final int start, final int length)
    {
        if (column >= COLUMNS || length > MAX_LENGTH || off[column])
        {
            return new String(chars, start, length);
        }
        int hash = 0;
        for (int i = start, end = start + length; i < end; i++)
        {
            hash = 31 * hash + chars[i];
        }
        String[] table = tables[column];
        if (table == null)
        {
            table = new String[SLOTS];
            tables[column] = table;
        }
        final int slot = (hash ^ hash >>> 7) & SLOTS - 1;
        final String known = table[slot];
        if (known != null && known.length() == length && sameChars(known, chars, start))
        {
            hits[column]++;
            count(column);
            return known;
        }
        final String created = new String(chars, start, length);
        table[slot] = created;
        count(column);
        return created;
    }

    private void count(final int column)
    {
        if (++lookups[column] == TRIAL_ROWS && hits[column] < TRIAL_ROWS / 2)
        {
            off[column] = true;
            tables[column] = null;
        }
    }

    private static boolean sameChars(final String known, final char[] chars, final int start)
    {
        for (int i = 0; i < known.length(); i++)
        {
            if (known.charAt(i) != chars[start + i])
            {
                return false;
            }
        }
        return true;
    }
}
