package by.butb.sim.agents;

import by.butb.sim.replay.TableFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of one agent-based run: {@code metrics.csv} (tidy, one row per day x instrument x subject x metric),
 * {@code trades.csv} (the price path), the generated {@code instruments.csv} and {@code participants.csv}, and
 * {@code report.html}. Formats: docs/formats.md#agent-based-markets.
 */
public final class AgentOutput
{
    public static final String METRICS_FILE = "metrics.csv";
    public static final String TRADES_FILE = "trades.csv";
    public static final String REPORT_FILE = "report.html";
    /** The columns of metrics.csv. */
    public static final String METRICS_HEADER = "scenario,seed,day,instrument,subject,metric,value";

    private AgentOutput()
    {
    }

    public static void write(final AgentScenario s, final AgentRun.Result r, final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(METRICS_FILE), metricsCsv(s, r.rows()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(TRADES_FILE), r.tradesCsv(), StandardCharsets.UTF_8);
        TableFormat.CSV.deleteOtherFormats(dir, TRADES_FILE); // a study's trades.csv.gz... left in the same folder
        Files.writeString(dir.resolve("instruments.csv"), r.instrumentsCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("participants.csv"), r.participantsCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(REPORT_FILE), RunReport.html(s, r), StandardCharsets.UTF_8);
    }

    static String metricsCsv(final AgentScenario s, final List<MetricRow> rows)
    {
        final StringBuilder sb = new StringBuilder(METRICS_HEADER).append('\n');
        for (final MetricRow row : rows)
        {
            final String v = MetricRow.format(row.value());
            if (!v.isEmpty())
            {
                sb.append(s.name()).append(',').append(s.seed()).append(',').append(row.dayText()).append(',')
                    .append(row.instrument()).append(',').append(row.subject()).append(',').append(row.metric())
                    .append(',').append(v).append('\n');
            }
        }
        return sb.toString();
    }

    /** The value of one metric (day, instrument, no subject), or NaN. */
    public static double value(final List<MetricRow> rows, final int day, final String instrument,
        final String metric)
    {
        for (final MetricRow r : rows)
        {
            if (r.day() == day && r.instrument().equals(instrument) && r.subject().isEmpty() &&
                r.metric().equals(metric))
            {
                return r.value();
            }
        }
        return Double.NaN;
    }
}
