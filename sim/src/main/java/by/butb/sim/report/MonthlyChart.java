package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.sim.study.StudyRun;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monthly traded value per country (inline SVG, one panel per country, bars stacked by instrument) against the
 * study's figures: under the bars, each of the country's flows spans the months of its period with the study's
 * figure and what the replay achieved.
 */
final class MonthlyChart
{
    private static final int WIDTH = 900;
    private static final int LEFT = 70;
    private static final int BARS = 90;
    private static final int FLOW_ROW = 15;

    private MonthlyChart()
    {
    }

    static String html(final StudyRun.Result result)
    {
        final Catalog catalog = result.plan().catalog();
        // country -> month -> instrument -> value (cents)
        final Map<String, TreeMap<LocalDate, TreeMap<String, Long>>> months = new TreeMap<>();
        final Map<String, Integer> colour = new TreeMap<>();
        LocalDate first = null;
        LocalDate last = null;
        for (final Map.Entry<Integer, Map<String, TreeMap<Long, long[]>>> i : result.daily().entrySet())
        {
            final String symbol = catalog.instrument(i.getKey()).symbol();
            colour.putIfAbsent(symbol, colour.size());
            for (final Map.Entry<String, TreeMap<Long, long[]>> c : i.getValue().entrySet())
            {
                for (final Map.Entry<Long, long[]> d : c.getValue().entrySet())
                {
                    final LocalDate month = LocalDate.ofEpochDay(d.getKey()).withDayOfMonth(1);
                    months.computeIfAbsent(c.getKey(), k -> new TreeMap<>()).computeIfAbsent(month,
                        k -> new TreeMap<>()).merge(symbol, d.getValue()[1], Long::sum);
                    first = first == null || month.isBefore(first) ? month : first;
                    last = last == null || month.isAfter(last) ? month : last;
                }
            }
        }
        if (first == null)
        {
            return "<p>No trades.</p>\n";
        }
        final StringBuilder h = new StringBuilder(legend(colour));
        for (final Map.Entry<String, TreeMap<LocalDate, TreeMap<String, Long>>> c : months.entrySet())
        {
            h.append(panel(c.getKey(), c.getValue(), flowsOf(result, c.getKey()), first, last, colour));
        }
        return h.toString();
    }

    private static List<StudyRun.Achieved> flowsOf(final StudyRun.Result result, final String country)
    {
        return result.flows().stream().filter(a -> a.target().flow().country().equals(country)).toList();
    }

    private static String panel(final String country, final TreeMap<LocalDate, TreeMap<String, Long>> byMonth,
        final List<StudyRun.Achieved> flows, final LocalDate first, final LocalDate last,
        final Map<String, Integer> colour)
    {
        final int count = (int)ChronoUnit.MONTHS.between(first, last) + 1;
        final double slot = (WIDTH - LEFT - 10.0) / count;
        final int height = 20 + BARS + 18 + flows.size() * FLOW_ROW + 6;
        double max = 0;
        for (final TreeMap<String, Long> m : byMonth.values())
        {
            max = Math.max(max, m.values().stream().mapToLong(Long::longValue).sum() / 100.0);
        }
        final double step = Axis.niceStep(max, 2);
        final double top = Math.ceil(max / step) * step;
        final StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n<text x=\"4\" y=\"14\" " +
            "font-weight=\"bold\">%s</text>\n", WIDTH, height, WIDTH, height, Html.esc(country)));
        for (final double t : Axis.ticks(0, top, step))
        {
            final double y = 20 + BARS - t / top * BARS;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                "stroke=\"#eee\"/>" +
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, y, WIDTH - 10, y, LEFT - 4, y + 4,
                money(t)));
        }
        for (int i = 0; i < count; i++)
        {
            final LocalDate month = first.plusMonths(i);
            final double x = LEFT + i * slot;
            double y = 20 + BARS;
            for (final Map.Entry<String, Long> e : byMonth.getOrDefault(month, new TreeMap<>()).entrySet())
            {
                final double usd = e.getValue() / 100.0;
                final double bar = usd / top * BARS;
                y -= bar;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" " +
                    "fill=\"%s\"><title>%s %s %s: USD %,.0f</title></rect>\n", x + 2, y, slot - 4, bar,
                    StudyReport.colour(colour.get(e.getKey())), Html.esc(country), month.toString().substring(0, 7),
                    Html.esc(e.getKey()), usd));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                x + slot / 2, 20 + BARS + 13, month.toString().substring(2, 7)));
        }
        int row = 0;
        for (final StudyRun.Achieved a : flows)
        {
            final LocalDate from = a.target().flow().start().withDayOfMonth(1);
            final LocalDate to = a.target().flow().end().withDayOfMonth(1);
            final double x1 = LEFT + ChronoUnit.MONTHS.between(first, from) * slot + 2;
            final double x2 = LEFT + (ChronoUnit.MONTHS.between(first, to) + 1) * slot - 2;
            final double y = 20 + BARS + 18 + row * FLOW_ROW + 8;
            final boolean ok = StudyReport.ok(a);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" " +
                    "stroke=\"%s\" stroke-width=\"3\"/><text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x1, y, x2, y,
                ok ? "#2e7d32" : "#c62828", Math.min(x1 + 2, WIDTH - 330.0), y - 2, Html.esc(flowLabel(a, ok))));
            row++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** "cn-timber-9m: study 672,000 m3, replay 672,000 m3 OK". */
    private static String flowLabel(final StudyRun.Achieved a, final boolean ok)
    {
        final boolean quantity = a.target().quantity() != null;
        final String unit = quantity ? " " + a.target().flow().unit() : "";
        final BigDecimal target = quantity ? a.target().quantity() : a.target().value();
        final BigDecimal achieved = quantity ? a.quantity() : a.value();
        return String.format(Locale.ROOT, "%s: study %s%s%s, replay %s%s %s", a.target().flow().id(),
            quantity ? "" : "USD ", grouped(target), unit, quantity ? "" : "USD ", grouped(achieved) + unit,
            ok ? "OK" : "FAIL");
    }

    private static String legend(final Map<String, Integer> colour)
    {
        final StringBuilder h = new StringBuilder("<p class=\"note\">Traded value per month (USD), per foreign " +
            "country (what its participants bought, and sold to Belarus); under the bars, each flow of the study " +
            "over its period: the study's figure and the replay's. Instruments: ");
        for (final Map.Entry<String, Integer> e : colour.entrySet())
        {
            h.append("<span style=\"color:").append(StudyReport.colour(e.getValue())).append("\">&#9632;</span> ")
                .append(Html.esc(e.getKey())).append(' ');
        }
        return h.append("</p>\n").toString();
    }

    private static String grouped(final BigDecimal d)
    {
        return String.format(Locale.ROOT, "%,.0f", d);
    }

    private static String money(final double usd)
    {
        return usd >= 1e6 ? String.format(Locale.ROOT, "%s M", trim(usd / 1e6)) : usd >= 1e3 ?
            String.format(Locale.ROOT, "%s k", trim(usd / 1e3)) : trim(usd);
    }

    private static String trim(final double v)
    {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
