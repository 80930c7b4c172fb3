package by.butb.sim.agents;

import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.csv.CsvException;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.sim.study.ScenarioException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Runs one agent-based market: builds the catalog (instruments, one participant per agent), the session schedule,
 * the engine and the agents from the scenario and its seed, runs every trading day, and returns the measures.
 * Deterministic: the same scenario and seed give the same result. Each call has its own engine, so runs may go on
 * in parallel on several threads.
 */
public final class AgentRun
{
    /**
     * The outcome: tidy measure rows, the price path (CSV), the generated catalog files, the number of agents,
     * commands and trades, and the engine's final state hash.
     */
    public record Result(List<MetricRow> rows, String tradesCsv, String instrumentsCsv, String participantsCsv,
                         int agents, long commands, long stateHash, long wallNanos)
    {
    }

    private AgentRun()
    {
    }

    /** @param keepTrades whether to keep the price path (a single run's report; experiments do not need it). */
    public static Result run(final AgentScenario s, final boolean keepTrades)
    {
        final long started = System.nanoTime();
        final String instrumentsCsv = InstrumentCsv.of(s.instrumentRows(), s.markets());
        final Map<String, String> sectionOf = new LinkedHashMap<>();
        final Map<String, String> currencyOf = new LinkedHashMap<>();
        s.instrumentRows().forEach(r ->
        {
            sectionOf.put(r.get("symbol"), r.get("section").toUpperCase(java.util.Locale.ROOT));
            currencyOf.put(r.get("symbol"), r.get("currency"));
        });
        final String participantsCsv = participantsCsv(s, sectionOf, currencyOf);
        final Catalog catalog;
        try
        {
            catalog = CatalogLoader.fromText(instrumentsCsv, participantsCsv);
        }
        catch (final CsvException ex)
        {
            throw new ScenarioException(s.file(), 0, "instruments", "the catalog is not valid: " + ex.getMessage());
        }
        final SessionSchedule schedule = ScheduleLoader.fromText(scheduleCsv(s, sectionOf), catalog);
        final MarketRules rules = new MarketRules(bps(s.guaranteePct()), bps(s.feePct()));
        final double feeRate = rules.feeBps() / 10_000.0;
        final int total = s.groups().stream().mapToInt(AgentScenario.Group::count).sum();
        final MatchingEngine engine = new MatchingEngine(catalog, rules, schedule, Math.max(1024, total * 4));

        final long[] unitQuantities = new long[catalog.instruments().size()];
        final Equilibrium[] equilibria = new Equilibrium[catalog.instruments().size()];
        java.util.Arrays.fill(equilibria, Equilibrium.NONE);
        final Map<String, Map<Side, List<long[]>>> dealt = new TreeMap<>();
        final int[] traded = new int[s.markets().size()];
        int k = 0;
        for (final AgentScenario.Market m : s.markets().values())
        {
            final Instrument in = catalog.instrument(m.symbol());
            traded[k++] = in.index();
            unitQuantities[in.index()] = unitQuantity(s, m, in);
            final long[] demand = scaled(m.demand(), in);
            final long[] supply = scaled(m.supply(), in);
            equilibria[in.index()] = Equilibrium.of(demand, supply);
            final Map<Side, List<long[]>> sides = new LinkedHashMap<>();
            sides.put(Side.BUY, deal(demand, valuedCount(s, m.symbol(), "buy")));
            sides.put(Side.SELL, deal(supply, valuedCount(s, m.symbol(), "sell")));
            dealt.put(m.symbol(), sides);
        }
        final List<Agent> agents = agents(s, catalog, dealt, unitQuantities, feeRate);
        final Measures measures = new Measures(catalog, traded, equilibria);
        final TradeLog log = new TradeLog(catalog, keepTrades);
        final AgentMarket market = new AgentMarket(engine, agents, unitQuantities, measures, log);
        final List<MetricRow> dailyProfits = new ArrayList<>();
        final long[] profitSoFar = new long[agents.size()];
        for (int d = 0; d < s.days(); d++)
        {
            final LocalDate date = s.start().plusDays(d);
            final long open = nanos(date, s.open());
            market.runDay(d + 1, open, open + s.callAuctionMinutes() * 60_000_000_000L, nanos(date, s.close()));
            for (int i = 0; i < agents.size(); i++)
            {
                final Agent a = agents.get(i);
                final long profit = profit(a, catalog, market);
                dailyProfits.add(new MetricRow(d + 1, catalog.instrument(a.instrument).symbol(), a.id, "profit",
                    Measures.money(profit - profitSoFar[i])));
                profitSoFar[i] = profit;
            }
        }
        final List<MetricRow> agentRows = new ArrayList<>(dailyProfits);
        agentRows.addAll(agentRows(agents, catalog, market));
        final List<MetricRow> rows = measures.finish(agentRows);
        return new Result(rows, log.csv(), instrumentsCsv, participantsCsv, agents.size(), market.commands(),
            engine.stateHash(), System.nanoTime() - started);
    }

    private static int bps(final BigDecimal pct)
    {
        return pct.movePointRight(2).intValueExact();
    }

    private static long nanos(final LocalDate date, final LocalTime time)
    {
        return date.atTime(time).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }

    private static long unitQuantity(final AgentScenario s, final AgentScenario.Market m, final Instrument in)
    {
        final BigDecimal q = m.unit().movePointRight(in.quantityScale());
        if (q.stripTrailingZeros().scale() > 0 || !in.isOnLot(q.longValueExact()))
        {
            throw new ScenarioException(s.file(), m.line(), "markets." + m.symbol() + ".unit", "'" +
                m.unit().toPlainString() + "' is not a whole number of lots of " + m.symbol() + " (lot size " +
                FixedPoint.format(in.lotSize(), in.quantityScale()) + ")");
        }
        return q.longValueExact();
    }

    /** Every unit of a schedule as a scaled price, in the schedule's order. */
    private static long[] scaled(final List<AgentScenario.Step> steps, final Instrument in)
    {
        final List<Long> units = new ArrayList<>();
        for (final AgentScenario.Step st : steps)
        {
            final long p = st.price().movePointRight(in.priceScale()).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
            for (int u = 0; u < st.units(); u++)
            {
                units.add(p);
            }
        }
        return units.stream().mapToLong(Long::longValue).toArray();
    }

    /** Deals the units round robin to {@code agents} agents: agent i gets units i, i + n, i + 2n... */
    private static List<long[]> deal(final long[] units, final int agents)
    {
        final List<long[]> hands = new ArrayList<>();
        for (int a = 0; a < agents; a++)
        {
            final int n = units.length / agents + (a < units.length % agents ? 1 : 0);
            final long[] hand = new long[n];
            for (int j = 0; j < n; j++)
            {
                hand[j] = units[a + j * agents];
            }
            hands.add(hand);
        }
        return hands;
    }

    private static int valuedCount(final AgentScenario s, final String symbol, final String side)
    {
        return s.groups().stream().filter(g -> g.type().valued() && g.instrument().equals(symbol) &&
            side.equals(g.side())).mapToInt(AgentScenario.Group::count).sum();
    }

    private static String participantsCsv(final AgentScenario s, final Map<String, String> sectionOf,
        final Map<String, String> currencyOf)
    {
        final StringBuilder sb = new StringBuilder(String.join(",", CatalogLoader.PARTICIPANT_COLUMNS)).append('\n');
        for (final AgentScenario.Group g : s.groups())
        {
            for (int i = 1; i <= g.count(); i++)
            {
                sb.append(agentId(g, i)).append(',').append(g.type().key()).append(" agent,").append(g.country())
                    .append(',').append(g.country().equals("BY")).append(",TRADER,,")
                    .append(sectionOf.get(g.instrument())).append(",ACTIVE,").append(g.deposit().toPlainString())
                    .append(',').append(currencyOf.get(g.instrument())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String agentId(final AgentScenario.Group g, final int number)
    {
        return g.name() + "-" + String.format("%04d", number);
    }

    /** Per section of a traded instrument: PRE_OPEN at the open when there is a call, CONTINUOUS, CLOSE. */
    private static String scheduleCsv(final AgentScenario s, final Map<String, String> sectionOf)
    {
        final StringBuilder sb = new StringBuilder("section,phase,start\n");
        final java.util.Set<String> done = new java.util.TreeSet<>();
        for (final String symbol : s.markets().keySet())
        {
            final String section = sectionOf.get(symbol);
            if (done.add(section))
            {
                if (s.callAuctionMinutes() > 0)
                {
                    sb.append(section).append(",PRE_OPEN,").append(s.open()).append('\n');
                }
                sb.append(section).append(",CONTINUOUS,").append(s.open().plusMinutes(s.callAuctionMinutes()))
                    .append('\n').append(section).append(",CLOSE,").append(s.close()).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<Agent> agents(final AgentScenario s, final Catalog catalog,
        final Map<String, Map<Side, List<long[]>>> dealt, final long[] unitQuantities, final double feeRate)
    {
        final List<Agent> agents = new ArrayList<>();
        final Map<String, int[]> handOut = new TreeMap<>();
        for (final AgentScenario.Group g : s.groups())
        {
            final AgentScenario.Market market = s.markets().get(g.instrument());
            final int instrument = catalog.instrument(g.instrument()).index();
            final Side side = g.side() == null ? null : g.side().equals("buy") ? Side.BUY : Side.SELL;
            for (int i = 1; i <= g.count(); i++)
            {
                final String id = agentId(g, i);
                Units units = null;
                if (g.type().valued())
                {
                    final int[] next = handOut.computeIfAbsent(g.instrument() + "/" + side, x -> new int[1]);
                    units = new Units(dealt.get(g.instrument()).get(side).get(next[0]++), side == Side.BUY);
                }
                final SplittableRandom rng = AgentFactory.random(s.seed(), agents.size());
                final AgentSpec spec = new AgentSpec(catalog.participant(id).index(), id, g, market, instrument, side,
                    rng, units, feeRate, unitQuantities[instrument]);
                agents.add(AgentFactory.create(spec));
            }
        }
        return agents;
    }

    /**
     * An agent's profit so far (money minor units): a valued agent's gains on its units less fees; another's trading
     * cash plus its position at the market's reference (last) price less fees.
     */
    private static long profit(final Agent a, final Catalog catalog, final AgentMarket market)
    {
        final Instrument in = catalog.instrument(a.instrument);
        final long mark = market.view(a.instrument).reference(in.referencePrice());
        final long position = a.inventory >= 0 ? in.notional(mark, a.inventory) : -in.notional(mark, -a.inventory);
        return a.units != null ? a.unitGains - a.fees : a.cash + position - a.fees;
    }

    /** Per agent its profit over the whole run (day 0: `all`), then the mean per group. */
    private static List<MetricRow> agentRows(final List<Agent> agents, final Catalog catalog,
        final AgentMarket market)
    {
        final List<MetricRow> rows = new ArrayList<>();
        final Map<String, double[]> byGroup = new LinkedHashMap<>();
        for (final Agent a : agents)
        {
            final Instrument in = catalog.instrument(a.instrument);
            final long profit = profit(a, catalog, market);
            rows.add(new MetricRow(0, in.symbol(), a.id, "profit", Measures.money(profit)));
            final double[] sum = byGroup.computeIfAbsent(a.group + "\t" + in.symbol(), x -> new double[2]);
            sum[0] += Measures.money(profit);
            sum[1]++;
        }
        for (final Map.Entry<String, double[]> e : byGroup.entrySet())
        {
            final String[] parts = e.getKey().split("\t");
            rows.add(new MetricRow(0, parts[1], parts[0], "profit_mean_by_group", e.getValue()[0] /
                e.getValue()[1]));
        }
        return rows;
    }
}
