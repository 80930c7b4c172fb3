package by.butb.bench;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.harness.Workload;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A seeded, pre-generated mixed order flow on one instrument, replayable forever without allocation.
 *
 * <h2>Market</h2>
 * One instrument, SUGAR (section AGRI, USD, price scale 2, quantity scale 3, step 0.50, lot 1 t, reference 625.00,
 * band 20 %: 500.00 to 750.00), and {@value #DEFAULT_PARTICIPANTS} participants {@code P0000..P0999}, all ACTIVE
 * TRADERs admitted to AGRI, with a deposit of 10^12 USD each so that the deposit check never limits the flow (the
 * exchange fee of {@link MarketRules#DEFAULT} drains about 10^-6 of it per million trades).
 *
 * <h2>One cycle</h2>
 * The workload is a <em>cycle</em> of commands that starts and ends with an empty book:
 * <ol>
 * <li><b>build-up</b>: passive limit orders only, until each side holds {@code depthPerSide} orders;</li>
 * <li><b>mixed</b> ({@code mixedCommands} commands), each drawn independently:
 *   <ul>
 *   <li>55 % a new LIMIT order, DAY or GTC (half each), either side, 1 to 10 t. Most are <em>passive</em>: a bid
 *       at the reference minus k ticks, an ask at the reference plus 1 + k ticks, k geometric with mean about 3
 *       (capped at {@code passiveLevels - 1}), so the touch is the busiest level. A small share are
 *       <em>marketable</em>: priced 0 to 2 ticks through the opposite best price, they trade and may rest the
 *       remainder. That share is the depth regulator: it grows with the opposite side's depth above
 *       {@code depthPerSide} (and shrinks below), which keeps each side near its target depth;</li>
 *   <li>20 % an IOC LIMIT order that crosses the spread (0 to 2 ticks through the opposite best), 1 to 10 t;</li>
 *   <li>25 % a CANCEL of an order picked uniformly among the live orders.</li>
 *   </ul></li>
 * <li><b>drain</b>: a CANCEL for each order still live, in random order, which empties the book.</li>
 * </ol>
 * While generating, the commands run through a shadow {@link MatchingEngine}; its events keep the generator's view
 * of live orders exact (fills and self-match cancels remove orders), so the prices of marketable orders follow
 * the real book and every CANCEL names an order that is live at that point. Because the engine is deterministic
 * and a cycle leaves the book empty, replaying the cycle again and again reproduces the shadow run exactly:
 * cancels are never rejected, the book depth and the mix are the same in every cycle, and pools stop growing
 * after the first cycle. The build-up and drain phases are a small part of a cycle (about 1 % by default) and are
 * included in the mix figures of {@link #describe()}.
 *
 * <h2>Replay</h2>
 * Commands are stored in primitive arrays. A {@link Replay} walks them in a loop and fills a {@link Command} in
 * place: client order ids are {@code cycle * idStride + local id}, so they stay unique per participant across
 * cycles (local ids are per participant and below {@code idStride}); time starts at {@link #START_TIME_NANOS}
 * (2025-06-02 07:00 UTC) and grows by 1 ns per command, so it stays within one UTC day (no DAY expiry) for 6 * 10^13
 * commands. {@link #TRANSLATOR} is the stateless {@link CommandTranslator} for {@code EnginePipeline.submit}.
 *
 * <p>Run {@code java -cp benchmarks.jar by.butb.bench.MixedWorkload} to print the mix of the default workload and
 * check it by replaying three cycles through a fresh engine.
 */
public final class MixedWorkload
{
    public static final int DEFAULT_PARTICIPANTS = 1_000;
    public static final long DEFAULT_SEED = 20_250_602L;
    public static final int DEFAULT_MIXED_COMMANDS = 1 << 21;
    public static final int DEFAULT_DEPTH_PER_SIDE = 5_000;
    public static final int DEFAULT_PASSIVE_LEVELS = 20;

    public static final String SECTION = "AGRI";
    public static final int INSTRUMENT = 0;
    /** 625.00 at price scale 2. */
    public static final long REFERENCE = 62_500;
    /** 0.50 at price scale 2. */
    public static final long TICK = 50;
    /** 1 t at quantity scale 3. */
    public static final long LOT = 1_000;
    public static final long START_TIME_NANOS = Instant.parse("2025-06-02T07:00:00Z").getEpochSecond() * 1_000_000_000L;

    public static final String INSTRUMENTS_CSV = """
        symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price,band_pct
        SUGAR,White sugar,AGRI,t,USD,2,3,0.50,1,625.00,20
        """;

    /** Fills a ring slot from a {@link Replay} (stateless: the replay is the argument). */
    public static final CommandTranslator<Replay> TRANSLATOR = (command, replay) -> replay.next(command);

    static final double LIMIT_SHARE = 0.55;
    static final double IOC_SHARE = 0.20;
    /** Marketable share of new limit orders when the opposite side is at its target depth. */
    static final double MARKETABLE_BASE = 0.08;
    /** How fast the marketable share reacts to the opposite side's depth (per 100 % above target). */
    static final double MARKETABLE_GAIN = 0.5;
    static final double MARKETABLE_MAX = 0.5;

    static final byte NEW = 0;
    static final byte CANCEL = 1;
    static final Side[] SIDES = {Side.BUY, Side.SELL};
    static final TimeInForce[] TIFS = {TimeInForce.DAY, TimeInForce.GTC, TimeInForce.IOC};
    static final byte DAY = 0;
    static final byte GTC = 1;
    static final byte IOC = 2;

    /** Parameters of the generator. */
    public record Config(long seed, int participants, int mixedCommands, int depthPerSide, int passiveLevels)
    {
        public static Config standard()
        {
            return new Config(DEFAULT_SEED, DEFAULT_PARTICIPANTS, DEFAULT_MIXED_COMMANDS, DEFAULT_DEPTH_PER_SIDE,
                DEFAULT_PASSIVE_LEVELS);
        }

        public Config
        {
            if (participants < 2 || mixedCommands < 1 || depthPerSide < 1 || passiveLevels < 1 ||
                passiveLevels > 200)
            {
                throw new IllegalArgumentException("invalid workload config " + this);
            }
        }
    }

    private final Config config;
    private final Catalog catalog;
    final byte[] kind;
    final byte[] side;
    final byte[] tif;
    final int[] participant;
    final int[] localId;
    final long[] price;
    final long[] quantity;
    private final int length;
    private final int buildUpLength;
    private final int drainLength;
    private final long idStride;
    private final Stats stats;

    private MixedWorkload(final Config config, final Catalog catalog, final MixedWorkloadGenerator g)
    {
        this.config = config;
        this.catalog = catalog;
        this.length = g.size;
        this.kind = Arrays.copyOf(g.kind, length);
        this.side = Arrays.copyOf(g.side, length);
        this.tif = Arrays.copyOf(g.tif, length);
        this.participant = Arrays.copyOf(g.participant, length);
        this.localId = Arrays.copyOf(g.localId, length);
        this.price = Arrays.copyOf(g.price, length);
        this.quantity = Arrays.copyOf(g.quantity, length);
        this.buildUpLength = g.buildUp;
        this.drainLength = g.drain;
        int maxLocal = 0;
        for (final int n : g.nextLocal)
        {
            maxLocal = Math.max(maxLocal, n);
        }
        this.idStride = maxLocal + 1L;
        this.stats = g.stats;
    }

    /** The default workload ({@link Config#standard()}). Generation takes a second or two. */
    public static MixedWorkload standard()
    {
        return generate(Config.standard());
    }

    public static MixedWorkload generate(final Config config)
    {
        final Catalog catalog = catalog(config.participants());
        final MixedWorkloadGenerator g = new MixedWorkloadGenerator(config, catalog);
        g.run();
        return new MixedWorkload(config, catalog, g);
    }

    /** The one-instrument catalog with {@code participants} traders (a new instance each call). */
    public static Catalog catalog(final int participants)
    {
        return CatalogLoader.fromText(INSTRUMENTS_CSV, participantsCsv(participants));
    }

    static String participantsCsv(final int participants)
    {
        final StringBuilder csv = new StringBuilder(participants * 80)
            .append("id,name,country,resident,role,clients,sections,status,deposit,currency\n");
        for (int i = 0; i < participants; i++)
        {
            final String id = String.format(Locale.ROOT, "P%04d", i);
            csv.append(id).append(',').append("Trader ").append(id).append(',')
                .append(i % 2 == 0 ? "BY,true" : "CN,false")
                .append(",TRADER,,").append(SECTION).append(",ACTIVE,1000000000000.00,USD\n");
        }
        return csv.toString();
    }

    public Config config()
    {
        return config;
    }

    /** The catalog the workload was generated for (participant index i is {@code P%04d} of i). */
    public Catalog catalog()
    {
        return catalog;
    }

    /** Commands in one cycle (build-up + mixed + drain). */
    public int cycleLength()
    {
        return length;
    }

    /** Commands of the build-up phase at the start of each cycle. */
    public int buildUpLength()
    {
        return buildUpLength;
    }

    public int drainLength()
    {
        return drainLength;
    }

    public long idStride()
    {
        return idStride;
    }

    /** What the shadow run of one cycle saw. */
    public Stats stats()
    {
        return stats;
    }

    /**
     * Commands that bring a fresh engine to steady state: one whole cycle (pools, maps and the JIT reach their
     * size) and the build-up of the next, so that measuring starts with {@code depthPerSide} orders on each side.
     */
    public long warmUpCommands()
    {
        return (long)length + buildUpLength;
    }

    public Replay replay()
    {
        return new Replay(this);
    }

    /**
     * The cycle as a {@link Workload} of the shared benchmark harness (same arrays, same encodings: kind NEW 0 /
     * CANCEL 1, side BUY 0 / SELL 1, time in force DAY 0 / GTC 1 / IOC 2), for {@code WorkloadFile} and the
     * engine comparison.
     */
    public Workload toWorkload()
    {
        return new Workload(config.seed(), config.participants(), buildUpLength, drainLength, idStride, LOT, kind,
            side, tif, participant, localId, price, quantity);
    }

    /** A position in the endless loop over the cycle. Single-threaded; allocation-free. */
    public static final class Replay
    {
        private final MixedWorkload w;
        private final byte[] kind;
        private final byte[] side;
        private final byte[] tif;
        private final int[] participant;
        private final int[] localId;
        private final long[] price;
        private final long[] quantity;
        private final int length;
        private int index;
        private long idBase;
        private long time = START_TIME_NANOS;
        private long replayed;

        private Replay(final MixedWorkload w)
        {
            this.w = w;
            this.kind = w.kind;
            this.side = w.side;
            this.tif = w.tif;
            this.participant = w.participant;
            this.localId = w.localId;
            this.price = w.price;
            this.quantity = w.quantity;
            this.length = w.length;
        }

        /**
         * Writes the next command into {@code c}, which must be cleared (a ring slot arrives cleared); sets every
         * field the command type uses except {@code sequence}.
         */
        public void next(final Command c)
        {
            final int i = index;
            c.timeNanos = time++;
            c.submitter = participant[i];
            c.clientOrderId = idBase + localId[i];
            if (kind[i] == NEW)
            {
                c.type = CommandType.NEW_ORDER;
                c.instrument = INSTRUMENT;
                c.side = SIDES[side[i]];
                c.orderType = OrderType.LIMIT;
                c.timeInForce = TIFS[tif[i]];
                c.price = price[i];
                c.quantity = quantity[i];
            }
            else
            {
                c.type = CommandType.CANCEL;
            }
            replayed++;
            if (i + 1 == length)
            {
                index = 0;
                idBase += w.idStride;
            }
            else
            {
                index = i + 1;
            }
        }

        /** Commands written so far. */
        public long replayed()
        {
            return replayed;
        }

        /** Index of the next command within the cycle. */
        public int position()
        {
            return index;
        }
    }

    /** Counts of one cycle of the shadow run. */
    public static final class Stats
    {
        long passiveLimits;
        long marketableLimits;
        long iocs;
        long cancels;
        long buildUpCommands;
        long drainCommands;
        long mixedCommands;
        long trades;
        long events;
        long rejects;
        long selfMatchCancels;
        long iocRemainderCancels;
        long limitsThatTraded;
        long iocsThatTraded;
        long maxEventsPerCommand;
        long maxLive;
        double depthSumBids;
        double depthSumAsks;
        long depthSamples;
        int minBidsMixed = Integer.MAX_VALUE;
        int minAsksMixed = Integer.MAX_VALUE;
        int maxBidsMixed;
        int maxAsksMixed;

        public long trades()
        {
            return trades;
        }

        public long rejects()
        {
            return rejects;
        }

        public long events()
        {
            return events;
        }
    }

    /** A readable summary of the cycle: the mix, the outcome of the shadow run, the depth. */
    public String describe()
    {
        final Stats s = stats;
        final double n = length;
        final long limits = s.passiveLimits + s.marketableLimits;
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "MixedWorkload seed=%d participants=%d depthPerSide=%d passiveLevels=%d%n",
            config.seed(), config.participants(), config.depthPerSide(), config.passiveLevels()));
        b.append(String.format(Locale.ROOT,
            "cycle: %,d commands = build-up %,d + mixed %,d + drain %,d; idStride %,d%n",
            length, s.buildUpCommands, s.mixedCommands, s.drainCommands, idStride));
        b.append(String.format(Locale.ROOT,
            "mix over the whole cycle: new LIMIT DAY/GTC %.1f %% (passive %.1f %%, marketable %.1f %%), IOC %.1f %%, " +
                "CANCEL %.1f %%%n",
            100 * limits / n, 100 * s.passiveLimits / n, 100 * s.marketableLimits / n, 100 * s.iocs / n,
            100 * s.cancels / n));
        b.append(String.format(Locale.ROOT,
            "shadow run: %.3f trades/command, %.3f events/command (max %d for one command), rejects %d (%.3f %% of " +
                "cancels), self-match cancels %d, IOC remainders cancelled %d%n",
            s.trades / n, s.events / n, s.maxEventsPerCommand, s.rejects,
            s.cancels == 0 ? 0.0 : 100.0 * s.rejects / s.cancels, s.selfMatchCancels, s.iocRemainderCancels));
        b.append(String.format(Locale.ROOT, "limits that traded %.1f %%, IOCs that traded %.1f %%%n",
            limits == 0 ? 0.0 : 100.0 * s.limitsThatTraded / limits,
            s.iocs == 0 ? 0.0 : 100.0 * s.iocsThatTraded / s.iocs));
        b.append(String.format(Locale.ROOT,
            "live orders during the mixed phase: bids mean %.0f (min %d, max %d), asks mean %.0f (min %d, max %d); " +
                "max live %d%n",
            s.depthSumBids / s.depthSamples, s.minBidsMixed, s.maxBidsMixed, s.depthSumAsks / s.depthSamples,
            s.minAsksMixed, s.maxAsksMixed, s.maxLive));
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ generator

    /** Runs the shadow engine and records the commands. Allocation here does not matter (setup time). */
    /**
     * Prints the mix of the default workload, then replays three cycles through a fresh engine and checks that each
     * cycle produces exactly the shadow run's trades and no reject, and leaves the book empty.
     */
    public static void main(final String[] args)
    {
        final long start = System.nanoTime();
        final MixedWorkload w = standard();
        System.out.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.print(w.describe());
        final MatchingEngine engine = new MatchingEngine(w.catalog(), MarketRules.DEFAULT, 16_384);
        final Replay replay = w.replay();
        final Command c = new Command();
        final EventList events = new EventList(64);
        long sequence = 0;
        for (int cycle = 0; cycle < 3; cycle++)
        {
            long trades = 0;
            long rejects = 0;
            long eventCount = 0;
            int liveAfterBuildUp = 0;
            for (int i = 0; i < w.cycleLength(); i++)
            {
                c.clear();
                replay.next(c);
                c.sequence = sequence++;
                events.clear();
                engine.process(c, events);
                eventCount += events.size();
                for (int e = 0; e < events.size(); e++)
                {
                    final EventType type = events.get(e).type;
                    if (type == EventType.TRADE)
                    {
                        trades++;
                    }
                    else if (type == EventType.REJECTED)
                    {
                        rejects++;
                    }
                }
                if (i + 1 == w.buildUpLength())
                {
                    liveAfterBuildUp = engine.liveOrderCount();
                }
            }
            System.out.printf(Locale.ROOT,
                "replay cycle %d: %,d trades, %,d events, %d rejects, %,d live after build-up, %d live at the end%n",
                cycle, trades, eventCount, rejects, liveAfterBuildUp, engine.liveOrderCount());
            if (trades != w.stats().trades() || rejects != 0 || engine.liveOrderCount() != 0 ||
                eventCount != w.stats().events())
            {
                System.err.println("replay differs from the shadow run");
                System.exit(1);
            }
        }
    }
}
