package by.butb.sim.study;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns a {@link Scenario} into what the replay needs: the generated catalogs (instruments, participants), the
 * commands of the agents ({@link Step}s, packed per deal and handed out in time order by {@link #steps()}) and, per
 * flow, the target the trades will be checked against.
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

    private final Scenario scenario;
    private final String instrumentsCsv;
    private final String participantsCsv;
    private final Catalog catalog;
    private final PlanParticipants participants;
    private final DealStore store;
    private final DealSteps dealSteps;
    private final List<Target> targets = new ArrayList<>();
    private final List<String> assumptions = new ArrayList<>();
    private final PlannedVolumes planned = new PlannedVolumes();
    private final DealFlows dealFlows = new DealFlows();
    private final List<DerivedPrice> derivedPrices = new ArrayList<>();
    private int deals;
    private long endNanos;

    private StudyPlan(final Scenario scenario, final Consumer<Step> alsoTo, final DealStore store)
    {
        this.scenario = scenario;
        this.store = store;
        this.dealSteps = alsoTo == null ? new DealSteps(store::add, true) : new DealSteps(s ->
        {
            store.add(s);
            alsoTo.accept(s);
        }, false);
        final StudyCatalogs catalogs = new StudyCatalogs(scenario);
        instrumentsCsv = catalogs.instrumentsCsv();
        participantsCsv = catalogs.participantsCsv();
        catalog = catalogs.catalog();
        participants = new PlanParticipants(scenario, catalog);
    }

    /** Plans a scenario; throws {@link ScenarioException} when it cannot be replayed as written. */
    public static StudyPlan of(final Scenario scenario)
    {
        return of(scenario, null);
    }

    /** Plans a scenario and gives every planned step, as planned (deal by deal), to {@code alsoTo} too. */
    static StudyPlan of(final Scenario scenario, final Consumer<Step> alsoTo)
    {
        return of(scenario, alsoTo, new DealStore());
    }

    /** {@link #of(Scenario, Consumer)}, the steps packed into {@code store} (new). */
    static StudyPlan of(final Scenario scenario, final Consumer<Step> alsoTo, final DealStore store)
    {
        final StudyPlan plan = new StudyPlan(scenario, alsoTo, store);
        plan.checkFigures();
        plan.planFlows();
        plan.store.seal();
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

    /** A new cursor over the planned steps in replay order (time, deal, index in the deal). */
    StepCursor steps()
    {
        return store.cursor();
    }

    /** Number of planned steps (the final CLOCK not included). */
    long stepCount()
    {
        return store.steps();
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
        return dealFlows.flowOf(deal);
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
        final int country = participants.country(f.country());
        final long from = nanos(f.start());
        final long to = nanos(f.end().plusDays(1));
        final BigDecimal scale = BigDecimal.valueOf(scenario.scale());
        // A snapshot planned before inside this period (same country, same instruments): add only the rest.
        final LocalDate restFrom = restFrom(f, instruments, done);
        final long[] plannedSums = planned.sum(country, instruments, from, to);
        final long plannedQuantity = plannedSums[0];
        final long plannedNotional = plannedSums[1];
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
        final int country = participants.country(f.country());
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
        final long plannedNotional = planned.sum(country, null, from, to)[1];
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
        if (f.plan().imports().contains(symbol) ? participants.importers(instrument.index()) == null :
            participants.sellers(instrument.index()) == null)
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
        LegTerms.check(f, instrument, avgPrice);
        final Scenario.Arrival arrival = scenario.arrival();
        final boolean imported = f.plan().imports().contains(instrument.symbol());
        final String mechanism = imported ? "reverse_auction" : mechanism(f);
        final PackedLongs sizes = LegTerms.dealSizes(scenario, f, rng, instrument, units);
        final LocalDate start = f.plan().starts().get(instrument.symbol());
        if (start != null && (start.isBefore(from) || start.isAfter(to)))
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id() + ".starts",
                instrument.symbol() + " starts on " + start + ", outside " + from + ".." + to);
        }
        final List<LocalDate> days = LegTerms.tradingDays(start != null ? start : from, to, arrival.weekdaysOnly());
        final boolean lot = mechanism.equals("lot_auction") || imported;
        final long open = arrival.open().toSecondOfDay();
        final long last = arrival.close().toSecondOfDay() - (lot ? arrival.lotMinutes() * 60L + 60 : 60);
        final double noise = arrival.priceNoisePct().doubleValue() / 100;
        final BigDecimal brokerShare = f.plan().brokerShare() != null ? f.plan().brokerShare() : arrival.brokerShare();
        final List<Integer> buyers = imported ? participants.importers(instrument.index()) :
            participants.flowBuyers(f, rng);
        final List<Integer> sellers = imported ? participants.flowBuyers(f, rng) :
            participants.sellers(instrument.index());
        final int country = participants.country(f.country());
        boolean first = start != null;
        final long avg = avgPrice.movePointRight(instrument.priceScale()).setScale(0, RoundingMode.HALF_UP)
            .longValueExact();
        while (sizes.hasNext())
        {
            final long size = sizes.next();
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
            dealFlows.add(deal, f.id());
            switch (mechanism)
            {
                case "lot_auction" ->
                    dealSteps.lotDeal(rng, instrument, deal, time, seller, buyers, size, price, arrival, false);
                case "reverse_auction" ->
                    dealSteps.lotDeal(rng, instrument, deal, time, buyer, sellers, size, price, arrival, true);
                case "address" -> dealSteps.addressDeal(instrument, deal, time, seller, buyer, size, price);
                default ->
                {
                    final Integer broker = participants.brokerOf(buyer);
                    final boolean viaBroker = broker != null && rng.nextDouble() < brokerShare.doubleValue();
                    dealSteps.exchangeDeal(rng, instrument, deal, time, seller, buyer, viaBroker ? broker : -1, size,
                        price, arrival.restingBidShare().doubleValue());
                }
            }
            planned.add(country, instrument.index(), time, size, instrument.notional(price, size));
        }
    }
}
