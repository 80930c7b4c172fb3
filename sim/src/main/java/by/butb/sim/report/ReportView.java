package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.sim.study.Figure;
import by.butb.sim.study.FigureTally;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.StudyPlan;
import by.butb.sim.study.StudyRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What report.html shows, ready for the templates (src/main/jte/report): text already formatted, the charts' data
 * as one JSON object keyed by chart id (a canvas of that id shows each), and the scripts to inline.
 *
 * @param charts JSON text, safe inside a script element.
 * @param script the chart libraries and the report's chart code, safe inside a script element.
 */
public record ReportView(String name, String description, String runLine, long failedFlows, List<FlowRow> flows,
    long failedFigures, List<FigureTally.Result> figures, List<Figure.Unchecked> unchecked,
    List<MonthlyChart.Panel> monthly, List<CountryChart.Row> countries, List<PriceChart.Panel> prices,
    AssumptionsReport.View assumptions, String engineLine, String charts, String script)
{
    /** One flow of the study: target against achieved, as printed; {@code how} is the replay's note. */
    public record FlowRow(String id, String country, String commodity, String period, String studyQuantity,
        String replayQuantity, String quantityDiff, String studyValue, String replayValue, String valueDiff,
        String trades, String vwap, boolean ok, String how, String seedLine)
    {
    }

    /** The view of a run's result. */
    static ReportView of(final StudyRun.Result result)
    {
        final StudyPlan plan = result.plan();
        final Scenario s = plan.scenario();
        final Map<String, Object> charts = new LinkedHashMap<>();
        final List<MonthlyChart.Panel> monthly = MonthlyChart.panels(result, charts);
        CountryChart.chart(result, charts);
        final Catalog catalog = plan.catalog();
        final List<PriceChart.Panel> prices = new ArrayList<>();
        for (final Map.Entry<Integer, Map<String, TreeMap<Long, long[]>>> e : result.daily().entrySet())
        {
            prices.add(PriceChart.panel(catalog.instrument(e.getKey()), e.getValue(), plan.derivedPrices(), charts));
        }
        final String runLine = String.format(Locale.ROOT, "Scenario %s, seed %d, scale %d. %,d commands, %,d " +
                "events, %,d trades, %,d rejects. State hash %016x.", s.file(), s.seed(), s.scale(), result.commands(),
            result.events(), result.trades(), result.rejects(), result.stateHash());
        return new ReportView(s.name(), s.description(), runLine,
            result.flows().stream().filter(a -> !StudyReport.ok(a)).count(), flowRows(result),
            FigureReport.failed(result), result.figures(), s.notChecked(), monthly, CountryChart.rows(result), prices,
            AssumptionsReport.view(plan), engineLine(result), Json.of(charts), ChartLibrary.script());
    }

    private static List<FlowRow> flowRows(final StudyRun.Result result)
    {
        final List<FlowRow> rows = new ArrayList<>();
        for (final StudyRun.Achieved a : result.flows())
        {
            final Scenario.Flow f = a.target().flow();
            final boolean quantity = a.target().quantity() != null;
            rows.add(new FlowRow(f.id(), f.country(), f.commodity().replace('_', ' ').replace("+", " + "),
                f.start().toString().substring(2, 7) + ".." + f.end().toString().substring(2, 7),
                quantity ? StudyReport.grouped(a.target().quantity(), 0) + " " + f.unit() : "-",
                quantity ? StudyReport.grouped(a.quantity(), 0) : "-",
                StudyReport.pct(StudyReport.diffPct(a.target().quantity(), a.quantity())),
                a.target().value() == null ? "-" : StudyReport.grouped(a.target().value(), 0),
                StudyReport.grouped(a.value(), 0),
                StudyReport.pct(StudyReport.diffPct(a.target().value(), a.value())),
                String.format(Locale.ROOT, "%,d", a.trades()),
                a.vwap() == null ? "-" : StudyReport.grouped(a.vwap(), 2),
                StudyReport.ok(a), a.target().how(), f.seedLine()));
        }
        return rows;
    }

    private static String engineLine(final StudyRun.Result result)
    {
        final StringBuilder sb = new StringBuilder("Trades by kind: ");
        final String[] kinds = {"continuous", "call auction", "lot auction", "address deal"};
        for (int i = 0; i < kinds.length; i++)
        {
            sb.append(i == 0 ? "" : ", ").append(kinds[i]).append(' ')
                .append(String.format(Locale.ROOT, "%,d", result.tradesByKind()[i]));
        }
        final Catalog catalog = result.plan().catalog();
        return sb.append(". Participants: ").append(catalog.participants().size()).append(", instruments: ")
            .append(catalog.instruments().size()).append(" (generated catalogs: instruments.csv, participants.csv).")
            .toString();
    }
}
