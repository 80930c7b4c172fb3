package by.butb.sim.report;

import by.butb.engine.model.Instrument;
import by.butb.sim.study.StudyPlan;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An instrument's price over time in the report (inline SVG): the daily VWAP per country with the day's low-high
 * range, a date axis at month starts, round price ticks, the price band dashed; under it, the prices the plan
 * derived from the study's figures, and why a step between two of them is the study's arithmetic.
 */
final class PriceChart
{
    private static final int WIDTH = 540;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 10;
    private static final int TOP = 24;
    private static final int BOTTOM = 52;

    private PriceChart()
    {
    }

    /** @param byCountry country to epoch day to {quantity, value in cents, low price, high price}. */
    static String svg(final Instrument instrument, final Map<String, TreeMap<Long, long[]>> byCountry,
        final List<StudyPlan.DerivedPrice> derived)
    {
        long firstDay = Long.MAX_VALUE;
        long lastDay = Long.MIN_VALUE;
        double min = instrument.lowPrice();
        double max = instrument.highPrice();
        for (final TreeMap<Long, long[]> days : byCountry.values())
        {
            firstDay = Math.min(firstDay, days.firstKey());
            lastDay = Math.max(lastDay, days.lastKey());
        }
        final double scale = Math.pow(10, instrument.priceScale());
        final double step = Axis.niceStep((max - min) / scale, 5);
        final double lo = Math.floor(min / scale / step) * step;
        final double hi = Math.ceil(max / scale / step) * step;
        final LocalDate first = LocalDate.ofEpochDay(firstDay).withDayOfMonth(1);
        final LocalDate last = LocalDate.ofEpochDay(lastDay).withDayOfMonth(1).plusMonths(1);
        final long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
        final double pw = WIDTH - LEFT - RIGHT;
        final double ph = HEIGHT - TOP - BOTTOM;
        final java.util.function.DoubleUnaryOperator yOf = p -> TOP + ph - (p / scale - lo) / (hi - lo) * ph;
        final java.util.function.LongToDoubleFunction xOf = d -> LEFT + (double)(d - first.toEpochDay()) / span * pw;
        final StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-weight=\"bold\">%s (USD/%s, daily " +
            "VWAP)</text>\n", LEFT, Html.esc(instrument.symbol()), Html.esc(instrument.unit())));
        for (final double t : Axis.ticks(lo, hi, step))
        {
            final double y = yOf.applyAsDouble(t * scale);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                "stroke=\"#eee\"/>" +
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, y, WIDTH - RIGHT, y, LEFT - 4,
                y + 4, label(t)));
        }
        for (final long band : new long[] {instrument.lowPrice(), instrument.highPrice()})
        {
            final double y = yOf.applyAsDouble(band);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                "stroke=\"#c62828\" " +
                "stroke-dasharray=\"4 3\"><title>price band</title></line>\n", LEFT, y, WIDTH - RIGHT, y));
        }
        final long months = ChronoUnit.MONTHS.between(first, last);
        final int every = (int)Math.max(1, (months + 5) / 6);
        for (final LocalDate m : Axis.months(first, last, every))
        {
            final double x = xOf.applyAsDouble(m.toEpochDay());
            if (x > WIDTH - RIGHT - 24)
            {
                continue;
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" " +
                "stroke=\"#eee\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x, TOP, x,
                TOP + ph, x, TOP + ph + 14, m.toString().substring(0, 7)));
        }
        lines(svg, instrument, byCountry, xOf, yOf);
        svg.append("</svg>\n");
        return svg.append(notes(instrument, derived)).toString();
    }

    private static void lines(final StringBuilder svg, final Instrument instrument,
        final Map<String, TreeMap<Long, long[]>> byCountry, final java.util.function.LongToDoubleFunction xOf,
        final java.util.function.DoubleUnaryOperator yOf)
    {
        final double scale = Math.pow(10, instrument.priceScale());
        int c = 0;
        for (final Map.Entry<String, TreeMap<Long, long[]>> country : byCountry.entrySet())
        {
            final String colour = StudyReport.colour(c);
            final StringBuilder line = new StringBuilder();
            for (final Map.Entry<Long, long[]> e : country.getValue().entrySet())
            {
                final long[] d = e.getValue();
                final double x = xOf.applyAsDouble(e.getKey());
                if (d[3] > d[2])
                {
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" " +
                        "stroke=\"%s\" stroke-opacity=\"0.3\"/>\n", x, yOf.applyAsDouble(d[2]), x,
                        yOf.applyAsDouble(d[3]), colour));
                }
                // VWAP of the day in price units: value (cents) / quantity, back at the price scale.
                final double vwap = d[1] / 100.0 / (d[0] / Math.pow(10, instrument.quantityScale())) * scale;
                line.append(line.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x,
                    yOf.applyAsDouble(vwap)));
            }
            if (country.getValue().size() == 1)
            {
                final String[] xy = line.substring(1).split(" ");
                svg.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"3\" fill=\"")
                    .append(colour).append("\"/>\n");
            }
            else
            {
                svg.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1.3\"/>\n");
            }
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>" +
                "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + 60 * c, HEIGHT - 14, colour, LEFT + 60 * c + 13,
                HEIGHT - 5, Html.esc(country.getKey())));
            c++;
        }
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
        return notes.length() == 0 ? "" : "<p class=\"note chart\">Prices from the study's figures: " +
            Html.esc(notes.toString()) + ".</p>\n";
    }

    private static String label(final double value)
    {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value) :
            String.format(Locale.ROOT, "%,.2f", value);
    }
}
