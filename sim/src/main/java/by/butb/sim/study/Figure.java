package by.butb.sim.study;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A figure of the study that is not a flow's volume (a share, a first purchase, a number of buyers or trades), as
 * a scenario's {@code figures:} states it; the run measures it on the trades ({@link FigureTally}) and fails
 * (exit 3) when it is missed. Format: docs/scenarios.md#figures.
 *
 * @param countries   the trades of these countries' participants count (on the {@code side} given).
 * @param side        {@code any} (the participant bought or sold), {@code buyer} or {@code seller}.
 * @param instruments the trades measured: of these instruments (empty: all), or, with {@code except}, of all but these.
 * @param sections    with {@code share_pct}, {@code trades}, {@code buyers}: the trades of these sections count
 *                    too (an instrument of {@code instruments} or a section of {@code sections}).
 * @param target      share_pct: the study's percentage, met within {@code tolerance} percentage points; else null.
 * @param min         the least value accepted (share_pct in %, trades (times the run's scale), buyers), or null.
 * @param max         the most value accepted, or null.
 * @param instrument  first_trade: the instrument the first trade must be of, or null.
 * @param firstFrom   first_trade: the first trade must fall on or after this day and on or before {@code firstTo}.
 */
public record Figure(String id, String text, String seedLine, Measure measure, Set<String> countries, String side,
                     LocalDate from, LocalDate to, Set<String> instruments, Set<String> sections, boolean except,
                     BigDecimal target, BigDecimal tolerance, BigDecimal min, BigDecimal max, String instrument,
                     LocalDate firstFrom, LocalDate firstTo, String file, int line)
{
    /** What is measured on the trades the figure selects. */
    public enum Measure
    {
        /** Value of the selected trades as a percentage of the value of all the countries' trades in the period. */
        SHARE_PCT,
        /** Number of selected trades. */
        TRADES,
        /** Number of distinct participants of the countries (beneficial owners) among the selected trades. */
        BUYERS,
        /** Day and instrument of the first selected trade. */
        FIRST_TRADE
    }

    /** A figure of the study the run cannot check, and why (the report lists it). */
    public record Unchecked(String id, String figure, String seedLine, String why)
    {
    }

    private static final Set<String> KEYS = Set.of("id", "text", "seed_line", "measure", "countries", "side",
        "period", "instruments", "sections", "except", "target", "tolerance", "min", "max", "equals", "instrument",
        "between");

    /** figures: the list, each checked for its fields; empty without the key. */
    static List<Figure> read(final YamlNode node, final String file)
    {
        final List<Figure> figures = new ArrayList<>();
        if (node == null)
        {
            return figures;
        }
        final Set<String> ids = new TreeSet<>();
        for (final YamlNode f : node.list())
        {
            f.onlyKeys(KEYS);
            final String id = f.get("id").text();
            if (!ids.add(id))
            {
                throw f.get("id").error("'" + id + "' is used twice");
            }
            figures.add(figure(f, id, file));
        }
        return figures;
    }

    private static Figure figure(final YamlNode f, final String id, final String file)
    {
        final YamlNode m = f.get("measure");
        final Measure measure;
        try
        {
            measure = Measure.valueOf(m.text().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw m.error("'" + m.text() + "' is not one of share_pct, trades, buyers, first_trade");
        }
        final String side = f.text("side", "any").toLowerCase(Locale.ROOT);
        if (!List.of("any", "buyer", "seller").contains(side))
        {
            throw f.get("side").error("'" + side + "' is not any, buyer or seller");
        }
        final List<LocalDate> period = dates(f.get("period"));
        final boolean except = f.opt("except") != null;
        if (except && f.opt("instruments") != null)
        {
            throw f.get("except").error("give either instruments or except, not both");
        }
        final Set<String> instruments = new TreeSet<>(except ? f.get("except").words() :
            f.opt("instruments") == null ? List.of() : f.get("instruments").words());
        final Set<String> sections = new TreeSet<>(f.opt("sections") == null ? List.of() :
            f.get("sections").words());
        BigDecimal min = f.decimal("min", null);
        BigDecimal max = f.decimal("max", null);
        if (f.opt("equals") != null)
        {
            min = f.get("equals").decimal();
            max = min;
        }
        final BigDecimal target = f.decimal("target", null);
        final BigDecimal tolerance = f.decimal("tolerance", target == null ? null : BigDecimal.ONE);
        List<LocalDate> between = null;
        if (measure == Measure.FIRST_TRADE)
        {
            between = dates(f.get("between"));
        }
        else if (target == null && min == null && max == null)
        {
            throw f.error("needs target, min, max or equals");
        }
        if (target != null && measure != Measure.SHARE_PCT)
        {
            throw f.get("target").error("target (with tolerance) is for share_pct; use min, max or equals");
        }
        return new Figure(id, f.text("text", id), f.text("seed_line", ""), measure,
            new TreeSet<>(f.get("countries").words()), side, period.get(0), period.get(1), instruments, sections,
            except, target, tolerance, min, max, f.opt("instrument") == null ? null : f.get("instrument").text(),
            between == null ? null : between.get(0), between == null ? null : between.get(1), file, f.line());
    }

    /** [from, to]: two days, the second not before the first. */
    private static List<LocalDate> dates(final YamlNode node)
    {
        final List<YamlNode> items = node.list();
        if (items.size() != 2)
        {
            throw node.error("must be [from, to], two days such as \"2024-07-01\"");
        }
        final List<LocalDate> days = new ArrayList<>();
        for (final YamlNode item : items)
        {
            try
            {
                days.add(LocalDate.parse(item.text()));
            }
            catch (final DateTimeParseException ex)
            {
                throw item.error("'" + item.text() + "' is not a day such as \"2024-07-01\"");
            }
        }
        if (days.get(1).isBefore(days.get(0)))
        {
            throw items.get(1).error(days.get(1) + " is before " + days.get(0));
        }
        return days;
    }

    /** not_checked: figures of the study the run cannot check, each with why; empty without the key. */
    static List<Unchecked> readUnchecked(final YamlNode node)
    {
        final List<Unchecked> list = new ArrayList<>();
        if (node == null)
        {
            return list;
        }
        for (final YamlNode u : node.list())
        {
            u.onlyKeys(Set.of("id", "figure", "seed_line", "why"));
            list.add(new Unchecked(u.get("id").text(), u.get("figure").text(), u.text("seed_line", ""),
                u.get("why").text()));
        }
        return list;
    }

    /**
     * The target as the report prints it, e.g. "77 % +-1 pp", "at least 1", "AMINO, 2024-07-01..2024-07-10"; a
     * number of trades is multiplied by {@code scale} (the run's --scale), like the flows' volumes.
     */
    public String targetText(final int scale)
    {
        final BigDecimal min = scaled(this.min, scale);
        final BigDecimal max = scaled(this.max, scale);
        final String unit = measure == Measure.SHARE_PCT ? " %" : "";
        if (measure == Measure.FIRST_TRADE)
        {
            return (instrument == null ? "" : instrument + ", ") + firstFrom + ".." + firstTo;
        }
        if (target != null)
        {
            return plain(target) + unit + " +-" + plain(tolerance) + " pp";
        }
        if (min != null && max != null)
        {
            return min.compareTo(max) == 0 ? plain(min) + unit : plain(min) + ".." + plain(max) + unit;
        }
        return min != null ? "at least " + plain(min) + unit : "at most " + plain(max) + unit;
    }

    /** {@code bound} times the scale for a number of trades, else as it is (null stays null). */
    public BigDecimal scaled(final BigDecimal bound, final int scale)
    {
        return bound == null || measure != Measure.TRADES ? bound : bound.multiply(BigDecimal.valueOf(scale));
    }

    private static String plain(final BigDecimal d)
    {
        return d.stripTrailingZeros().toPlainString();
    }
}
