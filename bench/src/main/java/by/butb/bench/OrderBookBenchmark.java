package by.butb.bench;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Order book operations one at a time, on {@link MatchingEngine#process} on the benchmark thread (no ring, no
 * journal), at several book depths. The book: {@code depth} resting orders of 1 t on each side of SUGAR, over
 * {@value #LEVELS} price levels per side (bids 625.00 down, asks 625.50 up), from participants P0000..P0998; the
 * measured orders come from P0999, so self-match prevention never fires. Each invocation applies {@value #BATCH}
 * commands of one kind; score: commands per second (per operation: {@code 1 / score}).
 * <ul>
 * <li>{@code add}: a passive GTC bid of 1 t at a random level among the {@value #LEVELS} (the new order joins the
 *     level's queue); the {@value #BATCH} orders are cancelled after the invocation, outside the timing;</li>
 * <li>{@code cancel}: cancel of one of {@value #BATCH} such orders entered before the invocation, outside the
 *     timing;</li>
 * <li>{@code replace}: a REPLACE of one of {@value #BATCH} resting orders to the price one tick away (it loses
 *     its time priority and moves to another level), alternately down and up from one invocation to the next;</li>
 * <li>{@code match}: an IOC sell of 1 t at the best bid, which fills the first resting order of that level in full
 *     (one trade, the resting order leaves the book); the taken orders are entered again after the invocation,
 *     outside the timing, so the book loses at most {@value #BATCH} orders during one.</li>
 * </ul>
 * Every invocation checks that each command had its effect (accepted, cancelled, replaced, traded).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_JAVAC_FILE, JvmFlags.OPEN_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.OPEN_IO, JvmFlags.OPEN_UTIL, JvmFlags.OPEN_NIO,
    JvmFlags.NO_ANALYTICS, JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX,
    JvmFlags.THROUGHPUT_GC})
public class OrderBookBenchmark
{
    public static final int BATCH = 256;
    public static final int LEVELS = 100;
    static final int ACTIVE = 999;

    /** Resting orders per side. */
    @Param({"1000", "10000", "100000"})
    public int depth;

    private MatchingEngine engine;
    private final Command command = new Command();
    private final EventList events = new EventList(64);
    private final long[] ownIds = new long[BATCH];
    private final int[] ownLevels = new int[BATCH];
    private final long[] takenPrices = new long[BATCH];
    private boolean ownResting;
    private final int[] randomLevels = new int[1 << 16];
    private int nextLevel;
    private long sequence;
    private long time = MixedWorkload.START_TIME_NANOS;
    private long activeId;
    private final long[] nextRestingId = new long[ACTIVE];
    private int nextRestingOwner;
    private boolean replaceDown = true;
    private int counted;

    @Setup(Level.Trial)
    public void setUp()
    {
        engine = new MatchingEngine(MixedWorkload.catalog(MixedWorkload.DEFAULT_PARTICIPANTS), MarketRules.DEFAULT,
            2 * depth + 4 * BATCH);
        final SplittableRandom random = new SplittableRandom(MixedWorkload.DEFAULT_SEED);
        for (int i = 0; i < randomLevels.length; i++)
        {
            randomLevels[i] = random.nextInt(LEVELS);
        }
        for (int i = 0; i < depth; i++)
        {
            rest(Side.BUY, bidPrice(i % LEVELS));
            rest(Side.SELL, MixedWorkload.REFERENCE + (1 + i % LEVELS) * MixedWorkload.TICK);
        }
        check(engine.liveOrderCount() == 2 * depth, "book not built");
    }

    static long bidPrice(final int level)
    {
        return MixedWorkload.REFERENCE - level * MixedWorkload.TICK;
    }

    private void rest(final Side side, final long price)
    {
        final int owner = nextRestingOwner;
        nextRestingOwner = (owner + 1) % ACTIVE;
        apply(command.newOrder(time, owner, ++nextRestingId[owner], MixedWorkload.INSTRUMENT, side, OrderType.LIMIT,
            TimeInForce.GTC, price, MixedWorkload.LOT), EventType.ACCEPTED);
    }

    /** Applies the command; counts it when its first event has the expected type. */
    private void apply(final Command c, final EventType expected)
    {
        c.sequence = sequence++;
        time++;
        events.clear();
        engine.process(c, events);
        for (int i = 0, n = events.size(); i < n; i++)
        {
            if (events.get(i).type == expected)
            {
                counted++;
                return;
            }
        }
    }

    private void addOwn()
    {
        for (int i = 0; i < BATCH; i++)
        {
            final int level = randomLevels[nextLevel++ & (randomLevels.length - 1)];
            ownIds[i] = ++activeId;
            ownLevels[i] = level;
            apply(command.newOrder(time, ACTIVE, ownIds[i], MixedWorkload.INSTRUMENT, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, bidPrice(level), MixedWorkload.LOT), EventType.ACCEPTED);
        }
    }

    private void cancelOwn()
    {
        for (int i = 0; i < BATCH; i++)
        {
            apply(command.cancel(time, ACTIVE, ownIds[i]), EventType.CANCELLED);
        }
    }

    // ------------------------------------------------------------------------------------------------ add

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int add()
    {
        addOwn();
        return events.size();
    }

    // ------------------------------------------------------------------------------------------------ cancel

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int cancel()
    {
        cancelOwn();
        return events.size();
    }

    // ------------------------------------------------------------------------------------------------ replace

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int replace()
    {
        for (int i = 0; i < BATCH; i++)
        {
            final long price = bidPrice(ownLevels[i]) - (replaceDown ? MixedWorkload.TICK : 0);
            apply(command.replace(time, ACTIVE, ownIds[i], price, MixedWorkload.LOT), EventType.REPLACED);
        }
        return events.size();
    }

    // ------------------------------------------------------------------------------------------------ match

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int match()
    {
        for (int i = 0; i < BATCH; i++)
        {
            final long best = engine.levelPrice(MixedWorkload.INSTRUMENT, Side.BUY, 0);
            takenPrices[i] = best;
            apply(command.newOrder(time, ACTIVE, ++activeId, MixedWorkload.INSTRUMENT, Side.SELL, OrderType.LIMIT,
                TimeInForce.IOC, best, MixedWorkload.LOT), EventType.TRADE);
        }
        return events.size();
    }

    /** Per invocation, outside the timing: prepares the orders the measured commands act on. */
    @Setup(Level.Invocation)
    public void before(final org.openjdk.jmh.infra.BenchmarkParams params)
    {
        counted = 0;
        final String name = params.getBenchmark();
        if (name.endsWith(".cancel") || name.endsWith(".replace") && !ownResting)
        {
            addOwn();
            ownResting = true;
            counted = 0;
        }
    }

    /**
     * Per invocation, outside the timing, allocation-free unless it fails: checks the effect of every command,
     * restores the depth.
     */
    @TearDown(Level.Invocation)
    public void after(final org.openjdk.jmh.infra.BenchmarkParams params)
    {
        final String name = params.getBenchmark();
        if (counted != BATCH)
        {
            throw new IllegalStateException(name + ": " + counted + " of " + BATCH + " commands had their effect");
        }
        if (name.endsWith(".add"))
        {
            cancelOwn();
        }
        else if (name.endsWith(".replace"))
        {
            replaceDown = !replaceDown;
        }
        else if (name.endsWith(".match"))
        {
            check(engine.depth(MixedWorkload.INSTRUMENT, Side.BUY) > 0, "match emptied the bids");
            for (int i = 0; i < BATCH; i++)
            {
                rest(Side.BUY, takenPrices[i]);
            }
        }
        final int live = engine.liveOrderCount();
        if (live < 2 * depth - BATCH || live > 2 * depth + BATCH)
        {
            throw new IllegalStateException(name + ": live orders " + live + " outside the expected depth");
        }
    }

    private static void check(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalStateException(message);
        }
    }
}
