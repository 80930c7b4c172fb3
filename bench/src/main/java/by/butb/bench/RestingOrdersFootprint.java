package by.butb.bench;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Memory footprint of resting orders: puts {@value #DEFAULT_ORDERS} non-crossing limit orders into a
 * {@link MatchingEngine} (bids below 625.00, asks above, on price step 0.01: 12,500 price levels on each side;
 * {@value #PARTICIPANTS} participants, GTC), then prints the heap used after a full GC, before and after, and
 * exits with status 1 when the orders do not fit the budget (default 512 MiB, the whole heap used after GC with
 * the orders in), or the heap runs out.
 *
 * <pre>
 * java -Xmx512m -cp bench/target/benchmarks.jar by.butb.bench.RestingOrdersFootprint \
 *     [orders] [budgetMiB] [expectedOrders]
 * </pre>
 *
 * <p>{@code expectedOrders} is passed to the engine (its pools and indexes are pre-sized for it); the default, 0,
 * uses the engine's default and lets it grow, which is what a server that does not know its peak does.
 */
public final class RestingOrdersFootprint
{
    public static final int DEFAULT_ORDERS = 1_000_000;
    public static final int DEFAULT_BUDGET_MIB = 512;
    static final int PARTICIPANTS = 1_000;
    static final int LEVELS_PER_SIDE = 12_500;

    static final String INSTRUMENTS_CSV = """
        symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price,band_pct
        SUGAR,White sugar,AGRI,t,USD,2,3,0.01,1,625.00,20
        """;

    private RestingOrdersFootprint()
    {
    }

    public static void main(final String[] args)
    {
        final int orders = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ORDERS;
        final long budget = (args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_BUDGET_MIB) << 20;
        final int expected = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try
        {
            final Catalog catalog = CatalogLoader.fromText(INSTRUMENTS_CSV,
                MixedWorkload.participantsCsv(PARTICIPANTS));
            final long before = usedAfterGc(memory);
            final long start = System.nanoTime();
            final MatchingEngine engine = expected > 0 ?
                new MatchingEngine(catalog, MarketRules.DEFAULT, expected) :
                new MatchingEngine(catalog, MarketRules.DEFAULT);
            final Command command = new Command();
            final EventList events = new EventList(4);
            final long reference = 62_500;
            for (int i = 0; i < orders; i++)
            {
                final boolean buy = (i & 1) == 0;
                final int level = (int)((i * 2_654_435_761L >>> 7) % LEVELS_PER_SIDE);
                final long price = buy ? reference - 1 - level : reference + 1 + level;
                final int participant = i % PARTICIPANTS;
                command.newOrder(MixedWorkload.START_TIME_NANOS + i, participant, 1 + i / PARTICIPANTS, 0,
                    buy ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC, price, (1 + i % 10) * 1_000L);
                command.sequence = i;
                events.clear();
                engine.process(command, events);
                final EngineEvent e = events.get(events.size() - 1);
                if (events.size() != 1 || e.type != EventType.ACCEPTED)
                {
                    System.err.println("order " + i + " did not rest: " + e);
                    System.exit(2);
                }
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final long after = usedAfterGc(memory);
            final long live = engine.liveOrderCount();
            final int levels = engine.depth(0, Side.BUY) + engine.depth(0, Side.SELL);
            final long maxHeap = memory.getHeapMemoryUsage().getMax();
            System.out.printf(Locale.ROOT, "resting orders: %,d on %,d price levels, %d participants (%.1f s to " +
                "enter)%n", live, levels, PARTICIPANTS, seconds);
            System.out.printf(Locale.ROOT, "heap used after GC: %,.1f MiB before the engine, %,.1f MiB with the " +
                "orders (max heap %,.0f MiB)%n", before / 1048576.0, after / 1048576.0, maxHeap / 1048576.0);
            System.out.printf(Locale.ROOT, "engine with the orders: %,.1f MiB, %.0f bytes per resting order%n",
                (after - before) / 1048576.0, (double)(after - before) / live);
            final boolean fits = live == orders && after <= budget;
            System.out.printf(Locale.ROOT, "%s: %,d resting orders %s in %,d MiB of heap%n", fits ? "PASS" : "FAIL",
                live, fits ? "fit" : "do not fit", budget >> 20);
            System.exit(fits ? 0 : 1);
        }
        catch (final OutOfMemoryError ex)
        {
            System.err.println("FAIL: out of heap (" + ex.getMessage() + ") while entering " + orders +
                " orders; max heap " + (memory.getHeapMemoryUsage().getMax() >> 20) + " MiB");
            System.exit(1);
        }
    }

    private static long usedAfterGc(final MemoryMXBean memory)
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
