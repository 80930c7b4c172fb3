package by.butb.sim.experiment;

import by.butb.sim.agents.MetricRow;
import by.butb.sim.agents.Svg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The self-contained HTML report of an experiment (no script, no network): for each instrument and main metric
 * of the whole run, the metric against each varied parameter (one line per combination of the other parameters),
 * mean over seeds with its 95 % confidence interval; then a table of every combination.
 */
public final class ExperimentReport
{
    /** The metrics drawn (those of the whole run, day "all"). */
    static final List<String> METRICS = List.of("volume", "traded_value", "vwap", "efficiency_pct",
        "smith_alpha_pct", "spread_mean");
    private static final String[] COLOURS = {"#1f5fa8", "#b03030", "#2a8a3a", "#b06a10", "#6a3d9a", "#555555"};

    private ExperimentReport()
    {
    }

    public static String html(final String name, final List<String> parameters, final List<ExperimentCsv.Row> rows)
    {
        final Map<String, Map<List<String>, List<Double>>> byMetric = new LinkedHashMap<>();
        final List<Set<String>> levels = new ArrayList<>();
        parameters.forEach(p -> levels.add(new LinkedHashSet<>()));
        final Set<Long> seeds = new LinkedHashSet<>();
        for (final ExperimentCsv.Row r : rows)
        {
            for (int i = 0; i < parameters.size(); i++)
            {
                levels.get(i).add(r.values().get(i));
            }
            seeds.add(r.seed());
            if (r.day().equals("all") && r.subject().isEmpty() && METRICS.contains(r.metric()))
            {
                byMetric.computeIfAbsent(r.instrument() + " " + r.metric(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.values(), k -> new ArrayList<>()).add(r.value());
            }
        }
        final StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>").append(Svg.esc(name)).append("</title><style>body{font-family:sans-serif;")
            .append("max-width:980px;margin:1em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
            .append("padding:2px 6px;text-align:right}</style></head><body>\n<h1>Experiment ")
            .append(Svg.esc(name)).append("</h1>\n<p>").append(seeds.size()).append(" seed(s) per combination; ")
            .append("points are means over the seeds, bars their 95 % confidence intervals (Student's t).</p>\n");
        for (final Map.Entry<String, Map<List<String>, List<Double>>> e : byMetric.entrySet())
        {
            sb.append("<h2>").append(Svg.esc(e.getKey())).append("</h2>\n");
            for (int p = 0; p < parameters.size(); p++)
            {
                sb.append(chart(e.getKey(), parameters, levels, p, e.getValue()));
            }
            sb.append(table(parameters, e.getValue()));
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String chart(final String title, final List<String> parameters, final List<Set<String>> levels,
        final int p, final Map<List<String>, List<Double>> cells)
    {
        final List<String> xs = new ArrayList<>(levels.get(p));
        final Map<String, double[][]> series = new LinkedHashMap<>();
        for (final Map.Entry<List<String>, List<Double>> cell : cells.entrySet())
        {
            final List<String> values = cell.getKey();
            final StringBuilder label = new StringBuilder();
            for (int i = 0; i < parameters.size(); i++)
            {
                if (i != p)
                {
                    label.append(label.length() == 0 ? "" : ", ").append(parameters.get(i)).append('=')
                        .append(values.get(i));
                }
            }
            final double[][] s = series.computeIfAbsent(label.length() == 0 ? title : label.toString(),
                k -> new double[3][xs.size()]);
            final int x = xs.indexOf(values.get(p));
            final Stats st = Stats.of(cell.getValue());
            s[0][x] = x;
            s[1][x] = st.mean();
            s[2][x] = st.halfWidth();
        }
        final List<Svg.Series> lines = new ArrayList<>();
        int c = 0;
        for (final Map.Entry<String, double[][]> s : series.entrySet())
        {
            lines.add(new Svg.Series(s.getKey(), COLOURS[c++ % COLOURS.length], s.getValue()[0], s.getValue()[1],
                s.getValue()[2], false));
        }
        return Svg.chart(title + " against " + parameters.get(p), parameters.get(p), lines, 0, 0, xs);
    }

    private static String table(final List<String> parameters, final Map<List<String>, List<Double>> cells)
    {
        final StringBuilder sb = new StringBuilder("<table><tr>");
        parameters.forEach(p -> sb.append("<th>").append(Svg.esc(p)).append("</th>"));
        sb.append("<th>seeds</th><th>mean</th><th>95 % CI</th></tr>\n");
        for (final Map.Entry<List<String>, List<Double>> cell : cells.entrySet())
        {
            final Stats st = Stats.of(cell.getValue());
            sb.append("<tr>");
            cell.getKey().forEach(v -> sb.append("<td>").append(Svg.esc(v)).append("</td>"));
            sb.append("<td>").append(st.n()).append("</td><td>").append(MetricRow.format(st.mean()))
                .append("</td><td>").append(MetricRow.format(st.low())).append(" .. ")
                .append(MetricRow.format(st.high())).append("</td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }
}
