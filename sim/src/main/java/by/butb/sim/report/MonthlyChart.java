package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.sim.study.StudyRun;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monthly traded value per country (one Chart.js bar chart per country, bars stacked by instrument, USD) against
 * the study's figures: under each chart, the country's flows with their periods, the study's figure and what the
 * replay achieved.
 */
public final class MonthlyChart
{
    private MonthlyChart()
    {
    }

    /** A country's chart (its id in {@code charts}) and the lines of its flows. */
    public record Panel(String country, String chartId, List<FlowLine> flows)
    {
    }

    /** One flow under a chart: "cn-timber-9m: study 672,000 m3, replay 672,000 m3 OK", its months, its check. */
    public record FlowLine(String label, String period, boolean ok)
    {
    }

    /**
     * The panels, one per country with trades, in country order; puts each panel's chart data into {@code charts}
     * under its chart id: {kind: "monthly", country, months: ["2024-01", ...] (first to last traded month of the
     * run), datasets: [{label: instrument, colour, data: [{x: month, y: USD}] for the months it traded}]}.
     */
    static List<Panel> panels(final StudyRun.Result result, final Map<String, Object> charts)
    {
        final Catalog catalog = result.plan().catalog();
        // country -> month -> instrument -> value (cents)
        final Map<String, TreeMap<LocalDate, TreeMap<String, Long>>> months = new TreeMap<>();
        final TreeMap<LocalDate, Boolean> traded = new TreeMap<>();
        for (final Map.Entry<Integer, Map<String, TreeMap<Long, long[]>>> i : result.daily().entrySet())
        {
            final String symbol = catalog.instrument(i.getKey()).symbol();
            for (final Map.Entry<String, TreeMap<Long, long[]>> c : i.getValue().entrySet())
            {
                for (final Map.Entry<Long, long[]> d : c.getValue().entrySet())
                {
                    final LocalDate month = LocalDate.ofEpochDay(d.getKey()).withDayOfMonth(1);
                    months.computeIfAbsent(c.getKey(), k -> new TreeMap<>()).computeIfAbsent(month,
                        k -> new TreeMap<>()).merge(symbol, d.getValue()[1], Long::sum);
                    traded.put(month, true);
                }
            }
        }
        final List<String> axis = new ArrayList<>();
        if (!traded.isEmpty())
        {
            for (LocalDate m = traded.firstKey(); !m.isAfter(traded.lastKey()); m = m.plusMonths(1))
            {
                axis.add(month(m));
            }
        }
        final Map<String, String> colour = Palette.ofInstruments(catalog);
        final List<Panel> panels = new ArrayList<>();
        for (final Map.Entry<String, TreeMap<LocalDate, TreeMap<String, Long>>> c : months.entrySet())
        {
            final String id = "monthly-" + c.getKey();
            charts.put(id, chart(c.getKey(), c.getValue(), axis, colour));
            panels.add(new Panel(c.getKey(), id, flows(result, c.getKey())));
        }
        return panels;
    }

    private static Map<String, Object> chart(final String country,
        final TreeMap<LocalDate, TreeMap<String, Long>> byMonth, final List<String> axis,
        final Map<String, String> colour)
    {
        final Map<String, List<Map<String, Object>>> bySymbol = new TreeMap<>();
        for (final Map.Entry<LocalDate, TreeMap<String, Long>> m : byMonth.entrySet())
        {
            for (final Map.Entry<String, Long> e : m.getValue().entrySet())
            {
                final Map<String, Object> point = new LinkedHashMap<>();
                point.put("x", month(m.getKey()));
                point.put("y", BigDecimal.valueOf(e.getValue()).movePointLeft(2));
                bySymbol.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(point);
            }
        }
        final List<Map<String, Object>> datasets = new ArrayList<>();
        for (final Map.Entry<String, List<Map<String, Object>>> e : bySymbol.entrySet())
        {
            final Map<String, Object> dataset = new LinkedHashMap<>();
            dataset.put("label", e.getKey());
            dataset.put("colour", colour.get(e.getKey()));
            dataset.put("data", e.getValue());
            datasets.add(dataset);
        }
        final Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", "monthly");
        chart.put("country", country);
        chart.put("months", axis);
        chart.put("datasets", datasets);
        return chart;
    }

    private static List<FlowLine> flows(final StudyRun.Result result, final String country)
    {
        final List<FlowLine> lines = new ArrayList<>();
        for (final StudyRun.Achieved a : result.flows())
        {
            if (a.target().flow().country().equals(country))
            {
                final boolean ok = StudyReport.ok(a);
                lines.add(new FlowLine(flowLabel(a, ok), month(a.target().flow().start()) + ".." +
                    month(a.target().flow().end()), ok));
            }
        }
        return lines;
    }

    /** "cn-timber-9m: study 672,000 m3, replay 672,000 m3 OK". */
    private static String flowLabel(final StudyRun.Achieved a, final boolean ok)
    {
        final boolean quantity = a.target().quantity() != null;
        final String unit = quantity ? " " + a.target().flow().unit() : "";
        final BigDecimal target = quantity ? a.target().quantity() : a.target().value();
        final BigDecimal achieved = quantity ? a.quantity() : a.value();
        return String.format(Locale.ROOT, "%s: study %s%s%s, replay %s%s %s", a.target().flow().id(),
            quantity ? "" : "USD ", StudyReport.grouped(target, 0), unit, quantity ? "" : "USD ",
            StudyReport.grouped(achieved, 0) + unit, ok ? "OK" : "FAIL");
    }

    private static String month(final LocalDate day)
    {
        return day.toString().substring(0, 7);
    }
}
