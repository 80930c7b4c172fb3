package by.butb.sim.report;

import by.butb.sim.study.Scenario;
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

/**
 * What a person reads after a study: the per-flow table (printed and summary.csv), the latency percentiles
 * (latency.hgrm) and one self-contained report.html ({@link ReportPage}: Chart.js charts inline, no network).
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
            w.write(ReportPage.html(result));
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

    /** A difference in % as printed: "+1.25", "-0.40", "0.00", or "-" without one. */
    static String pct(final BigDecimal d)
    {
        return d == null ? "-" : (d.signum() > 0 ? "+" : "") + d.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code d} with thousands separators and {@code decimals} decimals: "1,234.50". */
    static String grouped(final BigDecimal d, final int decimals)
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
}
