package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random command streams over several instruments, with every invariant checked after every command:
 * books never crossed and sorted, levels consistent, time priority inside a level, quantities conserved per order
 * and per instrument, deposits conserved and blocked exactly for what rests. Run another seed with
 * {@code -Dbutb.seed=N}; a failure prints the seed and the command number.
 */
class RandomizedInvariantTest
{
    private static final int COMMANDS = 120_000;

    @Test
    void shouldKeepEveryInvariantAfterEveryCommand()
    {
        final long seed = Long.getLong("butb.seed", 20_241_001L);
        try
        {
            new Run(seed).execute(COMMANDS);
        }
        catch (final AssertionError | RuntimeException ex)
        {
            throw new AssertionError("randomized run failed, seed=" + seed + " (rerun with -Dbutb.seed=" + seed +
                "): " + ex.getMessage(), ex);
        }
    }

    @Test
    void shouldProduceTheSameStateHashForTheSameSeed()
    {
        assertEquals(new Run(7).execute(20_000), new Run(7).execute(20_000));
    }

    private static final class LiveOrder
    {
        final int owner;
        final long clientOrderId;
        final int instrument;
        final Side side;
        long price;
        long quantity;
        long filled;
        /** Sum of price x quantity of the fills, scaled. */
        long filledValue;
        long priority;

        LiveOrder(final int owner, final long clientOrderId, final int instrument, final Side side)
        {
            this.side = side;
            this.owner = owner;
            this.clientOrderId = clientOrderId;
            this.instrument = instrument;
        }
    }

    private static final class Run
    {
        private final long seed;
        private final SplittableRandom random;
        private final EngineHarness h = new EngineHarness();
        private final Map<Long, LiveOrder> live = new HashMap<>();
        private final List<Long> liveIds = new ArrayList<>();
        private final long[] nextClientId = new long[h.catalog.participants().size()];
        private final long[] bought = new long[h.catalog.instruments().size()];
        private final long[] sold = new long[h.catalog.instruments().size()];
        private final int[] traders = {TestMarket.SELLER, TestMarket.BUYER, TestMarket.BUYER2, TestMarket.POOR,
            TestMarket.TIMBERONLY, TestMarket.CLIENT, TestMarket.SUSPENDED};
        private long commandNumber;
        private int commands;
        /** The live order the last CANCEL named. */
        private long cancelTarget;
        private long trades;
        private long rejects;
        private long expiries;
        private int maxLive;

        Run(final long seed)
        {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
        }

        long execute(final int commands)
        {
            this.commands = commands;
            for (int i = 0; i < commands; i++)
            {
                commandNumber = i;
                final Command cmd = nextCommand();
                final long sequence = h.sequence;
                final List<EngineEvent> events = h.run(cmd);
                apply(cmd, sequence, events);
                if (cmd.type == CommandType.CANCEL)
                {
                    assertTrue(events.stream().anyMatch(e -> e.exchangeOrderId == cancelTarget &&
                        (e.type == EventType.CANCELLED || e.type == EventType.EXPIRED)),
                        "the cancel of live order " + cancelTarget + " ends it: " + events);
                }
                checkInvariants();
                maxLive = Math.max(maxLive, live.size());
            }
            assertTrue(trades > commands / 20 && maxLive > 50 && rejects > commands / 100 && expiries > 0,
                "the run should exercise the engine: trades=" + trades + " maxLive=" + maxLive + " rejects=" +
                rejects + " expiries=" + expiries);
            return h.engine.stateHash();
        }

        private Command nextCommand()
        {
            if (random.nextInt(2000) == 0)
            {
                h.time += EngineHarness.NANOS_PER_DAY;
            }
            h.time += random.nextInt(1_000_000);
            final int roll = random.nextInt(100);
            if (roll < 14 && !liveIds.isEmpty())
            {
                final long orderId = liveIds.get(random.nextInt(liveIds.size()));
                final LiveOrder o = live.get(orderId);
                cancelTarget = orderId;
                // From the middle of the run on, half the cancels name the exchange id: the engine builds that
                // index on first use, from the orders live then, and keeps it from there.
                final boolean byExchangeId = commandNumber >= commands / 2 && random.nextBoolean();
                final Command c = h.command.cancel(h.time, o.owner, byExchangeId ? 0 : o.clientOrderId);
                c.exchangeOrderId = byExchangeId ? orderId : 0;
                routeViaBroker(c, o.owner);
                return c;
            }
            if (roll < 22 && !liveIds.isEmpty())
            {
                final LiveOrder o = live.get(liveIds.get(random.nextInt(liveIds.size())));
                final Instrument instrument = h.catalog.instrument(o.instrument);
                final long price = random.nextInt(3) == 0 ? o.price : nearPrice(instrument, o.side);
                final long quantity = Math.max(instrument.lotSize(),
                    o.quantity + (random.nextInt(5) - 2) * instrument.lotSize());
                final Command c = h.command.replace(h.time, o.owner, o.clientOrderId, price, quantity);
                routeViaBroker(c, o.owner);
                return c;
            }
            final int owner = traders[random.nextInt(traders.length)];
            final int instrumentIndex = random.nextInt(3);
            final Instrument instrument = h.catalog.instrument(instrumentIndex);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long quantity = instrument.lotSize() * (1 + random.nextInt(20));
            final int kind = random.nextInt(100);
            final Command c;
            if (kind < 6)
            {
                c = h.command.newOrder(h.time, owner, ++nextClientId[owner], instrumentIndex, side, OrderType.MARKET,
                    random.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK, 0, quantity);
            }
            else
            {
                final TimeInForce tif = kind < 16 ? TimeInForce.IOC : kind < 22 ? TimeInForce.FOK :
                    kind < 60 ? TimeInForce.DAY : TimeInForce.GTC;
                long price = nearPrice(instrument, side);
                if (random.nextInt(50) == 0)
                {
                    price += 1; // off the step: rejected
                }
                c = h.command.newOrder(h.time, owner, ++nextClientId[owner], instrumentIndex, side, OrderType.LIMIT,
                    tif, price, random.nextInt(80) == 0 ? 0 : quantity);
            }
            routeViaBroker(c, owner);
            return c;
        }

        private void routeViaBroker(final Command c, final int owner)
        {
            if (owner == TestMarket.CLIENT && random.nextBoolean())
            {
                c.submitter = TestMarket.BROKER;
                c.onBehalfOf = TestMarket.CLIENT;
            }
        }

        /** Buyers bid mostly below the reference and sellers ask mostly above it, with some overlap. */
        private long nearPrice(final Instrument instrument, final Side side)
        {
            final long away = random.nextInt(15) - 2;
            final long ticks = side == Side.BUY ? -away : away;
            final long price = instrument.referencePrice() + ticks * instrument.priceStep();
            return Math.max(instrument.lowPrice(), Math.min(instrument.highPrice(), price));
        }

        private void apply(final Command cmd, final long sequence, final List<EngineEvent> events)
        {
            long lastTradePrice = -1;
            for (final EngineEvent e : events)
            {
                switch (e.type)
                {
                    case ACCEPTED ->
                    {
                        final LiveOrder o = new LiveOrder(e.owner, e.clientOrderId, e.instrument, e.side);
                        o.price = e.price;
                        o.quantity = e.quantity;
                        o.priority = sequence;
                        live.put(e.exchangeOrderId, o);
                        liveIds.add(e.exchangeOrderId);
                    }
                    case REPLACED ->
                    {
                        final LiveOrder o = live.get(e.exchangeOrderId);
                        if (e.price != o.price || e.quantity > o.quantity)
                        {
                            o.priority = sequence;
                        }
                        o.price = e.price;
                        o.quantity = e.quantity;
                        assertEquals(o.filled, e.filled, "filled survives a replace");
                    }
                    case TRADE ->
                    {
                        final LiveOrder buy = live.get(e.buyOrderId);
                        final LiveOrder sell = live.get(e.sellOrderId);
                        buy.filled += e.quantity;
                        sell.filled += e.quantity;
                        buy.filledValue += e.price * e.quantity;
                        sell.filledValue += e.price * e.quantity;
                        assertEquals(buy.quantity - buy.filled, e.buyLeaves, "buy leaves");
                        assertEquals(sell.quantity - sell.filled, e.sellLeaves, "sell leaves");
                        bought[e.instrument] += e.quantity;
                        sold[e.instrument] += e.quantity;
                        final LiveOrder aggressor = e.side == Side.BUY ? buy : sell;
                        final LiveOrder resting = e.side == Side.BUY ? sell : buy;
                        assertEquals(resting.price, e.price, "trades happen at the resting order's price");
                        if (e.orderType == OrderType.LIMIT)
                        {
                            assertTrue(e.side == Side.BUY ? e.price <= aggressor.price : e.price >= aggressor.price,
                                "trade price within the aggressor's limit");
                        }
                        if (lastTradePrice >= 0)
                        {
                            assertTrue(e.side == Side.BUY ? e.price >= lastTradePrice : e.price <= lastTradePrice,
                                "an aggressor takes the best prices first");
                        }
                        lastTradePrice = e.price;
                        trades++;
                        assertTrue(buy.owner != sell.owner, "no trade with oneself");
                        removeIfDone(e.buyOrderId, buy);
                        removeIfDone(e.sellOrderId, sell);
                    }
                    case CANCELLED, EXPIRED ->
                    {
                        expiries += e.type == EventType.EXPIRED ? 1 : 0;
                        final LiveOrder o = live.remove(e.exchangeOrderId);
                        if (o != null)
                        {
                            liveIds.remove(Long.valueOf(e.exchangeOrderId));
                            assertEquals(o.filled, e.filled);
                        }
                    }
                    case REJECTED ->
                    {
                        rejects++;
                        assertTrue(e.code != ResultCode.OK);
                    }
                    default -> throw new AssertionError("unexpected " + e);
                }
            }
        }

        private void removeIfDone(final long orderId, final LiveOrder o)
        {
            if (o.filled == o.quantity)
            {
                live.remove(orderId);
                liveIds.remove(Long.valueOf(orderId));
            }
        }

        private void checkInvariants()
        {
            final MatchingEngine engine = h.engine;
            int resting = 0;
            for (int i = 0; i < h.catalog.instruments().size(); i++)
            {
                assertEquals(bought[i], sold[i], "bought equals sold");
                final int bidDepth = engine.depth(i, Side.BUY);
                final int askDepth = engine.depth(i, Side.SELL);
                if (bidDepth > 0 && askDepth > 0)
                {
                    assertTrue(engine.levelPrice(i, Side.BUY, 0) < engine.levelPrice(i, Side.SELL, 0),
                        "book crossed at command " + commandNumber);
                }
                for (final Side side : Side.values())
                {
                    final int depth = engine.depth(i, side);
                    for (int rank = 0; rank < depth; rank++)
                    {
                        if (rank > 0)
                        {
                            final long better = engine.levelPrice(i, side, rank - 1);
                            final long worse = engine.levelPrice(i, side, rank);
                            assertTrue(side == Side.BUY ? better > worse : better < worse, "levels sorted");
                        }
                    }
                    final long[] levelSums = new long[depth];
                    final int[] levelCounts = new int[depth];
                    final long[] lastPrice = {Long.MIN_VALUE};
                    final int[] rank = {-1};
                    final long[] lastPriority = {Long.MIN_VALUE};
                    final int instrument = i;
                    final int[] count = {0};
                    engine.forEachRestingOrder(i, side, (orderId, clientOrderId, owner, submitter, tif, price,
                        quantity, leaves, filled, filledValue, blocked) ->
                    {
                        if (price != lastPrice[0])
                        {
                            rank[0]++;
                            lastPrice[0] = price;
                            lastPriority[0] = Long.MIN_VALUE;
                        }
                        final LiveOrder o = live.get(orderId);
                        assertTrue(o != null, "resting order " + orderId + " is live in the model");
                        assertEquals(o.instrument, instrument);
                        assertEquals(o.price, price);
                        assertEquals(o.quantity, quantity);
                        assertEquals(o.filled, filled);
                        assertEquals(o.filledValue, filledValue, "the sum of its fills' price x quantity");
                        assertEquals(quantity, leaves + filled, "quantity = leaves + filled");
                        assertTrue(leaves > 0, "no empty order rests");
                        assertTrue(tif.rests());
                        assertTrue(o.priority >= lastPriority[0], "time priority inside a level");
                        lastPriority[0] = o.priority;
                        levelSums[rank[0]] += leaves;
                        levelCounts[rank[0]]++;
                        count[0]++;
                    });
                    for (int r = 0; r < depth; r++)
                    {
                        assertEquals(levelSums[r], engine.levelQuantity(i, side, r), "level quantity");
                        assertEquals(levelCounts[r], engine.levelOrderCount(i, side, r), "level order count");
                    }
                    resting += count[0];
                }
            }
            assertEquals(live.size(), resting, "every live order of the model rests in a book");
            assertEquals(resting, engine.liveOrderCount(), "no order is live outside a book");
            h.assertDepositsConserved();
            for (int p = 0; p < h.catalog.participants().size(); p++)
            {
                assertTrue(engine.freeDeposit(p) >= 0, "free deposit never negative");
            }
        }
    }
}
