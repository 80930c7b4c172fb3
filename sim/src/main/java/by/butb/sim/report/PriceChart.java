package by.butb.sim.report;

import by.butb.engine.model.Instrument;
import by.butb.sim.study.StudyPlan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An instrument's price over time in the report (a Chart.js chart, zoom and pan on the x axis): the daily VWAP per
 * country with the day's low-high range, a date axis at month starts, round price ticks, the price band dashed;
 * under it, the prices the plan derived from the study's figures, and why a step between two of them is the
 * study's arithmetic.
 */
public final class PriceChart
{
    private static final long DAY_MILLIS = 86_400_000L;

    private PriceChart()
    {
    }

    /** An instrument's chart (its id in the report's chart data) and the note under it ("" without one). */
    public record Panel(String chartId, String note)
    {
    }

    /**
     * The instrument's panel; puts its chart data into {@code charts}: {kind: "price", title, yMin, yMax (round
     * bounds around the price band, USD per unit), band: [low, high], xMin, xMax (the month starts around the
     * trades, epoch milliseconds UTC), series: [{label: country, colour, vwap: [[ms, price]], range: [[ms, low,
     * high]] for the days whose low and high differ]}].
     *
     * @param byCountry country to epoch day to {quantity, value in cents, low price, high price}.
     */
    static Panel panel(final Instrument instrument, final Map<String, TreeMap<Long, long[]>> byCountry,
        final List<StudyPlan.DerivedPrice> derived, final Map<String, Object> charts)
    {
        final double scale = Math.pow(10, instrument.priceScale());
        final double step = Axis.niceStep((instrument.highPrice() - instrument.lowPrice()) / scale, 5);
        long firstDay = Long.MAX_VALUE;
        long lastDay = Long.MIN_VALUE;
        final List<Map<String, Object>> series = new ArrayList<>();
        int c = 0;
        for (final Map.Entry<String, TreeMap<Long, long[]>> country : byCountry.entrySet())
        {
            firstDay = Math.min(firstDay, country.getValue().firstKey());
            lastDay = Math.max(lastDay, country.getValue().lastKey());
            series.add(series(instrument, country.getKey(), country.getValue(), Palette.colour(c++)));
        }
        final Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", "price");
        chart.put("title", instrument.symbol() + " (USD/" + instrument.unit() + ", daily VWAP)");
        chart.put("yMin", BigDecimal.valueOf(Math.floor(instrument.lowPrice() / scale / step))
            .multiply(BigDecimal.valueOf(step)));
        chart.put("yMax", BigDecimal.valueOf(Math.ceil(instrument.highPrice() / scale / step))
            .multiply(BigDecimal.valueOf(step)));
        chart.put("band", List.of(price(instrument, instrument.lowPrice()), price(instrument, instrument.highPrice())));
        chart.put("xMin", LocalDate.ofEpochDay(firstDay).withDayOfMonth(1).toEpochDay() * DAY_MILLIS);
        chart.put("xMax", LocalDate.ofEpochDay(lastDay).withDayOfMonth(1).plusMonths(1).toEpochDay() *
            DAY_MILLIS);
        chart.put("series", series);
        final String id = "price-" + instrument.symbol();
        charts.put(id, chart);
        return new Panel(id, notes(instrument, derived));
    }

    private static Map<String, Object> series(final Instrument instrument, final String country,
        final TreeMap<Long, long[]> days, final String colour)
    {
        final List<List<Object>> vwap = new ArrayList<>();
        final List<List<Object>> range = new ArrayList<>();
        for (final Map.Entry<Long, long[]> e : days.entrySet())
        {
            final long[] d = e.getValue();
            final long millis = e.getKey() * DAY_MILLIS;
            // VWAP of the day in USD per unit: value (cents) / quantity (at the quantity scale).
            vwap.add(List.of(millis, BigDecimal.valueOf(d[1]).movePointLeft(2).divide(BigDecimal.valueOf(d[0])
                .movePointLeft(instrument.quantityScale()), instrument.priceScale() + 2, RoundingMode.HALF_UP)));
            if (d[3] > d[2])
            {
                range.add(List.of(millis, price(instrument, d[2]), price(instrument, d[3])));
            }
        }
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("label", country);
        s.put("colour", colour);
        s.put("vwap", vwap);
        s.put("range", range);
        return s;
    }

    private static BigDecimal price(final Instrument instrument, final long price)
    {
        return BigDecimal.valueOf(price).movePointLeft(instrument.priceScale());
    }

    /**
     * The prices derived from the study's figures for this instrument; when a country has two that differ by more
     * than 10 %, the step between them is explained: it comes from the study's figures, not from the market.
     */
    private static String notes(final Instrument instrument, final List<StudyPlan.DerivedPrice> derived)
    {
        final StringBuilder notes = new StringBuilder();
        final Map<String, StudyPlan.DerivedPrice> firstOf = new TreeMap<>();
        for (final StudyPlan.DerivedPrice d : derived)
        {
            if (!d.symbol().equals(instrument.symbol()))
            {
                continue;
            }
            notes.append(notes.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                "%s (%s, %s..%s): USD %,.0f for %,.0f %s, i.e. %s USD/%s", d.flow(), d.country(), d.from(), d.to(),
                d.value(), d.quantity(), instrument.unit(), d.price().setScale(2, RoundingMode.HALF_UP),
                instrument.unit()));
            final StudyPlan.DerivedPrice before = firstOf.putIfAbsent(d.country(), d);
            if (before != null && d.price().subtract(before.price()).abs().doubleValue() >
                before.price().doubleValue() / 10)
            {
                notes.append(String.format(Locale.ROOT, ". The step from %s to %s USD/%s on %s is the arithmetic " +
                        "of the study's two figures (the rest of the later figure after the earlier one), not a " +
                        "market move", before.price().setScale(0, RoundingMode.HALF_UP),
                    d.price().setScale(0, RoundingMode.HALF_UP), instrument.unit(), d.from()));
            }
        }
        return notes.length() == 0 ? "" : "Prices from the study's figures: " + notes + ".";
    }
}
