package by.butb.sim.experiment;

import by.butb.sim.agents.AgentRun;
import by.butb.sim.agents.MetricRow;

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

    /** Parses the data lines of an experiment CSV with {@code parameters} parameter columns. */
    public static List<Row> parse(final List<String> lines, final int parameters)
    {
        final List<Row> rows = new ArrayList<>();
        for (final String line : lines)
        {
            if (line.isEmpty())
            {
                continue;
            }
            final String[] f = line.split(",", -1);
            final int k = parameters;
            rows.add(new Row(Integer.parseInt(f[0]), List.of(f).subList(1, 1 + k), Long.parseLong(f[1 + k]),
                f[2 + k], f[3 + k], f[4 + k], f[5 + k], Double.parseDouble(f[6 + k])));
        }
        return rows;
    }
}
