package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Matching in steady state allocates nothing: after a warm-up that lets pools and maps reach their size, a
 * workload of new orders, crossing IOCs, cancels and replaces runs with zero bytes allocated on this thread.
 */
class SteadyStateAllocationTest
{
    private static final int ROUND = 50_000;

    private final MatchingEngine engine = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT, 4096);
    private final Command command = new Command();
    private final EventList events = new EventList();
    private final long[] restingIds = new long[512];
    private final int[] restingOwners = new int[512];
    private long clientId;
    private long sequence;
    private long trades;

    @Test
    void shouldNotAllocateWhileMatchingInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < 5; i++)
        {
            round(); // warm-up: pools, maps, event lists and JIT reach steady state
        }
        final long tradesBefore = trades;
        final long before = threads.getCurrentThreadAllocatedBytes();
        round();
        round();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(trades - tradesBefore > ROUND / 4, "the measured rounds trade");
        assertTrue(engine.liveOrderCount() > 20, "orders rest in the book: " + engine.liveOrderCount());
        assertEquals(0, allocated, "bytes allocated during " + (2 * ROUND) + " commands");
    }

    private void round()
    {
        for (int i = 0; i < ROUND; i++)
        {
            final int slot = i % restingIds.length;
            final long time = EngineHarness.DAY1 + i;
            switch (i % 4)
            {
                case 0, 1 ->
                {
                    if (restingIds[slot] != 0)
                    {
                        run(command.cancel(time, restingOwners[slot], restingIds[slot]));
                    }
                    final long id = ++clientId;
                    final boolean buy = (i & 2) == 0;
                    final int owner = buy ? TestMarket.BUYER + (int)(id & 1) : TestMarket.SELLER + (int)(id & 1);
                    final long price = TestMarket.px(buy ? 99 - (i % 7) * 0.5 : 101 + (i % 7) * 0.5);
                    run(command.newOrder(time, owner, id, TestMarket.TIMBER, buy ? Side.BUY : Side.SELL,
                        OrderType.LIMIT, TimeInForce.GTC, price, TestMarket.qty(1 + i % 5)));
                    restingIds[slot] = id;
                    restingOwners[slot] = owner;
                }
                case 2 -> run(command.newOrder(time, TestMarket.BUYER2, ++clientId, TestMarket.TIMBER, Side.BUY,
                    OrderType.LIMIT, TimeInForce.IOC, TestMarket.px(103), TestMarket.qty(2)));
                default -> run(command.newOrder(time, TestMarket.BUYER2, ++clientId, TestMarket.TIMBER, Side.SELL,
                    OrderType.LIMIT, TimeInForce.IOC, TestMarket.px(97), TestMarket.qty(3)));
            }
        }
    }

    private void run(final Command cmd)
    {
        cmd.sequence = sequence++;
        events.clear();
        engine.process(cmd, events);
        for (int i = 0; i < events.size(); i++)
        {
            if (events.get(i).type == EventType.TRADE)
            {
                trades++;
            }
        }
    }
}
