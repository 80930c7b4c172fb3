package by.butb.sim.experiment;

import by.butb.sim.agents.AgentRun;
import by.butb.sim.agents.MetricRow;
import by.butb.sim.study.ScenarioException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tidy CSV of an experiment: one row per run x day x instrument x subject x metric, with the run's number,
 * the values of the varied parameters (one column each) and its seed in front (docs/experiments.md). Per-agent
 * profit rows are left out (the per-group means stay).
 */
public final class ExperimentCsv
{
    /** One parsed row. */
    public record Row(int run, List<String> values, long seed, String day, String instrument, String subject,
                      String metric, double value)
    {
    }

    private ExperimentCsv()
    {
    }

    public static String header(final List<String> parameters)
    {
        final StringBuilder sb = new StringBuilder("run");
        parameters.forEach(p -> sb.append(',').append(p));
        return sb.append(",seed,day,instrument,subject,metric,value").toString();
    }

    /** The rows of one run, each line ended by a newline. */
    public static String rows(final Experiment.Run run, final AgentRun.Result result)
    {
        final StringBuilder prefix = new StringBuilder().append(run.number());
        run.values().forEach(v -> prefix.append(',').append(v));
        prefix.append(',').append(run.seed()).append(',');
        final StringBuilder sb = new StringBuilder();
        for (final MetricRow r : result.rows())
        {
            final String v = MetricRow.format(r.value());
            if (!r.metric().equals("profit") && !v.isEmpty())
            {
                sb.append(prefix).append(r.dayText()).append(',').append(r.instrument()).append(',')
                    .append(r.subject()).append(',').append(r.metric()).append(',').append(v).append('\n');
            }
        }
        return sb.toString();
    }

    /** The parameters named by a header line; null when it is not an experiment's header. */
    public static List<String> parameters(final String header)
    {
        final List<String> cols = Arrays.asList(header.split(",", -1));
        final int n = cols.size();
        if (n < 7 || !cols.get(0).equals("run") || !header.endsWith(",seed,day,instrument,subject,metric,value"))
        {
            return null;
        }
        return List.copyOf(cols.subList(1, n - 6));
    }

    /** Parses the data lines of an experiment CSV with {@code parameters} parameter columns, as this program writes. */
    public static List<Row> parse(final List<String> lines, final int parameters)
    {
        return parse(ExperimentFiles.METRICS_FILE, lines, parameters, 2);
    }

    /**
     * Parses the data lines of an experiment CSV {@code file} with {@code parameters} parameter columns, the first of
     * them its line {@code firstLine}; a line that is not such a row is a ScenarioException naming the file, the line
     * and the field.
     */
    public static List<Row> parse(final String file, final List<String> lines, final int parameters,
        final int firstLine)
    {
        final List<Row> rows = new ArrayList<>();
        final int k = parameters;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isEmpty())
            {
                continue;
            }
            final int at = firstLine + i;
            final String[] f = line.split(",", -1);
            if (f.length != k + 7)
            {
                throw new ScenarioException(file, at, null, f.length + " fields, but the header has " + (k + 7) +
                    " (a file cut short, or written by another experiment?)");
            }
            rows.add(new Row((int)number(file, at, "run", f[0], 1, Integer.MAX_VALUE), List.of(f).subList(1, 1 + k),
                number(file, at, "seed", f[1 + k], Long.MIN_VALUE, Long.MAX_VALUE), f[2 + k], f[3 + k], f[4 + k],
                f[5 + k], value(file, at, f[6 + k])));
        }
        return rows;
    }

    private static long number(final String file, final int line, final String field, final String text,
        final long min, final long max)
    {
        try
        {
            final long n = Long.parseLong(text);
            if (n >= min && n <= max)
            {
                return n;
            }
        }
        catch (final NumberFormatException ex)
        {
            // below
        }
        throw new ScenarioException(file, line, field, "'" + text + "' is not a whole number from " + min + " to " +
            max);
    }

    private static double value(final String file, final int line, final String text)
    {
        try
        {
            final double v = Double.parseDouble(text);
            if (Double.isFinite(v))
            {
                return v;
            }
        }
        catch (final NumberFormatException ex)
        {
            // below
        }
        throw new ScenarioException(file, line, "value", "'" + text + "' is not a number");
    }
}
