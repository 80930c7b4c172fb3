package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random streams with a session schedule on AGRI (pre-open, call auction, continuous, address period,
 * close), lot auctions on TIMBER and address deals, checking after every command: deposits conserved and
 * blocked exactly for live commitments, no negative free deposit, books sorted and consistent, never crossed
 * while continuous, bought = sold, no trade with oneself, one price per call auction, lot prices beyond the start;
 * and every few thousand commands a snapshot reloaded into a fresh engine gives the same state hash.
 * Another seed: {@code -Dbutb.seed=N}.
 */
class RandomizedMechanismsTest
{
    private static final int COMMANDS = 100_000;
    private static final long MINUTE = 60_000_000_000L;
    private static final long MIDNIGHT = 1_704_067_200_000_000_000L;

    @Test
    void shouldKeepEveryInvariantWithPhasesAuctionsAndAddressDeals(@TempDir final Path dir)
    {
        final long seed = Long.getLong("butb.seed", 20_241_002L);
        try
        {
            new Run(seed, dir).execute();
        }
        catch (final AssertionError | RuntimeException ex)
        {
            throw new AssertionError("randomized run failed, seed=" + seed + " (rerun with -Dbutb.seed=" + seed +
                "): " + ex.getMessage(), ex);
        }
    }

    private static final class Run
    {
        private final SplittableRandom random;
        private final Path dir;
        private final EngineHarness h = new EngineHarness(ScheduleLoader.fromText(SessionPhaseTest.SCHEDULE,
            TestMarket.catalog()));
        private final int[] traders = {TestMarket.SELLER, TestMarket.BUYER, TestMarket.BUYER2, TestMarket.CLIENT,
            TestMarket.POOR, TestMarket.TIMBERONLY};
        private final long[] nextId = new long[16];
        private final List<long[]> lots = new ArrayList<>();
        private final List<long[]> addressOrders = new ArrayList<>();
        private final long[] traded = new long[4];
        private long trades;
        private long auctionTrades;
        private long lotTrades;
        private long addressTrades;
        private long command;

        Run(final long seed, final Path dir)
        {
            this.random = new SplittableRandom(seed);
            this.dir = dir;
            h.time = MIDNIGHT + 8 * 60 * MINUTE;
        }

        void execute()
        {
            for (command = 0; command < COMMANDS; command++)
            {
                h.time += 1 + random.nextLong(MINUTE / 4);
                final List<EngineEvent> events = h.run(next());
                check(events);
                if (command % 20_000 == 19_999)
                {
                    checkSnapshotRoundTrip();
                }
            }
            assertTrue(trades > 5_000 && auctionTrades > 0 && lotTrades > 0 && addressTrades > 0,
                "the run should exercise every mechanism: trades=" + trades + " auction=" + auctionTrades +
                    " lot=" + lotTrades + " address=" + addressTrades);
        }

        private Command next()
        {
            final int owner = traders[random.nextInt(traders.length)];
            final int roll = random.nextInt(100);
            final Command c;
            if (roll < 3)
            {
                final long id = ++nextId[owner];
                final Instrument timber = h.catalog.instrument(TestMarket.TIMBER);
                c = h.command.lotOffer(h.time, owner, id, TestMarket.TIMBER, random.nextInt(4) == 0 ? Side.BUY :
                    Side.SELL, timber.referencePrice(), timber.lotSize() * (1 + random.nextInt(50)), px(0.5),
                    h.time + (5 + random.nextInt(60)) * MINUTE);
                lots.add(new long[] {owner, id});
            }
            else if (roll < 12 && !lots.isEmpty())
            {
                final long[] lot = lots.get(lots.size() - 1 - random.nextInt(Math.min(5, lots.size())));
                c = h.command.lotBid(h.time, owner, ++nextId[owner], 0,
                    h.catalog.instrument(TestMarket.TIMBER).referencePrice() + (random.nextInt(30) - 15) * px(0.5));
                c.counterparty = (int)lot[0];
                c.counterpartyOrderId = lot[1];
            }
            else if (roll < 16)
            {
                final long id = ++nextId[owner];
                final int counterparty = traders[random.nextInt(traders.length)];
                c = h.command.newOrder(h.time, owner, id, TestMarket.SMP, Side.SELL, OrderType.LIMIT,
                    TimeInForce.GTC, px(2500), qty(1 + random.nextInt(60)));
                c.counterparty = counterparty;
                addressOrders.add(new long[] {owner, id, counterparty});
            }
            else if (roll < 22 && !addressOrders.isEmpty())
            {
                final long[] target = addressOrders.get(random.nextInt(addressOrders.size()));
                final int taker = random.nextInt(3) == 0 ? owner : (int)target[2];
                c = h.command.newOrder(h.time, taker, ++nextId[taker], TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                    TimeInForce.GTC, px(2500), qty(1 + random.nextInt(30)));
                c.counterparty = (int)target[0];
                c.counterpartyOrderId = target[1];
            }
            else if (roll < 34 && nextId[owner] > 0)
            {
                c = h.command.cancel(h.time, owner, 1 + random.nextLong(nextId[owner]));
            }
            else if (roll < 40 && nextId[owner] > 0)
            {
                final int instrument = random.nextInt(3);
                c = h.command.replace(h.time, owner, 1 + random.nextLong(nextId[owner]),
                    price(instrument, Side.BUY), h.catalog.instrument(instrument).lotSize() * (1 + random.nextInt(8)));
            }
            else
            {
                final int instrument = random.nextInt(3);
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final int kind = random.nextInt(10);
                final TimeInForce tif = kind < 2 ? TimeInForce.IOC : kind < 3 ? TimeInForce.FOK :
                    kind < 7 ? TimeInForce.DAY : TimeInForce.GTC;
                c = h.command.newOrder(h.time, owner, ++nextId[owner], instrument, side,
                    kind == 9 ? OrderType.MARKET : OrderType.LIMIT, kind == 9 ? TimeInForce.IOC : tif,
                    kind == 9 ? 0 : price(instrument, side),
                    h.catalog.instrument(instrument).lotSize() * (1 + random.nextInt(8)));
            }
            if (c.submitter == TestMarket.CLIENT && random.nextBoolean())
            {
                c.submitter = TestMarket.BROKER;
                c.onBehalfOf = TestMarket.CLIENT;
            }
            return c;
        }

        private long price(final int instrument, final Side side)
        {
            final Instrument i = h.catalog.instrument(instrument);
            final long away = random.nextInt(14) - 3;
            final long p = i.referencePrice() + (side == Side.BUY ? -away : away) * i.priceStep();
            return Math.max(i.lowPrice(), Math.min(i.highPrice(), p));
        }

        private static long px(final double price)
        {
            return TestMarket.px(price);
        }

        private static long qty(final double quantity)
        {
            return TestMarket.qty(quantity);
        }

        private void check(final List<EngineEvent> events)
        {
            final long[] auctionPrice = {-1, -1, -1, -1};
            final boolean[] selfMatched = new boolean[4];
            for (final EngineEvent e : events)
            {
                if (e.type == EventType.CANCELLED && e.code == ResultCode.SELF_MATCH_PREVENTED)
                {
                    selfMatched[e.instrument] = true; // the call may be recomputed after a self-match cancel
                }
                if (e.type != EventType.TRADE)
                {
                    continue;
                }
                trades++;
                traded[e.instrument] += e.quantity;
                assertTrue(e.buyOwner != e.sellOwner, "no trade with oneself");
                assertTrue(e.quantity > 0);
                switch (e.tradeKind)
                {
                    case CALL_AUCTION ->
                    {
                        auctionTrades++;
                        assertTrue(auctionPrice[e.instrument] < 0 || auctionPrice[e.instrument] == e.price ||
                            selfMatched[e.instrument],
                            "one price per call auction");
                        auctionPrice[e.instrument] = e.price;
                    }
                    case LOT_AUCTION ->
                    {
                        lotTrades++;
                        final long start = h.catalog.instrument(TestMarket.TIMBER).referencePrice();
                        assertTrue(e.side == Side.BUY ? e.price >= start : e.price <= start,
                            "a lot never trades beyond its start price");
                    }
                    case ADDRESS_DEAL ->
                    {
                        addressTrades++;
                        assertEquals(px(2500), e.price);
                    }
                    default ->
                    {
                    }
                }
            }
            final MatchingEngine engine = h.engine;
            for (int i = 0; i < 3; i++)
            {
                final Phase phase = engine.phase(h.catalog.instrument(i).sectionIndex());
                if (phase == Phase.CONTINUOUS && engine.depth(i, Side.BUY) > 0 && engine.depth(i, Side.SELL) > 0)
                {
                    assertTrue(engine.levelPrice(i, Side.BUY, 0) < engine.levelPrice(i, Side.SELL, 0),
                        "book " + i + " crossed while continuous at command " + command + ": " + events);
                }
                for (final Side side : Side.values())
                {
                    for (int rank = 1; rank < engine.depth(i, side); rank++)
                    {
                        final long better = engine.levelPrice(i, side, rank - 1);
                        final long worse = engine.levelPrice(i, side, rank);
                        assertTrue(side == Side.BUY ? better > worse : better < worse, "levels sorted");
                    }
                    final long[] sum = {0};
                    engine.forEachRestingOrder(i, side, (orderId, clientOrderId, owner, submitter, tif, price,
                        quantity, leaves, filled, filledValue, blocked) ->
                    {
                        assertEquals(quantity, leaves + filled);
                        assertTrue(leaves > 0);
                        sum[0] += leaves;
                    });
                    long levels = 0;
                    for (int rank = 0; rank < engine.depth(i, side); rank++)
                    {
                        levels += engine.levelQuantity(i, side, rank);
                    }
                    assertEquals(sum[0], levels, "level quantities");
                }
            }
            h.assertDepositsConserved();
            for (int p = 0; p < h.catalog.participants().size(); p++)
            {
                assertTrue(engine.freeDeposit(p) >= 0, "free deposit never negative");
            }
        }

        private void checkSnapshotRoundTrip()
        {
            final Path file = dir.resolve("snapshot-" + command + ".bin");
            EngineSnapshot.write(h.engine, file);
            final MatchingEngine copy = new MatchingEngine(h.catalog, MarketRules.DEFAULT,
                ScheduleLoader.fromText(SessionPhaseTest.SCHEDULE, h.catalog), 16);
            EngineSnapshot.read(file, copy);
            assertEquals(h.engine.stateHash(), copy.stateHash(), "a snapshot reloads to the same state");
        }
    }
}
