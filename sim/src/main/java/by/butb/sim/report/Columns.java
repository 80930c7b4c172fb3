package by.butb.sim.report;

import java.util.List;

/** A plain-text table: columns padded to their widest cell, a rule under the header row. */
final class Columns
{
    private Columns()
    {
    }

    /** The rows (the first is the header) with the first {@code leftColumns} columns left-aligned, others right. */
    static String format(final List<String[]> rows, final int leftColumns)
    {
        final int[] widths = new int[rows.get(0).length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++)
        {
            final String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++)
            {
                sb.append(i == 0 ? "" : "  ").append(i < leftColumns ? String.format("%-" + widths[i] + "s", row[i]) :
                    String.format("%" + widths[i] + "s", row[i]));
            }
            sb.append('\n');
            if (r == 0)
            {
                int total = 0;
                for (final int w : widths)
                {
                    total += w + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
        return sb.toString();
    }
}
