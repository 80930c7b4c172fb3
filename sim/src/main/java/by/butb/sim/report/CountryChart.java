package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.sim.study.StudyRun;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Volume per foreign country and instrument: the table rows (what its participants bought, and sold to Belarusian
 * buyers, marked "sold") and a Chart.js chart of traded value per country, stacked by instrument.
 */
public final class CountryChart
{
    /** The chart's id in the report's chart data. */
    static final String CHART_ID = "countries";

    private CountryChart()
    {
    }

    /** One row of the table; the numbers grouped as printed. */
    public record Row(String country, String instrument, String quantity, String unit, String value, String trades,
        String vwap)
    {
    }

    /** The table's rows in country, then instrument order. */
    static List<Row> rows(final StudyRun.Result result)
    {
        final Catalog catalog = result.plan().catalog();
        final List<Row> rows = new ArrayList<>();
        for (final Map.Entry<String, Map<String, long[]>> c : result.byCountry().entrySet())
        {
            for (final Map.Entry<String, long[]> e : c.getValue().entrySet())
            {
                final Instrument instrument = catalog.instrument(e.getKey().split(" ")[0]);
                final BigDecimal q = BigDecimal.valueOf(e.getValue()[0]).movePointLeft(instrument.quantityScale());
                final BigDecimal v = BigDecimal.valueOf(e.getValue()[1]).movePointLeft(2);
                rows.add(new Row(c.getKey(), e.getKey(), StudyReport.grouped(q, 0), instrument.unit(),
                    StudyReport.grouped(v, 0),
                    String.format(Locale.ROOT, "%,d", e.getValue()[2]),
                    StudyReport.grouped(v.divide(q, 2, RoundingMode.HALF_UP), 2)));
            }
        }
        return rows;
    }

    /**
     * Puts the chart's data into {@code charts} under {@link #CHART_ID}: {kind: "countries", countries: [...],
     * datasets: [{label: instrument ("STEEL (sold)": sold to Belarus), colour, data: [USD or null per country]}]}.
     */
    static void chart(final StudyRun.Result result, final Map<String, Object> charts)
    {
        final List<String> countries = new ArrayList<>(result.byCountry().keySet());
        final Map<String, String> colour = Palette.ofInstruments(result.plan().catalog());
        final Map<String, List<Object>> bySymbol = new TreeMap<>();
        for (int i = 0; i < countries.size(); i++)
        {
            for (final Map.Entry<String, long[]> e : result.byCountry().get(countries.get(i)).entrySet())
            {
                final List<Object> values = bySymbol.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                while (values.size() < countries.size())
                {
                    values.add(null);
                }
                values.set(i, BigDecimal.valueOf(e.getValue()[1]).movePointLeft(2));
            }
        }
        final List<Map<String, Object>> datasets = new ArrayList<>();
        for (final Map.Entry<String, List<Object>> e : bySymbol.entrySet())
        {
            final Map<String, Object> dataset = new LinkedHashMap<>();
            dataset.put("label", e.getKey());
            dataset.put("colour", colour.get(e.getKey().split(" ")[0]));
            dataset.put("data", e.getValue());
            datasets.add(dataset);
        }
        final Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", "countries");
        chart.put("countries", countries);
        chart.put("datasets", datasets);
        charts.put(CHART_ID, chart);
    }
}
