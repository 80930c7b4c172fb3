package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The opening call auction against an independent computation of the algorithm docs/market-model.md describes
 * (maximum volume, then minimum imbalance, then nearest the reference price, then the lower price; self-match
 * prevention cancels the older order and the price is found again for what remains), on random pre-open books.
 * Another seed: {@code -Dbutb.seed=N}.
 */
class CallAuctionReferenceTest
{
    private static final long MIDNIGHT = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z
    private static final long MINUTE = 60_000_000_000L;
    private static final int[] OWNERS = {TestMarket.SELLER, TestMarket.BUYER, TestMarket.BUYER2, TestMarket.CLIENT};
    private static final long REFERENCE_PRICE = px(2500);

    @Test
    void shouldTradeAndCancelExactlyAsTheDocumentedAlgorithmOnRandomBooks()
    {
        final long seed = Long.getLong("butb.seed", 20_261_204L);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int book = 0; book < 400; book++)
        {
            final EngineHarness h = new EngineHarness(ScheduleLoader.fromText(SessionPhaseTest.SCHEDULE,
                TestMarket.catalog()));
            h.time = MIDNIGHT + 9 * 60 * MINUTE + 10 * MINUTE;
            final List<RefOrder> orders = new ArrayList<>();
            final int count = 2 + random.nextInt(24);
            for (int i = 0; i < count; i++)
            {
                final int owner = OWNERS[random.nextInt(OWNERS.length)];
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long price = px(2480 + random.nextInt(41));
                final long quantity = qty(1 + random.nextInt(10));
                final List<EngineEvent> events = h.run(h.command.newOrder(h.time, owner, i + 1, TestMarket.SMP, side,
                    OrderType.LIMIT, TimeInForce.DAY, price, quantity));
                final EngineEvent accepted = EngineHarness.only(events, EventType.ACCEPTED);
                orders.add(new RefOrder(accepted.exchangeOrderId, owner, side, price, quantity));
            }
            h.time = MIDNIGHT + 10 * 60 * MINUTE;
            final List<String> actual = new ArrayList<>();
            for (final EngineEvent e : h.run(h.command.clock(h.time)))
            {
                if (e.type == EventType.TRADE)
                {
                    actual.add(trade(e.buyOrderId, e.sellOrderId, e.price, e.quantity));
                }
                else if (e.type == EventType.CANCELLED)
                {
                    actual.add(cancel(e.exchangeOrderId, e.code));
                }
            }
            assertEquals(reference(orders), actual, "book " + book + " of seed " + seed + " (rerun with " +
                "-Dbutb.seed=" + seed + "): " + orders);
            h.assertDepositsConserved();
        }
    }

    /** The documented algorithm, on plain lists. */
    private static List<String> reference(final List<RefOrder> book)
    {
        final List<RefOrder> live = new ArrayList<>(book);
        final List<String> out = new ArrayList<>();
        long price = uncrossPrice(live);
        while (price >= 0)
        {
            final RefOrder bid = best(live, Side.BUY);
            final RefOrder ask = best(live, Side.SELL);
            if (bid == null || ask == null || bid.price < price || ask.price > price)
            {
                price = uncrossPrice(live);
                continue;
            }
            if (bid.owner == ask.owner)
            {
                final RefOrder older = bid.id < ask.id ? bid : ask;
                live.remove(older);
                out.add(cancel(older.id, ResultCode.SELF_MATCH_PREVENTED));
                price = uncrossPrice(live);
                continue;
            }
            final long quantity = Math.min(bid.leaves, ask.leaves);
            out.add(trade(bid.id, ask.id, price, quantity));
            bid.leaves -= quantity;
            ask.leaves -= quantity;
            live.removeIf(o -> o.leaves == 0);
        }
        return out;
    }

    private static RefOrder best(final List<RefOrder> live, final Side side)
    {
        final Comparator<RefOrder> byPrice = Comparator.comparingLong(o -> o.price);
        return live.stream().filter(o -> o.side == side)
            .min((side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.id)).orElse(null);
    }

    private static long uncrossPrice(final List<RefOrder> live)
    {
        final TreeSet<Long> candidates = new TreeSet<>();
        live.forEach(o -> candidates.add(o.price));
        long bestPrice = -1;
        long bestVolume = 0;
        long bestImbalance = 0;
        for (final long p : candidates)
        {
            final long buy = live.stream().filter(o -> o.side == Side.BUY && o.price >= p).mapToLong(o -> o.leaves)
                .sum();
            final long sell = live.stream().filter(o -> o.side == Side.SELL && o.price <= p).mapToLong(o -> o.leaves)
                .sum();
            final long volume = Math.min(buy, sell);
            final long imbalance = Math.abs(buy - sell);
            final boolean better = volume > bestVolume ||
                volume == bestVolume && volume > 0 && (imbalance < bestImbalance || imbalance == bestImbalance &&
                Math.abs(p - REFERENCE_PRICE) < Math.abs(bestPrice - REFERENCE_PRICE));
            if (better)
            {
                bestPrice = p;
                bestVolume = volume;
                bestImbalance = imbalance;
            }
        }
        return bestVolume > 0 ? bestPrice : -1;
    }

    private static String trade(final long buyId, final long sellId, final long price, final long quantity)
    {
        return "trade " + buyId + "/" + sellId + " " + quantity + " at " + price;
    }

    private static String cancel(final long id, final ResultCode code)
    {
        return "cancel " + id + " " + code;
    }

    private static final class RefOrder
    {
        final long id;
        final int owner;
        final Side side;
        final long price;
        long leaves;

        RefOrder(final long id, final int owner, final Side side, final long price, final long quantity)
        {
            this.id = id;
            this.owner = owner;
            this.side = side;
            this.price = price;
            this.leaves = quantity;
        }

        @Override
        public String toString()
        {
            return id + ":" + owner + " " + side + " " + leaves + "@" + price;
        }
    }
}
