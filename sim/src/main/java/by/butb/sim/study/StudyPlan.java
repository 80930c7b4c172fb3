package by.butb.sim.study;

import by.butb.engine.csv.CsvException;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantRole;
import by.butb.sim.replay.Source;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Turns a {@link Scenario} into what the replay needs: the generated catalogs (instruments, participants), the
 * time-ordered commands of the agents ({@link Step}s) and, per flow, the target the trades will be checked against.
 *
 * <p>How flows are replayed without double counting (docs/study.md): flows with a quantity or a commodity come
 * first, shortest period first; a flow whose period contains an earlier planned flow of the same country and
 * instruments (a snapshot: mn-sugar-first inside mn-sugar-4m) only adds what that one does not cover, after its
 * end. Turnovers ({@code residual: true}) come last: each trades only the value that the flows planned in its
 * period (same country, any instrument) do not reach, as the scenario's mix. Every flow is then checked against
 * all the trades of its country in its period (its instruments, or all for a turnover).
 */
public final class StudyPlan
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String[] INSTRUMENT_COLUMNS = {"symbol", "name", "section", "unit", "currency", "price_scale",
        "quantity_scale", "price_step", "lot_size", "reference_price", "band_pct", "floor_price", "cap_price"};

    /** A flow's figures as the run checks them (already multiplied by the scale). */
    public record Target(Scenario.Flow flow, Set<Integer> instruments, long fromNanos, long toNanos,
                         BigDecimal quantity, BigDecimal value, String how)
    {
    }

    /**
     * A price the plan derived from the study's value and quantity (not assumed): {@code flow} trades
     * {@code symbol} at {@code price} on average over {@code from}..{@code to}, {@code value} USD for
     * {@code quantity} units.
     */
    public record DerivedPrice(String flow, String country, String symbol, LocalDate from, LocalDate to,
                               BigDecimal price, BigDecimal value, BigDecimal quantity)
    {
    }

    private record Planned(int country, int instrument, long time, long quantity, long notional)
    {
    }

    private final Scenario scenario;
    private final String instrumentsCsv;
    private final String participantsCsv;
    private final Catalog catalog;
    private final List<Step> steps = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> assumptions = new ArrayList<>();
    private final List<Planned> planned = new ArrayList<>();
    private final Map<String, Integer> countryIndex = new HashMap<>();
    private final Map<String, List<Integer>> traders = new HashMap<>();
    private final Map<Integer, Integer> brokerOf = new HashMap<>();
    private final Map<Integer, List<Integer>> sellersOf = new HashMap<>();
    private final Map<Integer, List<Integer>> importersOf = new HashMap<>();
    private final Map<Scenario.Flow, List<Integer>> flowBuyers = new HashMap<>();
    private final List<String> dealFlows = new ArrayList<>();
    private final List<DerivedPrice> derivedPrices = new ArrayList<>();
    private int deals;
    private long endNanos;

    private StudyPlan(final Scenario scenario)
    {
        this.scenario = scenario;
        final int[] defaultLines = {0};
        instrumentsCsv = instrumentsCsv(scenario, defaultLines);
        final Map<String, String> sectionOf = sections(instrumentsCsv, defaultLines[0]);
        participantsCsv = participantsCsv(scenario, sectionOf);
        catalog = loadCatalog(defaultLines[0]);
        index();
    }

    /** Plans a scenario; throws {@link ScenarioException} when it cannot be replayed as written. */
    public static StudyPlan of(final Scenario scenario)
    {
        final StudyPlan plan = new StudyPlan(scenario);
        plan.checkFigures();
        plan.planFlows();
        plan.steps.sort(Comparator.comparingLong((Step s) -> s.time).thenComparingInt(s -> s.deal)
            .thenComparingInt(s -> s.index));
        return plan;
    }

    public Scenario scenario()
    {
        return scenario;
    }

    public Catalog catalog()
    {
        return catalog;
    }

    public String instrumentsCsv()
    {
        return instrumentsCsv;
    }

    public String participantsCsv()
    {
        return participantsCsv;
    }

    List<Step> steps()
    {
        return steps;
    }

    public List<Target> targets()
    {
        return targets;
    }

    /** The scenario's assumptions followed by those the plan derived (prices used, residuals). */
    public List<String> assumptions()
    {
        return assumptions;
    }

    /** Time of the final CLOCK: the end of the last flow's period. */
    public long endNanos()
    {
        return endNanos;
    }

    public int deals()
    {
        return deals;
    }

    /** The prices derived from the study's values and quantities, in planning order. */
    public List<DerivedPrice> derivedPrices()
    {
        return derivedPrices;
    }

    /** The id of the flow whose plan made deal number {@code deal} (1, 2, ...; the number in the order ids). */
    public String flowOfDeal(final int deal)
    {
        return deal >= 1 && deal <= dealFlows.size() ? dealFlows.get(deal - 1) : "";
    }

    // ---------------------------------------------------------------------------------------------- catalogs

    private static String instrumentsCsv(final Scenario scenario, final int[] defaultLines)
    {
        final StringBuilder csv = new StringBuilder();
        if (scenario.defaultInstruments())
        {
            try (Reader r = Source.DEFAULT_INSTRUMENTS.open())
            {
                // Without the bundled file's comment lines: instruments.csv in the output loads as plain CSV.
                for (final String line : new String(readAll(r)).split("\n"))
                {
                    if (!line.isBlank() && !line.startsWith("#"))
                    {
                        csv.append(line.stripTrailing()).append('\n');
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new ScenarioException("cannot read the bundled instruments: " + ex.getMessage());
            }
            defaultLines[0] = (int)csv.chars().filter(c -> c == '\n').count();
        }
        else
        {
            csv.append(String.join(",", INSTRUMENT_COLUMNS)).append('\n');
            defaultLines[0] = 1;
        }
        final Set<String> known = Set.of(INSTRUMENT_COLUMNS);
        for (final Scenario.InstrumentRow row : scenario.addedInstruments())
        {
            for (final String column : row.columns().keySet())
            {
                if (!known.contains(column))
                {
                    throw new ScenarioException(row.file(), row.line(), row.path() + "." + column,
                        "unknown instrument column; expected " + String.join(", ", INSTRUMENT_COLUMNS));
                }
            }
            final List<String> fields = new ArrayList<>();
            for (final String column : INSTRUMENT_COLUMNS)
            {
                final String v = row.columns().getOrDefault(column, "");
                fields.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            csv.append(String.join(",", fields)).append('\n');
        }
        return csv.toString();
    }

    private static char[] readAll(final Reader r) throws IOException
    {
        final StringBuilder sb = new StringBuilder();
        final char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) > 0; )
        {
            sb.append(buf, 0, n);
        }
        return sb.toString().toCharArray();
    }

    private Map<String, String> sections(final String csv, final int defaultLines)
    {
        final Map<String, String> sectionOf = new LinkedHashMap<>();
        try
        {
            CsvReader.read("instruments.csv", new StringReader(csv), List.of("symbol", "section"),
                row -> sectionOf.put(row.get("symbol"), row.get("section").toUpperCase(java.util.Locale.ROOT)));
        }
        catch (final CsvException ex)
        {
            throw instrumentError(ex, defaultLines);
        }
        return sectionOf;
    }

    private RuntimeException instrumentError(final CsvException ex, final int defaultLines)
    {
        final int added = ex.line() - defaultLines - 1;
        if (added >= 0 && added < scenario.addedInstruments().size())
        {
            final Scenario.InstrumentRow row = scenario.addedInstruments().get(added);
            return new ScenarioException(row.file(), row.line(), row.path() + (ex.field() == null ? "" :
                "." + ex.field()), ex.problem());
        }
        return ex;
    }

    private String participantsCsv(final Scenario scenario, final Map<String, String> sectionOf)
    {
        final StringBuilder csv = new StringBuilder();
        csv.append("id,name,country,resident,role,clients,sections,status,deposit,currency\n");
        final BigDecimal scale = BigDecimal.valueOf(scenario.scale());
        final String sellerDeposit = scenario.sellerDeposit().multiply(scale).setScale(2, RoundingMode.HALF_UP)
            .toPlainString();
        final String buyerDeposit = scenario.buyerDeposit().multiply(scale).setScale(2, RoundingMode.HALF_UP)
            .toPlainString();
        final Set<String> ids = new TreeSet<>();
        for (final Scenario.Seller s : scenario.sellers())
        {
            final TreeSet<String> sections = new TreeSet<>();
            for (final String symbol : concat(s.sells(), s.buys()))
            {
                final String section = sectionOf.get(symbol);
                if (section == null)
                {
                    throw new ScenarioException(s.file(), s.line(), s.path() + (s.sells().contains(symbol) ?
                        ".sells" : ".buys"),
                        "unknown instrument '" + symbol + "'; the catalog has " +
                            String.join(", ", sectionOf.keySet()));
                }
                sections.add(section);
            }
            if (!ids.add(s.id()))
            {
                throw new ScenarioException(s.file(), s.line(), s.path() + ".id", "'" + s.id() + "' is used twice");
            }
            csv.append(s.id()).append(',').append(quote(s.name())).append(",BY,true,TRADER,,")
                .append(String.join(";", sections)).append(",ACTIVE,").append(sellerDeposit).append(",USD\n");
        }
        final TreeSet<String> allSections = new TreeSet<>(sectionOf.values());
        for (final Scenario.Country c : scenario.countries())
        {
            final List<String> sections = c.sections().isEmpty() ? List.copyOf(allSections) : c.sections();
            for (final String section : sections)
            {
                if (!allSections.contains(section.toUpperCase(java.util.Locale.ROOT)))
                {
                    throw new ScenarioException(scenario.file() + ": participants of " + c.code() +
                        ": unknown section '" + section + "'; the catalog has " + String.join(", ", allSections));
                }
            }
            final int traderCount = c.accredited() - c.brokers();
            for (int b = 1; b <= c.brokers(); b++)
            {
                final List<String> clients = new ArrayList<>();
                for (int t = b; t <= traderCount; t += c.brokers())
                {
                    clients.add(traderId(c.code(), t));
                }
                csv.append(c.code()).append("-BRK").append(b).append(',').append(c.code()).append(" broker ")
                    .append(b).append(" (sim),").append(c.code()).append(",false,BROKER,")
                    .append(String.join(";", clients)).append(',').append(String.join(";", sections))
                    .append(",ACTIVE,").append(buyerDeposit).append(",USD\n");
            }
            for (int t = 1; t <= traderCount; t++)
            {
                csv.append(traderId(c.code(), t)).append(',').append(c.code()).append(" trader ").append(t)
                    .append(" (sim),").append(c.code()).append(",false,TRADER,,").append(String.join(";", sections))
                    .append(",ACTIVE,").append(buyerDeposit).append(",USD\n");
            }
        }
        return csv.toString();
    }

    private static List<String> concat(final List<String> a, final List<String> b)
    {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String traderId(final String country, final int n)
    {
        return String.format("%s-T%03d", country, n);
    }

    private static String quote(final String text)
    {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private Catalog loadCatalog(final int defaultLines)
    {
        try
        {
            return CatalogLoader.load("instruments (generated from " + scenario.file() + ")",
                new StringReader(instrumentsCsv), "participants (generated from " + scenario.file() + ")",
                new StringReader(participantsCsv));
        }
        catch (final CsvException ex)
        {
            if (ex.file().startsWith("instruments"))
            {
                throw instrumentError(ex, defaultLines);
            }
            throw ex;
        }
    }

    private void index()
    {
        for (final Participant p : catalog.participants())
        {
            if (p.country().equals("BY"))
            {
                continue;
            }
            countryIndex.putIfAbsent(p.country(), countryIndex.size());
            if (p.role() == ParticipantRole.BROKER)
            {
                for (final int client : p.clients())
                {
                    brokerOf.put(client, p.index());
                }
            }
            else
            {
                traders.computeIfAbsent(p.country(), k -> new ArrayList<>()).add(p.index());
            }
        }
        for (final Scenario.Country c : scenario.countries())
        {
            final List<Integer> list = traders.get(c.code());
            if (c.active() > 0 && list != null && list.size() > c.active())
            {
                traders.put(c.code(), new ArrayList<>(list.subList(0, c.active())));
            }
        }
        for (final Scenario.Seller s : scenario.sellers())
        {
            final int seller = catalog.participant(s.id()).index();
            for (final String symbol : s.sells())
            {
                sellersOf.computeIfAbsent(catalog.instrument(symbol).index(), k -> new ArrayList<>()).add(seller);
            }
            for (final String symbol : s.buys())
            {
                importersOf.computeIfAbsent(catalog.instrument(symbol).index(), k -> new ArrayList<>()).add(seller);
            }
        }
    }

    /** Fails when a figure names an instrument or a section the catalog lacks. */
    private void checkFigures()
    {
        final Set<String> sections = new TreeSet<>(catalog.sections());
        for (final Figure f : scenario.figures())
        {
            final List<String> symbols = new ArrayList<>(f.instruments());
            if (f.instrument() != null)
            {
                symbols.add(f.instrument());
            }
            for (final String symbol : symbols)
            {
                if (catalog.instrument(symbol) == null)
                {
                    throw new ScenarioException(f.file(), f.line(), "figures." + f.id(),
                        "unknown instrument '" + symbol + "'");
                }
            }
            for (final String section : f.sections())
            {
                if (!sections.contains(section))
                {
                    throw new ScenarioException(f.file(), f.line(), "figures." + f.id(),
                        "unknown section '" + section + "'; the catalog has " + String.join(", ", sections));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- flows

    private void planFlows()
    {
        assumptions.addAll(scenario.assumptions());
        final List<Scenario.Flow> order = new ArrayList<>(scenario.flows());
        order.sort(Comparator.comparing((Scenario.Flow f) -> f.residual())
            .thenComparing(Scenario.Flow::end)
            .thenComparing(Scenario.Flow::start, Comparator.reverseOrder()));
        final Map<Scenario.Flow, Target> byFlow = new HashMap<>();
        final List<Scenario.Flow> done = new ArrayList<>();
        for (final Scenario.Flow f : order)
        {
            byFlow.put(f, f.residual() ? planResidual(f, done) : planFlow(f, done));
            done.add(f);
        }
        for (final Scenario.Flow f : scenario.flows())
        {
            targets.add(byFlow.get(f));
            endNanos = Math.max(endNanos, nanos(f.end().plusDays(1)));
        }
    }

    private Target planFlow(final Scenario.Flow f, final List<Scenario.Flow> done)
    {
        final SplittableRandom rng = rng(f);
        final Set<Integer> instruments = instruments(f);
        final int country = countryIndex.get(f.country());
        final long from = nanos(f.start());
        final long to = nanos(f.end().plusDays(1));
        final BigDecimal scale = BigDecimal.valueOf(scenario.scale());
        // A snapshot planned before inside this period (same country, same instruments): add only the rest.
        final LocalDate restFrom = restFrom(f, instruments, done);
        long plannedQuantity = 0;
        long plannedNotional = 0;
        for (final Planned p : planned)
        {
            if (p.country == country && instruments.contains(p.instrument) && p.time >= from && p.time < to)
            {
                plannedQuantity += p.quantity;
                plannedNotional += p.notional;
            }
        }
        final BigDecimal targetValue = f.plan().replayValue() != null ? f.plan().replayValue() : f.value();
        if (f.plan().replayValue() != null)
        {
            assumptions.add(f.id() + ": replayed for USD " + money(f.plan().replayValue()) + " instead of the " +
                "study's USD " + money(f.value()) + (f.plan().why().isEmpty() ? "" : ": " + f.plan().why()));
        }
        final String how;
        if (restFrom.isAfter(f.start()))
        {
            how = "adds the rest after " + restFrom.minusDays(1) + " to the flows planned inside its period";
        }
        else
        {
            how = mechanismName(mechanism(f)) + " over " + f.start() + ".." + f.end();
        }
        if (restFrom.isAfter(f.end()))
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id(),
                "the flows inside its period cover all of it; nothing is left to replay");
        }
        // What is left to trade, split over the instruments by the mix (shares of the quantity or of the value).
        if (f.quantity() != null)
        {
            planByQuantity(f, rng, targetValue, plannedQuantity, plannedNotional, restFrom);
        }
        else
        {
            planByValue(f, rng, targetValue, restFrom);
        }
        return new Target(f, instruments, from, to, f.quantity() == null ? null : f.quantity().multiply(scale),
            f.value() == null ? null : f.value().multiply(scale), how);
    }

    /**
     * Where a flow's own deals start: its first day, or the day after the snapshots planned before inside its period
     * (flows, not turnovers, of the same country and instruments), whose trades count for it too.
     */
    private LocalDate restFrom(final Scenario.Flow f, final Set<Integer> instruments, final List<Scenario.Flow> done)
    {
        LocalDate restFrom = f.start();
        for (final Scenario.Flow d : done)
        {
            if (!d.residual() && d.country().equals(f.country()) && instruments(d).equals(instruments) &&
                !d.start().isBefore(f.start()) && !d.end().isAfter(f.end()) &&
                !d.end().plusDays(1).isBefore(restFrom))
            {
                restFrom = d.end().plusDays(1);
            }
        }
        return restFrom;
    }

    /**
     * Plans a flow with a quantity from {@code restFrom}: the quantity left after {@code plannedQuantity} (units),
     * split over the mix by shares of the quantity; priced from the value left after {@code plannedNotional}
     * (cents) when the flow has a value, else at the assumed prices.
     */
    private void planByQuantity(final Scenario.Flow f, final SplittableRandom rng, final BigDecimal targetValue,
        final long plannedQuantity, final long plannedNotional, final LocalDate restFrom)
    {
        final BigDecimal scale = BigDecimal.valueOf(scenario.scale());
        final Map<String, BigDecimal> mix = f.plan().mix();
        final BigDecimal totalQuantity = f.quantity().multiply(scale);
        BigDecimal restValue = null;
        if (targetValue != null)
        {
            restValue = targetValue.multiply(scale).subtract(BigDecimal.valueOf(plannedNotional).movePointLeft(2));
        }
        final long leftUnits = toUnits(catalog.instrument(mix.keySet().iterator().next()), totalQuantity) -
            plannedQuantity;
        // Shares of the quantity: the last instrument takes the rounding.
        final List<long[]> parts = new ArrayList<>();
        long given = 0;
        int k = 0;
        for (final Map.Entry<String, BigDecimal> e : mix.entrySet())
        {
            final Instrument instrument = instrument(f, e.getKey());
            final long units = k == mix.size() - 1 ? leftUnits - given :
                roundToLot(instrument, BigDecimal.valueOf(leftUnits).multiply(e.getValue()));
            parts.add(new long[] {instrument.index(), units});
            given += units;
            k++;
        }
        for (final long[] part : parts)
        {
            final Instrument instrument = catalog.instrument((int)part[0]);
            if (part[1] <= 0)
            {
                continue;
            }
            final BigDecimal price;
            if (restValue != null)
            {
                price = restValue.divide(BigDecimal.valueOf(leftUnits).movePointLeft(instrument.quantityScale()),
                    MathContext.DECIMAL64);
                assumptions.add(f.id() + ": " + instrument.symbol() + " priced at USD " + money(price) + "/" +
                    instrument.unit() + " on average, from the study's value and quantity");
                derivedPrices.add(new DerivedPrice(f.id(), f.country(), instrument.symbol(), restFrom, f.end(), price,
                    restValue, BigDecimal.valueOf(leftUnits).movePointLeft(instrument.quantityScale())));
            }
            else
            {
                price = price(f, instrument);
            }
            planLeg(f, rng, instrument, part[1], price, restFrom, f.end());
        }
    }

    /**
     * Plans a flow with a value but no quantity (amino acids to the UAE) from {@code restFrom}: the value split over
     * the mix by shares of the value, each quantity = value / assumed price.
     */
    private void planByValue(final Scenario.Flow f, final SplittableRandom rng, final BigDecimal targetValue,
        final LocalDate restFrom)
    {
        final BigDecimal value = targetValue.multiply(BigDecimal.valueOf(scenario.scale()));
        for (final Map.Entry<String, BigDecimal> e : f.plan().mix().entrySet())
        {
            final Instrument instrument = instrument(f, e.getKey());
            final BigDecimal price = price(f, instrument);
            final long units = roundToLot(instrument, value.multiply(e.getValue()).divide(price,
                MathContext.DECIMAL64).movePointRight(instrument.quantityScale()));
            planLeg(f, rng, instrument, units, price, restFrom, f.end());
        }
    }

    private Target planResidual(final Scenario.Flow f, final List<Scenario.Flow> done)
    {
        final SplittableRandom rng = rng(f);
        final int country = countryIndex.get(f.country());
        final long from = nanos(f.start());
        final long to = nanos(f.end().plusDays(1));
        final BigDecimal scale = BigDecimal.valueOf(scenario.scale());
        LocalDate restFrom = f.start();
        for (final Scenario.Flow d : done)
        {
            if (d.residual() && d.country().equals(f.country()) && !d.start().isBefore(f.start()) &&
                !d.end().isAfter(f.end()) && !d.end().plusDays(1).isBefore(restFrom))
            {
                restFrom = d.end().plusDays(1);
            }
        }
        long plannedNotional = 0;
        for (final Planned p : planned)
        {
            if (p.country == country && p.time >= from && p.time < to)
            {
                plannedNotional += p.notional;
            }
        }
        final BigDecimal target = (f.plan().replayValue() != null ? f.plan().replayValue() : f.value()).multiply(scale);
        final BigDecimal covered = BigDecimal.valueOf(plannedNotional).movePointLeft(2);
        final BigDecimal rest = target.subtract(covered);
        final String how;
        if (rest.signum() <= 0 || restFrom.isAfter(f.end()))
        {
            how = "turnover: covered by the flows inside it (USD " + money(covered) + "); no extra trades";
        }
        else
        {
            how = "turnover: flows inside it give USD " + money(covered) + "; the rest, USD " + money(rest) +
                ", trades as " + mixText(f.plan().mix()) + " over " + restFrom + ".." + f.end();
            for (final Map.Entry<String, BigDecimal> e : f.plan().mix().entrySet())
            {
                final Instrument instrument = instrument(f, e.getKey());
                final BigDecimal price = price(f, instrument);
                final long units = roundToLot(instrument, rest.multiply(e.getValue()).divide(price,
                    MathContext.DECIMAL64).movePointRight(instrument.quantityScale()));
                // Not inside the period of a commodity flow of this country and instrument (that one is exact).
                LocalDate legFrom = restFrom;
                for (final Scenario.Flow d : done)
                {
                    if (!d.residual() && d.country().equals(f.country()) &&
                        instruments(d).contains(instrument.index()) && !d.start().isBefore(f.start()) &&
                        !d.end().isAfter(f.end()) && !d.end().plusDays(1).isBefore(legFrom))
                    {
                        legFrom = d.end().plusDays(1);
                    }
                }
                if (units > 0)
                {
                    planLeg(f, rng, instrument, units, price, legFrom.isAfter(f.end()) ? restFrom : legFrom, f.end());
                }
            }
        }
        assumptions.add(f.id() + ": " + how);
        return new Target(f, null, from, to, null, f.value().multiply(scale), how);
    }

    private static String mixText(final Map<String, BigDecimal> mix)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Map.Entry<String, BigDecimal> e : mix.entrySet())
        {
            sb.append(sb.length() == 0 ? "" : " + ").append(e.getValue().movePointRight(2).stripTrailingZeros()
                .toPlainString()).append("% ").append(e.getKey());
        }
        return sb.toString();
    }

    private Set<Integer> instruments(final Scenario.Flow f)
    {
        final Set<Integer> set = new TreeSet<>();
        for (final String symbol : f.plan().mix().keySet())
        {
            set.add(instrument(f, symbol).index());
        }
        return set;
    }

    private Instrument instrument(final Scenario.Flow f, final String symbol)
    {
        final Instrument instrument = catalog.instrument(symbol);
        if (instrument == null)
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id(),
                "unknown instrument '" + symbol + "'");
        }
        if (f.plan().imports().contains(symbol) ? !importersOf.containsKey(instrument.index()) :
            !sellersOf.containsKey(instrument.index()))
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id(),
                f.plan().imports().contains(symbol) ? "no Belarusian buyer buys " + symbol + " (sellers[].buys)" :
                    "no seller sells " + symbol + " (sellers[].sells)");
        }
        return instrument;
    }

    private BigDecimal price(final Scenario.Flow f, final Instrument instrument)
    {
        BigDecimal price = f.plan().prices().get(instrument.symbol());
        if (price == null)
        {
            price = scenario.prices().get(instrument.symbol());
        }
        if (price == null)
        {
            price = BigDecimal.valueOf(instrument.referencePrice()).movePointLeft(instrument.priceScale());
        }
        return price;
    }

    private String mechanism(final Scenario.Flow f)
    {
        return f.plan().mechanism() != null ? f.plan().mechanism() : f.mechanism();
    }

    private static String mechanismName(final String mechanism)
    {
        return switch (mechanism)
        {
            case "lot_auction" -> "sellers' lot auctions";
            case "address" -> "address deals";
            default -> "anonymous exchange trading";
        };
    }

    private SplittableRandom rng(final Scenario.Flow f)
    {
        long h = scenario.seed();
        for (final char c : f.id().toCharArray())
        {
            h = h * 31 + c;
        }
        return new SplittableRandom(h);
    }

    private static long toUnits(final Instrument instrument, final BigDecimal quantity)
    {
        return roundToLot(instrument, quantity.movePointRight(instrument.quantityScale()));
    }

    private static long roundToLot(final Instrument instrument, final BigDecimal units)
    {
        final long lot = instrument.lotSize();
        return units.divide(BigDecimal.valueOf(lot), 0, RoundingMode.HALF_UP).longValueExact() * lot;
    }

    private static String money(final BigDecimal value)
    {
        return String.format("%,.0f", value);
    }

    static long nanos(final LocalDate date)
    {
        return date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * NANOS_PER_SECOND;
    }

    // ---------------------------------------------------------------------------------------------- deals

    /** Plans the deals of {@code units} (quantity units of the instrument) at {@code avgPrice} on average. */
    private void planLeg(final Scenario.Flow f, final SplittableRandom rng, final Instrument instrument,
        final long units, final BigDecimal avgPrice, final LocalDate from, final LocalDate to)
    {
        checkLeg(f, instrument, avgPrice);
        final Scenario.Arrival arrival = scenario.arrival();
        final boolean imported = f.plan().imports().contains(instrument.symbol());
        final String mechanism = imported ? "reverse_auction" : mechanism(f);
        final List<Long> sizes = dealSizes(f, rng, instrument, units);
        final LocalDate start = f.plan().starts().get(instrument.symbol());
        if (start != null && (start.isBefore(from) || start.isAfter(to)))
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id() + ".starts",
                instrument.symbol() + " starts on " + start + ", outside " + from + ".." + to);
        }
        final List<LocalDate> days = tradingDays(start != null ? start : from, to, arrival.weekdaysOnly());
        final boolean lot = mechanism.equals("lot_auction") || imported;
        final long open = arrival.open().toSecondOfDay();
        final long last = arrival.close().toSecondOfDay() - (lot ? arrival.lotMinutes() * 60L + 60 : 60);
        final double noise = arrival.priceNoisePct().doubleValue() / 100;
        final BigDecimal brokerShare = f.plan().brokerShare() != null ? f.plan().brokerShare() : arrival.brokerShare();
        final List<Integer> buyers = imported ? importersOf.get(instrument.index()) : flowBuyers(f, rng);
        final List<Integer> sellers = imported ? flowBuyers(f, rng) : sellersOf.get(instrument.index());
        final int country = countryIndex.get(f.country());
        boolean first = start != null;
        final long avg = avgPrice.movePointRight(instrument.priceScale()).setScale(0, RoundingMode.HALF_UP)
            .longValueExact();
        for (final long size : sizes)
        {
            if (size <= 0)
            {
                continue;
            }
            // A leg with a start day has its first deal on it (the first trading day from it).
            final LocalDate day = first ? days.get(0) : days.get(rng.nextInt(days.size()));
            first = false;
            final long time = nanos(day) + (open + rng.nextLong(last - open + 1)) * NANOS_PER_SECOND;
            long price = Math.round(avg * (1 + (rng.nextDouble() * 2 - 1) * noise));
            price = Math.max(instrument.lowPrice(), Math.min(instrument.highPrice(),
                Math.round((double)price / instrument.priceStep()) * instrument.priceStep()));
            final int buyer = buyers.get(rng.nextInt(buyers.size()));
            final int seller = sellers.get(rng.nextInt(sellers.size()));
            final int deal = ++deals;
            dealFlows.add(f.id());
            switch (mechanism)
            {
                case "lot_auction" -> lotDeal(rng, instrument, deal, time, seller, buyers, size, price, arrival,
                    false);
                case "reverse_auction" -> lotDeal(rng, instrument, deal, time, buyer, sellers, size, price, arrival,
                    true);
                case "address" -> addressDeal(instrument, deal, time, seller, buyer, size, price);
                default ->
                {
                    final Integer broker = brokerOf.get(buyer);
                    final boolean viaBroker = broker != null && rng.nextDouble() < brokerShare.doubleValue();
                    exchangeDeal(rng, instrument, deal, time, seller, buyer, viaBroker ? broker : -1, size, price,
                        arrival.restingBidShare().doubleValue());
                }
            }
            planned.add(new Planned(country, instrument.index(), time, size, instrument.notional(price, size)));
        }
    }

    /**
     * The country's traders a flow's deals go to: all of them, or the plan's number of {@code buyers} drawn once
     * for the flow.
     */
    private List<Integer> flowBuyers(final Scenario.Flow f, final SplittableRandom rng)
    {
        final List<Integer> all = traders.get(f.country());
        final Integer wanted = f.plan().buyers();
        if (wanted == null || wanted >= all.size())
        {
            return all;
        }
        return flowBuyers.computeIfAbsent(f, k ->
        {
            final List<Integer> pool = new ArrayList<>(all);
            final List<Integer> chosen = new ArrayList<>();
            while (chosen.size() < wanted)
            {
                chosen.add(pool.remove(rng.nextInt(pool.size())));
            }
            return chosen;
        });
    }

    /**
     * Fails when the average price is outside the instrument's price band (the engine would refuse the orders) or
     * when the flow has a quantity in another unit than the instrument's.
     */
    private static void checkLeg(final Scenario.Flow f, final Instrument instrument, final BigDecimal avgPrice)
    {
        final long avgScaled = avgPrice.movePointRight(instrument.priceScale()).setScale(0, RoundingMode.HALF_UP)
            .longValue();
        if (avgScaled < instrument.lowPrice() || avgScaled > instrument.highPrice())
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id(),
                "the average price USD " + avgPrice.setScale(2, RoundingMode.HALF_UP).toPlainString() + " of " +
                    instrument.symbol() + " is outside its price band " +
                    FixedPoint.format(instrument.lowPrice(), instrument.priceScale()) + ".." +
                    FixedPoint.format(instrument.highPrice(), instrument.priceScale()) +
                    ": the engine would refuse the orders; change the price or the catalog");
        }
        if (f.quantity() != null && !f.unit().isEmpty() && !f.unit().equals(instrument.unit()))
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id(),
                "the flow is in " + f.unit() + " (" + f.source() + ") but " + instrument.symbol() + " trades in " +
                    instrument.unit());
        }
    }

    /**
     * The sizes of the deals of {@code units}: the plan's number of deals (times the scale), equal in lots (the
     * last takes the rest); else random sizes in the deal-size range (whole units, at least a lot), the last
     * taking what is left when less than the range's minimum would remain.
     */
    private List<Long> dealSizes(final Scenario.Flow f, final SplittableRandom rng, final Instrument instrument,
        final long units)
    {
        final long unit = FixedPoint.pow10(instrument.quantityScale());
        final List<Long> sizes = new ArrayList<>();
        if (f.plan().deals() != null)
        {
            final int n = f.plan().deals() * scenario.scale();
            final long lots = units / instrument.lotSize();
            long given = 0;
            for (int i = 0; i < n; i++)
            {
                final long share = i == n - 1 ? lots - given : lots / n;
                sizes.add(share * instrument.lotSize());
                given += share;
            }
        }
        else
        {
            long[] range = f.plan().dealSize() != null ? f.plan().dealSize() :
                scenario.dealSizes().get(instrument.symbol());
            if (range == null)
            {
                range = new long[] {10, 100};
            }
            long left = units;
            while (left > 0)
            {
                long size = (range[0] + rng.nextLong(range[1] - range[0] + 1)) * unit;
                size = Math.max(instrument.lotSize(), size / instrument.lotSize() * instrument.lotSize());
                if (left - size < range[0] * unit)
                {
                    size = left;
                }
                sizes.add(size);
                left -= size;
            }
        }
        return sizes;
    }

    /** The days from {@code from} to {@code to} (weekdays only if so), or {@code from} alone when there is none. */
    private static List<LocalDate> tradingDays(final LocalDate from, final LocalDate to, final boolean weekdaysOnly)
    {
        final List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1))
        {
            if (!weekdaysOnly || d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
            {
                days.add(d);
            }
        }
        if (days.isEmpty())
        {
            days.add(from);
        }
        return days;
    }

    private Step step(final int deal, final int index, final long time, final byte kind)
    {
        final Step s = new Step();
        s.deal = deal;
        s.index = index;
        s.time = time;
        s.kind = kind;
        steps.add(s);
        return s;
    }

    private void exchangeDeal(final SplittableRandom rng, final Instrument instrument, final int deal, final long time,
        final int seller, final int buyer, final int broker, final long size, final long price, final double resting)
    {
        final boolean bidFirst = rng.nextDouble() < resting;
        int index = 0;
        if (!bidFirst)
        {
            order(step(deal, index++, time, Step.NEW), instrument, Step.ROLE_SELL, seller, -1, true, false, price,
                size);
            order(step(deal, index, time, Step.NEW), instrument, Step.ROLE_BUY, broker >= 0 ? broker : buyer,
                broker >= 0 ? buyer : -1, false, true, price, size);
            return;
        }
        // The buyer bids first, sometimes below the price, then raises its bid (REPLACE); the seller hits it.
        final long steps = rng.nextInt(4);
        final long low = Math.max(instrument.lowPrice(), price - steps * instrument.priceStep());
        order(step(deal, index++, time, Step.NEW), instrument, Step.ROLE_BUY, broker >= 0 ? broker : buyer,
            broker >= 0 ? buyer : -1, false, false, low, size);
        if (low != price)
        {
            final Step r = step(deal, index++, time, Step.REPLACE);
            r.role = Step.ROLE_BUY;
            r.submitter = broker >= 0 ? broker : buyer;
            r.owner = broker >= 0 ? buyer : -1;
            r.instrument = instrument.index();
            r.price = price;
            r.quantity = size;
        }
        order(step(deal, index, time, Step.NEW), instrument, Step.ROLE_SELL, seller, -1, true, false, price, size);
    }

    private static void order(final Step s, final Instrument instrument, final byte role, final int submitter,
        final int owner, final boolean sell, final boolean ioc, final long price, final long size)
    {
        s.role = role;
        s.submitter = submitter;
        s.owner = owner;
        s.sell = sell;
        s.ioc = ioc;
        s.instrument = instrument.index();
        s.price = price;
        s.quantity = size;
    }

    private void addressDeal(final Instrument instrument, final int deal, final long time, final int seller,
        final int buyer, final long size, final long price)
    {
        final Step offer = step(deal, 0, time, Step.NEW);
        order(offer, instrument, Step.ROLE_SELL, seller, -1, true, false, price, size);
        offer.counterparty = buyer;
        final Step take = step(deal, 1, time + 10 * 60 * NANOS_PER_SECOND, Step.NEW);
        order(take, instrument, Step.ROLE_BUY, buyer, -1, false, false, price, size);
        take.counterparty = seller;
    }

    /**
     * A lot auction: the seller's lot with bids climbing to {@code finalPrice} (ascending), or with {@code buyLot}
     * the buyer's lot (a reverse auction, import trading) with offers falling to it. {@code owner} offers the lot,
     * {@code pool} are the participants who may bid on it.
     */
    private void lotDeal(final SplittableRandom rng, final Instrument instrument, final int deal, final long time,
        final int owner, final List<Integer> pool, final long size, final long finalPrice,
        final Scenario.Arrival arrival, final boolean buyLot)
    {
        final long direction = buyLot ? -1 : 1;
        final long bidStep = arrival.bidStep() == null ? instrument.priceStep() * 2 :
            arrival.bidStep().movePointRight(instrument.priceScale()).longValueExact();
        final int maxBids = Math.max(1, Math.min(6, arrival.lotMinutes() / arrival.bidGapMinutes() - 1));
        final List<Integer> bidders = new ArrayList<>();
        final int wanted = 1 + rng.nextInt(Math.min(arrival.maxBidders(), pool.size()));
        while (bidders.size() < wanted)
        {
            final int b = pool.get(rng.nextInt(pool.size()));
            if (!bidders.contains(b))
            {
                bidders.add(b);
            }
        }
        int bids = bidders.size() == 1 ? 1 : Math.min(maxBids, bidders.size() + rng.nextInt(3));
        long increments = bids - 1 + (bids > 1 ? rng.nextInt(bids + 1) : 0);
        while (increments > 0 && (finalPrice - direction * increments * bidStep < instrument.lowPrice() ||
            finalPrice - direction * increments * bidStep > instrument.highPrice()))
        {
            increments--;
        }
        bids = (int)Math.min(bids, increments + 1);
        final long start = finalPrice - direction * increments * bidStep;
        final long close = time + arrival.lotMinutes() * 60L * NANOS_PER_SECOND;
        final Step offer = step(deal, 0, time, Step.LOT_OFFER);
        offer.role = Step.ROLE_LOT;
        offer.submitter = owner;
        offer.sell = !buyLot;
        offer.instrument = instrument.index();
        offer.price = start;
        offer.quantity = size;
        offer.bidStep = bidStep;
        offer.closeTime = close;
        // Bid prices climb (fall, on a buyer's lot) from the start price to the final one; the extra increments
        // fall on random bids.
        final long[] raise = new long[bids];
        for (int i = 1; i < bids; i++)
        {
            raise[i] = 1;
        }
        for (long extra = increments - (bids - 1); extra > 0; extra--)
        {
            raise[1 + rng.nextInt(bids - 1)]++;
        }
        long price = start;
        for (int i = 0; i < bids; i++)
        {
            price += direction * raise[i] * bidStep;
            final Step bid = step(deal, i + 1, time + (i + 1L) * arrival.bidGapMinutes() * 60 * NANOS_PER_SECOND,
                Step.LOT_BID);
            bid.role = Step.ROLE_BID;
            bid.sell = buyLot;
            bid.submitter = bidders.get((bidders.size() - 1 - (bids - 1 - i) % bidders.size() +
                bidders.size()) % bidders.size());
            bid.counterparty = owner;
            bid.instrument = instrument.index();
            bid.price = price;
        }
        step(deal, 99, close, Step.CLOCK);
    }
}
