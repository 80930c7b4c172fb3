package by.butb.sim.study;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;
import by.butb.engine.pipeline.EngineListener;
import by.butb.gateway.FixEngine;
import by.butb.sim.replay.Column;
import by.butb.sim.replay.PendingRows;
import by.butb.sim.replay.ReplayListener;
import by.butb.sim.replay.ReplayStats;
import by.butb.sim.replay.RowInfo;
import by.butb.sim.replay.TableFormat;
import by.butb.sim.replay.TableOut;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs a planned study through the engine pipeline, in process: every agent's order goes through the engine's
 * checks and matching; trades.csv and events.csv are written by the replay's writers; the trades are attributed
 * to the flows (buyer's country, instrument, period) and the latency of every command is recorded.
 */
public final class StudyRun
{
    public static final String TRADES_FILE = "trades.csv";
    public static final String EVENTS_FILE = "events.csv";
    public static final String FLOW_TRADES_FILE = "trades-by-flow.csv";
    /** Columns of trades-by-flow.csv (docs/study.md#output-files). */
    public static final String[] FLOW_TRADE_COLUMNS = {"trade_id", "time", "instrument", "price", "quantity",
        "value_usd", "buyer", "buyer_country", "seller", "seller_country", "kind", "flow", "counts_for"};
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** {@link #FLOW_TRADE_COLUMNS} with their types. */
    public static List<Column> flowTradeColumns(final Catalog catalog)
    {
        return List.of(Column.integer("trade_id"), Column.time("time"), Column.text("instrument"),
            Column.decimal("price", Column.priceScale(catalog)),
            Column.decimal("quantity", Column.quantityScale(catalog)), Column.decimal("value_usd", 2),
            Column.text("buyer"), Column.text("buyer_country"), Column.text("seller"), Column.text("seller_country"),
            Column.text("kind"), Column.optionalText("flow"), Column.optionalText("counts_for"));
    }

    /** What a flow achieved: quantity, value (USD), trades. */
    public record Achieved(StudyPlan.Target target, BigDecimal quantity, BigDecimal value, long trades)
    {
        /** Volume-weighted average price, or null for a flow of several instruments or without trades. */
        public BigDecimal vwap()
        {
            if (quantity.signum() == 0 || target.instruments() == null || target.instruments().size() != 1)
            {
                return null;
            }
            return value.divide(quantity, 2, java.math.RoundingMode.HALF_UP);
        }
    }

    /** Daily volume and value of an instrument (for the price chart). */
    public record Day(long day, long quantity, long notional, long low, long high)
    {
    }

    public record Result(
        StudyPlan plan,
        List<Achieved> flows,
        List<FigureTally.Result> figures,
        Map<String, Map<String, long[]>> byCountry,
        Map<Integer, Map<String, TreeMap<Long, long[]>>> daily,
        Histogram latency,
        String latencyMeaning,
        String route,
        long commands,
        long events,
        long trades,
        long rejects,
        long[] tradesByKind,
        long stateHash,
        long wallNanos,
        ReplayStats stats)
    {
    }

    private StudyRun()
    {
    }

    /** How the study's commands reach the engine. */
    public enum Route
    {
        /** Into the engine's ring in this process. */
        IN_PROCESS,
        /** As FIX 4.4 messages through a gateway started on loopback: one session per submitting participant. */
        GATEWAY
    }

    /** The study in process, plain CSV (see {@link #run(StudyPlan, Path, double, Consumer, Route, TableFormat)}). */
    public static Result run(final StudyPlan plan, final Path out, final double speed, final Consumer<String> progress)
        throws IOException
    {
        return run(plan, out, speed, progress, Route.IN_PROCESS, TableFormat.CSV);
    }

    /**
     * {@link #run(StudyPlan, Path, double, Consumer, Route, TableFormat, StudyCluster, FixEngine)} without a cluster,
     * on the gateway's default FIX engine.
     */
    public static Result run(final StudyPlan plan, final Path out, final double speed, final Consumer<String> progress,
        final Route route, final TableFormat format) throws IOException
    {
        return run(plan, out, speed, progress, route, format, null, null);
    }

    /**
     * @param speed    simulated seconds per wall-clock second for pacing (0: as fast as possible).
     * @param progress receives progress lines ("\r..." updates), or null.
     * @param route    in process, or through the FIX gateway; both write the same trades.csv and events.csv.
     * @param format   how trades, events and trades by flow are written: CSV (plain, gzip or zstd) or Parquet.
     * @param cluster  with {@link Route#GATEWAY}: the cluster the gateway is a client of, or null for an engine in
     *                 the gateway's process. The cluster must be new and run the plan's catalog and rules, else
     *                 {@link StudyCluster.Refused}.
     * @param fixEngine with {@link Route#GATEWAY}: the gateway's FIX engine, or null for its default (native).
     */
    public static Result run(final StudyPlan plan, final Path out, final double speed, final Consumer<String> progress,
        final Route route, final TableFormat format, final StudyCluster cluster, final FixEngine fixEngine)
        throws IOException
    {
        if (cluster != null && route != Route.GATEWAY)
        {
            throw new IllegalArgumentException("a cluster needs the gateway route");
        }
        Files.createDirectories(out);
        final Catalog catalog = plan.catalog();
        final Scenario scenario = plan.scenario();
        final MarketRules rules = scenario.rules();
        final StudyCommands commandList = new StudyCommands(plan);
        final int total = commandList.size();
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        final Collector collector = new Collector(plan);
        // In process the engine answers the commands in the order they are submitted, so the rows go through a
        // ring; through the gateway, the sessions may reorder them.
        final PendingRows ordered = route == Route.GATEWAY ? null : new PendingRows(PipelineTransport.RING_SIZE);
        final Map<Long, RowInfo> rows = new ConcurrentHashMap<>();
        final ReplayStats stats = new ReplayStats(catalog.instruments().size());
        final long started = System.nanoTime();
        final long hash;
        final long commands;
        final String latencyMeaning;
        final String routeLine;
        for (final String table : new String[] {EVENTS_FILE, TRADES_FILE, FLOW_TRADES_FILE})
        {
            format.deleteOtherFormats(out, table); // an earlier run's, in another format
        }
        try (TableOut events = format.create(out, EVENTS_FILE, ReplayListener.eventColumns(catalog));
             TableOut trades = format.create(out, TRADES_FILE, ReplayListener.tradeColumns(catalog));
             TableOut flowTrades = format.create(out, FLOW_TRADES_FILE, flowTradeColumns(catalog)))
        {
            collector.writeTo(flowTrades);
            final ReplayListener writer = new ReplayListener(catalog, rules, commandList.names(),
                ordered != null ? ordered::take : rows::remove, null, events, trades, stats);
            final List<EngineListener> listeners = List.of(writer, collector);
            try (StudyTransport transport = route == Route.GATEWAY ?
                GatewayTransport.start(catalog, rules, commandList, listeners, latency, cluster, fixEngine, out) :
                new PipelineTransport(catalog, rules, commandList, listeners, latency))
            {
                final Progress bar = new Progress(progress, total);
                final long simStart = commandList.timeNanos(0);
                for (int i = 0; i < total; i++)
                {
                    final long time = commandList.timeNanos(i);
                    if (speed > 0)
                    {
                        pace(started, time - simStart, speed);
                    }
                    final RowInfo row = commandList.row(i);
                    if (row != null && ordered != null)
                    {
                        ordered.add(row.line(), row);
                    }
                    else if (row != null)
                    {
                        rows.put(i + 1L, row);
                    }
                    transport.submit(i);
                    bar.update(i + 1, time);
                }
                transport.finish();
                bar.done();
                if (writer.error() != null)
                {
                    throw writer.error();
                }
                if (collector.error != null)
                {
                    throw collector.error;
                }
                hash = transport.stateHash();
                commands = transport.commands();
                latencyMeaning = transport.latencyMeaning();
                routeLine = transport.describe();
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        catch (final IOException | RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        final long wall = System.nanoTime() - started;
        return new Result(plan, collector.achieved(), collector.figures(), collector.byCountry, collector.daily,
            latency, latencyMeaning, routeLine, commands, stats.events, stats.totalTrades, stats.rejects(),
            collector.kinds, hash, wall, stats);
    }

    private static void pace(final long started, final long simElapsed, final double speed)
    {
        final long due = started + (long)(simElapsed / speed);
        for (long now = System.nanoTime(); now < due; now = System.nanoTime())
        {
            try
            {
                Thread.sleep(Math.min(200, (due - now) / 1_000_000 + 1));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Attributes every trade to the flows (a flow: the buyer's country, instrument and period; a turnover: every
     * trade of the country's participants, bought or sold, in the period), measures the study's other figures,
     * keeps chart data and writes trades-by-flow.csv. Runs on the engine's listener thread.
     */
    private static final class Collector implements EngineListener
    {
        private final StudyPlan plan;
        private final Catalog catalog;
        private final List<StudyPlan.Target> targets;
        private final List<FigureTally> tallies = new ArrayList<>();
        private final long[][] quantity;
        private final long[] notional;
        private final long[] trades;
        private final StringBuilder countsFor = new StringBuilder();
        /** Per target: its country's number ({@link #countryOf}). */
        private final int[] targetCountry;
        /** Per target: whether it counts each instrument (by index); null for a turnover (every instrument). */
        private final boolean[][] targetInstruments;
        /** Per participant (by index): the number of its country, the same number for the same country. */
        private final int[] countryOf;
        private TableOut flowTrades;
        RuntimeException error;
        final Map<String, Map<String, long[]>> byCountry = new TreeMap<>();
        final Map<Integer, Map<String, TreeMap<Long, long[]>>> daily = new TreeMap<>();
        final long[] kinds = new long[4];

        Collector(final StudyPlan plan)
        {
            this.plan = plan;
            this.catalog = plan.catalog();
            this.targets = plan.targets();
            quantity = new long[targets.size()][catalog.instruments().size()];
            notional = new long[targets.size()];
            trades = new long[targets.size()];
            final Map<String, Integer> countries = new HashMap<>();
            countryOf = new int[catalog.participants().size()];
            for (int p = 0; p < countryOf.length; p++)
            {
                countryOf[p] = countries.computeIfAbsent(catalog.participant(p).country(), k -> countries.size());
            }
            targetCountry = new int[targets.size()];
            targetInstruments = new boolean[targets.size()][];
            for (int i = 0; i < targets.size(); i++)
            {
                final StudyPlan.Target t = targets.get(i);
                targetCountry[i] = countries.computeIfAbsent(t.flow().country(), k -> countries.size());
                if (t.instruments() != null)
                {
                    targetInstruments[i] = new boolean[catalog.instruments().size()];
                    for (final int k : t.instruments())
                    {
                        targetInstruments[i][k] = true;
                    }
                }
            }
            for (final Figure f : plan.scenario().figures())
            {
                tallies.add(new FigureTally(f, catalog, plan.scenario().scale()));
            }
        }

        void writeTo(final TableOut out)
        {
            this.flowTrades = out;
        }

        @Override
        public void onEvent(final EngineEvent e)
        {
            if (e.type != EventType.TRADE)
            {
                return;
            }
            final Instrument instrument = catalog.instrument(e.instrument);
            final Participant buyer = catalog.participant(e.buyOwner);
            final Participant seller = catalog.participant(e.sellOwner);
            final long value = instrument.notional(e.price, e.quantity);
            kinds[e.tradeKind.ordinal()]++;
            countsFor.setLength(0);
            final int buyerCountry = countryOf[e.buyOwner];
            final int sellerCountry = countryOf[e.sellOwner];
            for (int i = 0; i < targets.size(); i++)
            {
                final StudyPlan.Target t = targets.get(i);
                final int country = targetCountry[i];
                final boolean party = targetInstruments[i] == null ?
                    country == buyerCountry || country == sellerCountry :
                    country == buyerCountry && targetInstruments[i][e.instrument];
                if (party && e.timeNanos >= t.fromNanos() && e.timeNanos < t.toNanos())
                {
                    quantity[i][e.instrument] += e.quantity;
                    notional[i] += value;
                    trades[i]++;
                    countsFor.append(countsFor.length() == 0 ? "" : ";").append(t.flow().id());
                }
            }
            for (final FigureTally tally : tallies)
            {
                tally.add(e.timeNanos, e.instrument, e.buyOwner, e.sellOwner, value);
            }
            // Charts: per foreign country (the buyer's, or the seller's when it sold to a Belarusian buyer).
            final boolean imported = "BY".equals(buyer.country()) && !"BY".equals(seller.country());
            final String country = imported ? seller.country() : buyer.country();
            final String symbol = imported ? instrument.symbol() + " (sold)" : instrument.symbol();
            final long[] c = byCountry.computeIfAbsent(country, k -> new TreeMap<>())
                .computeIfAbsent(symbol, k -> new long[3]);
            c[0] += e.quantity;
            c[1] += value;
            c[2]++;
            final long day = Math.floorDiv(e.timeNanos, NANOS_PER_DAY);
            final long[] d = daily.computeIfAbsent(e.instrument, k -> new TreeMap<>())
                .computeIfAbsent(country, k -> new TreeMap<>())
                .computeIfAbsent(day, k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            d[0] += e.quantity;
            d[1] += value;
            d[2] = Math.min(d[2], e.price);
            d[3] = Math.max(d[3], e.price);
            if (flowTrades != null && error == null)
            {
                writeFlowTrade(e, instrument, buyer, seller, value);
            }
        }

        private void writeFlowTrade(final EngineEvent e, final Instrument instrument, final Participant buyer,
            final Participant seller, final long value)
        {
            try
            {
                flowTrades.field(e.tradeId).time(e.timeNanos).field(instrument.symbol())
                    .decimal(e.price, instrument.priceScale()).decimal(e.quantity, instrument.quantityScale())
                    .decimal(value, 2).field(buyer.id()).field(buyer.country()).field(seller.id())
                    .field(seller.country()).field(e.tradeKind.name())
                    // The run's commands carry StudyOrderIds' ids (new StudyCommands(plan)): the deal is in them.
                    .field(plan.flowOfDeal(StudyOrderIds.dealOf(e.buyClientOrderId)))
                    .field(countsFor.toString()).end();
            }
            catch (final RuntimeException ex)
            {
                error = ex;
            }
        }

        List<FigureTally.Result> figures()
        {
            final List<FigureTally.Result> list = new ArrayList<>();
            for (final FigureTally tally : tallies)
            {
                list.add(tally.result());
            }
            return list;
        }

        List<Achieved> achieved()
        {
            final List<Achieved> list = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++)
            {
                BigDecimal q = BigDecimal.ZERO;
                for (int k = 0; k < quantity[i].length; k++)
                {
                    if (quantity[i][k] != 0)
                    {
                        q = q.add(BigDecimal.valueOf(quantity[i][k])
                            .movePointLeft(catalog.instrument(k).quantityScale()));
                    }
                }
                list.add(new Achieved(targets.get(i), q, BigDecimal.valueOf(notional[i]).movePointLeft(2), trades[i]));
            }
            return list;
        }
    }

    /** A progress bar on stderr for runs longer than a second: share of commands done and the simulated date. */
    private static final class Progress
    {
        private final Consumer<String> out;
        private final long total;
        private final long start = System.nanoTime();
        private long lastPrint;
        private boolean shown;

        Progress(final Consumer<String> out, final long total)
        {
            this.out = out;
            this.total = total;
        }

        void update(final long done, final long simTime)
        {
            if (out == null || (done & 1023) != 0)
            {
                return;
            }
            final long now = System.nanoTime();
            if (now - start < 1_000_000_000L || now - lastPrint < 250_000_000L)
            {
                return;
            }
            lastPrint = now;
            shown = true;
            final int width = 30;
            final int filled = (int)(width * done / Math.max(1, total));
            out.accept(String.format("\r[%s%s] %3d%%  %s  %,d/%,d commands", "#".repeat(filled),
                ".".repeat(width - filled), 100 * done / Math.max(1, total),
                ReplayListener.time(simTime).substring(0, 10), done, total));
        }

        void done()
        {
            if (shown)
            {
                out.accept(String.format("\r[%s] 100%%  %,d commands in %.1f s%n", "#".repeat(30), total,
                    (System.nanoTime() - start) / 1e9));
            }
        }
    }
}
