package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.StudyPlan;
import by.butb.sim.study.StudyRun;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a person reads after a study: the per-flow table (printed and summary.csv), the latency percentiles
 * (latency.hgrm) and one self-contained report.html with inline SVG charts (no network, no script).
 */
public final class StudyReport
{
    public static final String SUMMARY_FILE = "summary.csv";
    public static final String REPORT_FILE = "report.html";
    public static final String LATENCY_FILE = "latency.hgrm";
    public static final String TIMING_FILE = "timing.txt";
    /** Tolerances of the checks: quantity within 1 %, value within 5 % of the study's figure. */
    public static final BigDecimal QUANTITY_TOLERANCE_PCT = BigDecimal.ONE;
    public static final BigDecimal VALUE_TOLERANCE_PCT = BigDecimal.valueOf(5);

    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

    private StudyReport()
    {
    }

    /** Difference of achieved to target in percent (2 decimals), or null without a target. */
    public static BigDecimal diffPct(final BigDecimal target, final BigDecimal achieved)
    {
        if (target == null || target.signum() == 0)
        {
            return null;
        }
        return achieved.subtract(target).multiply(BigDecimal.valueOf(100)).divide(target, 2, RoundingMode.HALF_UP);
    }

    /** True when every figure the study gives for the flow is met within tolerance. */
    public static boolean ok(final StudyRun.Achieved a)
    {
        final BigDecimal dq = diffPct(a.target().quantity(), a.quantity());
        final BigDecimal dv = diffPct(a.target().value(), a.value());
        return (dq == null || dq.abs().compareTo(QUANTITY_TOLERANCE_PCT) <= 0) &&
            (dv == null || dv.abs().compareTo(VALUE_TOLERANCE_PCT) <= 0);
    }

    /**
     * Writes the deterministic files into {@code out}: summary.csv, figures.csv and report.html (the same bytes for
     * the same scenario, seed and scale). The wall-clock ones: {@link #writeTiming}.
     */
    public static void write(final StudyRun.Result result, final Path out) throws IOException
    {
        try (Writer w = Files.newBufferedWriter(out.resolve(SUMMARY_FILE), StandardCharsets.UTF_8))
        {
            w.write(summaryCsv(result));
        }
        Files.writeString(out.resolve(FigureReport.FIGURES_FILE), FigureReport.csv(result), StandardCharsets.UTF_8);
        try (Writer w = Files.newBufferedWriter(out.resolve(REPORT_FILE), StandardCharsets.UTF_8))
        {
            w.write(html(result));
        }
    }

    /**
     * Writes the run's wall-clock figures, which differ from run to run: timing.txt (planning and replay time, the
     * route, the latency percentiles and what they measure) and latency.hgrm (HdrHistogram's percentile
     * distribution, microseconds).
     *
     * @param plannedNanos the time the plan took, in nanoseconds.
     */
    public static void writeTiming(final StudyRun.Result result, final long plannedNanos, final Path out)
        throws IOException
    {
        try (PrintStream p = new PrintStream(Files.newOutputStream(out.resolve(LATENCY_FILE)), false,
            StandardCharsets.UTF_8))
        {
            result.latency().outputPercentileDistribution(p, 1000.0);
        }
        Files.writeString(out.resolve(TIMING_FILE), String.format(Locale.ROOT,
            "Wall-clock figures of this run (they differ from run to run; the other output files do not).%n" +
                "planned in %.2f s, replayed in %.2f s%nroute: %s%n%s%n%s%nFull distribution: %s%n",
            plannedNanos / 1e9, result.wallNanos() / 1e9, result.route(), latencyLine(result), latencyNote(result),
            LATENCY_FILE), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ summary.csv

    public static String summaryCsv(final StudyRun.Result result)
    {
        final StringBuilder sb = new StringBuilder("flow,buyer_country,commodity,period_start,period_end,mechanism," +
            "unit,target_quantity,achieved_quantity,quantity_diff_pct,target_value_usd,achieved_value_usd," +
            "value_diff_pct,trades,vwap_usd,check,seed_line,how\n");
        for (final StudyRun.Achieved a : result.flows())
        {
            final Scenario.Flow f = a.target().flow();
            sb.append(f.id()).append(',').append(f.country()).append(',').append(f.commodity()).append(',')
                .append(f.start()).append(',').append(f.end()).append(',').append(f.mechanism()).append(',')
                .append(f.unit()).append(',')
                .append(plain(a.target().quantity())).append(',')
                .append(a.target().quantity() == null ? "" : plain(a.quantity())).append(',')
                .append(plain(diffPct(a.target().quantity(), a.quantity()))).append(',')
                .append(plain(a.target().value())).append(',')
                .append(plain(a.value().setScale(2, RoundingMode.HALF_UP))).append(',')
                .append(plain(diffPct(a.target().value(), a.value()))).append(',')
                .append(a.trades()).append(',')
                .append(plain(a.vwap())).append(',')
                .append(ok(a) ? "OK" : "FAIL").append(',')
                .append(f.seedLine()).append(',')
                .append(csv(a.target().how())).append('\n');
        }
        return sb.toString();
    }

    private static String csv(final String text)
    {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String plain(final BigDecimal d)
    {
        return d == null ? "" : d.stripTrailingZeros().scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY)
            .toPlainString() : d.stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------------------------------ the table

    /** The per-flow table as printed: target against achieved, differences in %, trades, VWAP, check. */
    public static String table(final StudyRun.Result result)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"flow", "ctry", "period", "target qty", "achieved qty", "diff %", "target USD",
            "achieved USD", "diff %", "trades", "VWAP", "check"});
        for (final StudyRun.Achieved a : result.flows())
        {
            final Scenario.Flow f = a.target().flow();
            final String unit = f.unit().isEmpty() ? "" : " " + f.unit();
            rows.add(new String[] {
                f.id(), f.country(), f.start().toString().substring(2, 7) + ".." + f.end().toString().substring(2, 7),
                a.target().quantity() == null ? "-" : grouped(a.target().quantity(), 0) + unit,
                a.target().quantity() == null ? "-" : grouped(a.quantity(), 0) + unit,
                pct(diffPct(a.target().quantity(), a.quantity())),
                a.target().value() == null ? "-" : grouped(a.target().value(), 0),
                grouped(a.value(), 0),
                pct(diffPct(a.target().value(), a.value())),
                String.format(Locale.ROOT, "%,d", a.trades()),
                a.vwap() == null ? "-" : grouped(a.vwap(), 2),
                ok(a) ? "OK" : "FAIL"});
        }
        return Columns.format(rows, 3);
    }

    private static String pct(final BigDecimal d)
    {
        return d == null ? "-" : (d.signum() > 0 ? "+" : "") + d.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String grouped(final BigDecimal d, final int decimals)
    {
        return String.format(Locale.ROOT, "%,." + decimals + "f", d);
    }

    /** The latency line printed after the table: percentiles in microseconds. */
    public static String latencyLine(final StudyRun.Result result)
    {
        final Histogram h = result.latency();
        return String.format(Locale.ROOT, "latency (%s, us): p50 %.1f  p90 %.1f  p99 %.1f  " +
                "p99.9 %.1f  max %.1f  (%,d commands)", result.latencyMeaning(), h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
            h.getMaxValue() / 1e3, h.getTotalCount());
    }

    private static String latencyNote(final StudyRun.Result result)
    {
        return result.latencyMeaning().startsWith("FIX") ?
            "Per command, the FIX round trip on loopback: from the client sending the order (or cancel/replace) " +
                "to the client receiving the exchange's first answer (HdrHistogram; one command at a time)." :
            "Per sampled command, from submission into the Disruptor ring to the end of the command's event " +
                "publication (HdrHistogram; each sampled command enters an empty ring, so no queueing).";
    }

    // ------------------------------------------------------------------------------------------ report.html

    private static String html(final StudyRun.Result result)
    {
        final StudyPlan plan = result.plan();
        final Scenario s = plan.scenario();
        final StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>BUTB study replay: ")
            .append(esc(s.name())).append("</title>\n<style>\n")
            .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;")
            .append("margin:2em auto;max-width:1100px;")
            .append("color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px ")
            .append("solid #ccc}table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{padding:.25em .5em;")
            .append("border-bottom:1px solid #e4e4e4;text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}")
            .append(".ok{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:600}.note{color:#555;")
            .append("font-size:.9em}svg{background:#fff;border:1px solid #ddd;margin:.5em 0}svg text{font-size:11px;")
            .append("font-family:sans-serif}ul.a li{margin:.2em 0}.grid{display:flex;flex-wrap:wrap;gap:1em}")
            .append(".grid>div{width:540px}tr.how td{border-bottom:1px solid #ccc;padding-top:0}")
            .append("td,th{white-space:nowrap}td.note,th.note{white-space:normal}td.w{white-space:normal;")
            .append("min-width:7em}\n")
            .append("</style></head><body>\n");
        h.append("<h1>BUTB study replay: ").append(esc(s.name())).append("</h1>\n<p>").append(esc(s.description()))
            .append("</p>\n<p class=\"note\">Scenario ").append(esc(s.file())).append(", seed ").append(s.seed())
            .append(", scale ").append(s.scale()).append(". ").append(String.format(Locale.ROOT,
                "%,d commands, %,d events, %,d trades, %,d rejects. State hash %016x.",
                result.commands(), result.events(), result.trades(), result.rejects(), result.stateHash()))
            .append(" Every figure below comes from the engine's TRADE events.</p>\n");

        long failed = result.flows().stream().filter(a -> !ok(a)).count();
        h.append("<h2>Flows of the study: target and achieved</h2>\n<p>").append(failed == 0 ?
                "<span class=\"ok\">Every flow is within tolerance</span>" :
                "<span class=\"fail\">" + failed + " flow(s) outside tolerance</span>")
            .append(" (quantity within 1 %, value within 5 % of the study's figure; attributed by the buyer's ")
            .append("country, the instrument and the period).</p>\n<table><tr><th class=\"l\">flow</th>")
            .append("<th class=\"l\">ctry</th><th class=\"l\">commodity</th><th class=\"l\">period</th>")
            .append("<th>study qty</th><th>replay qty</th><th>diff %</th><th>study USD</th>")
            .append("<th>replay USD</th><th>diff %</th><th>trades</th><th>VWAP</th><th>check</th></tr>\n");
        for (final StudyRun.Achieved a : result.flows())
        {
            final Scenario.Flow f = a.target().flow();
            h.append("<tr><td class=\"l\">").append(esc(f.id())).append("</td><td class=\"l\">").append(f.country())
                .append("</td><td class=\"l w\">").append(esc(f.commodity().replace('_', ' ').replace("+", " + ")))
                .append("</td><td class=\"l\">")
                .append(f.start().toString().substring(2, 7)).append("..").append(f.end().toString().substring(2, 7))
                .append("</td><td>")
                .append(a.target().quantity() == null ? "-" : grouped(a.target().quantity(), 0) + " " + esc(f.unit()))
                .append("</td><td>").append(a.target().quantity() == null ? "-" : grouped(a.quantity(), 0))
                .append("</td><td>").append(pct(diffPct(a.target().quantity(), a.quantity()))).append("</td><td>")
                .append(a.target().value() == null ? "-" : grouped(a.target().value(), 0)).append("</td><td>")
                .append(grouped(a.value(), 0)).append("</td><td>").append(pct(diffPct(a.target().value(), a.value())))
                .append("</td><td>").append(String.format(Locale.ROOT, "%,d", a.trades())).append("</td><td>")
                .append(a.vwap() == null ? "-" : grouped(a.vwap(), 2)).append("</td><td class=\"")
                .append(ok(a) ? "ok\">OK" : "fail\">FAIL").append("</td></tr>\n<tr class=\"how\"><td></td>")
                .append("<td class=\"l note\" colspan=\"12\">").append(esc(a.target().how()))
                .append(" <i>(study line ").append(esc(f.seedLine())).append(")</i></td></tr>\n");
        }
        h.append("</table>\n").append(FigureReport.html(result));

        h.append("<h2>Monthly volumes against the study's figures</h2>\n").append(MonthlyChart.html(result));
        h.append("<h2>Volume per country and commodity</h2>\n").append(countryTable(result))
            .append(countryBars(result));
        h.append("<h2>Price over time</h2>\n<p class=\"note\">Daily VWAP per instrument and buyer country, with the ")
            .append("day's low and high trade prices; dashed lines: the price band.</p>\n<div class=\"grid\">\n");
        final Catalog catalog = plan.catalog();
        for (final Map.Entry<Integer, Map<String, TreeMap<Long, long[]>>> e : result.daily().entrySet())
        {
            h.append("<div>").append(PriceChart.svg(catalog.instrument(e.getKey()), e.getValue(),
                plan.derivedPrices())).append("</div>\n");
        }
        h.append("</div>\n<h2>Run time and latency</h2>\n<p class=\"note\">Wall-clock figures differ from run to ")
            .append("run: they are in timing.txt and latency.hgrm, and this report, like every other output file, ")
            .append("is the same byte for byte for the same scenario, seed and scale.</p>\n");
        h.append(AssumptionsReport.html(plan));
        h.append("<h2>Engine</h2>\n<p class=\"note\">Trades by kind: ");
        final String[] kinds = {"continuous", "call auction", "lot auction", "address deal"};
        for (int i = 0; i < kinds.length; i++)
        {
            h.append(i == 0 ? "" : ", ").append(kinds[i]).append(' ').append(String.format(Locale.ROOT, "%,d",
                result.tradesByKind()[i]));
        }
        h.append(". Participants: ").append(catalog.participants().size()).append(", instruments: ")
            .append(catalog.instruments().size()).append(" (generated catalogs: instruments.csv, participants.csv).")
            .append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static String countryTable(final StudyRun.Result result)
    {
        final Catalog catalog = result.plan().catalog();
        final StringBuilder h = new StringBuilder("<p class=\"note\">Per foreign country: what its participants " +
            "bought, and what they sold to Belarusian buyers (marked \"sold\").</p>\n" +
            "<table><tr><th class=\"l\">country</th>" +
            "<th class=\"l\">instrument</th><th>quantity</th><th class=\"l\">unit</th><th>value USD</th>" +
            "<th>trades</th><th>VWAP</th></tr>\n");
        for (final Map.Entry<String, Map<String, long[]>> c : result.byCountry().entrySet())
        {
            for (final Map.Entry<String, long[]> e : c.getValue().entrySet())
            {
                final Instrument instrument = catalog.instrument(e.getKey().split(" ")[0]);
                final BigDecimal q = BigDecimal.valueOf(e.getValue()[0]).movePointLeft(instrument.quantityScale());
                final BigDecimal v = BigDecimal.valueOf(e.getValue()[1]).movePointLeft(2);
                h.append("<tr><td class=\"l\">").append(c.getKey()).append("</td><td class=\"l\">")
                    .append(esc(e.getKey())).append("</td><td>").append(grouped(q, 0))
                    .append("</td><td class=\"l\">").append(esc(instrument.unit())).append("</td><td>")
                    .append(grouped(v, 0)).append("</td><td>").append(String.format(Locale.ROOT, "%,d",
                        e.getValue()[2])).append("</td><td>").append(grouped(v.divide(q, 2, RoundingMode.HALF_UP), 2))
                    .append("</td></tr>\n");
            }
        }
        return h.append("</table>\n").toString();
    }

    private static String countryBars(final StudyRun.Result result)
    {
        // Stacked bars of traded value per buyer country, one colour per instrument.
        final Map<String, Integer> colour = new TreeMap<>();
        double max = 0;
        for (final Map<String, long[]> m : result.byCountry().values())
        {
            long total = 0;
            for (final Map.Entry<String, long[]> e : m.entrySet())
            {
                colour.putIfAbsent(e.getKey(), colour.size());
                total += e.getValue()[1];
            }
            max = Math.max(max, total / 100.0);
        }
        final int left = 60;
        final int rowH = 26;
        final int width = 900;
        final int plotW = 640;
        final int n = result.byCountry().size();
        final int height = n * rowH + 30 + 20 * ((colour.size() + 5) / 6);
        final StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n", width, height, width, height));
        int i = 0;
        for (final Map.Entry<String, Map<String, long[]>> c : result.byCountry().entrySet())
        {
            final double y = 8 + i * rowH;
            double x = left;
            double total = 0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                left - 6, y + 14, c.getKey()));
            for (final Map.Entry<String, long[]> e : c.getValue().entrySet())
            {
                final double v = e.getValue()[1] / 100.0;
                final double w = max == 0 ? 0 : v / max * plotW;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" " +
                    "fill=\"%s\"><title>%s %s: USD %,.0f</title></rect>\n", x, y, w,
                    PALETTE[colour.get(e.getKey()) % PALETTE.length], c.getKey(), esc(e.getKey()), v));
                x += w;
                total += v;
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">USD %s</text>\n", x + 4, y + 14,
                money(total)));
            i++;
        }
        int k = 0;
        for (final Map.Entry<String, Integer> e : colour.entrySet())
        {
            final double x = left + (k % 6) * 130;
            final double y = n * rowH + 16 + (k / 6) * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" " +
                    "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x, y,
                PALETTE[e.getValue() % PALETTE.length], x + 16, y + 10, esc(e.getKey())));
            k++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String money(final double usd)
    {
        if (usd >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2f M", usd / 1e6);
        }
        return String.format(Locale.ROOT, "%,.0f", usd);
    }

    /** The report's colour number {@code i} (cycling through the palette). */
    static String colour(final int i)
    {
        return PALETTE[i % PALETTE.length];
    }

    private static String esc(final String text)
    {
        return Html.esc(text);
    }
}
