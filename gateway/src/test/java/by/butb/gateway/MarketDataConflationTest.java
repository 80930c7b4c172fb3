package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.MDEntryType;
import quickfix.field.MDUpdateAction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session whose connection holds a backlog is sent no book changes while it does, then one message per changed
 * instrument that brings it to the latest book: a snapshot, or an incremental refresh that, applied to what it had,
 * gives the latest book. Sessions without a backlog get every change.
 */
class MarketDataConflationTest
{
    private static final long DAY1 = 1_704_099_600_000_000_000L; // 2024-01-01T09:00:00Z
    private static final int LEVELS = 10;
    private static final long CONFLATE_FROM = 1_000;
    private static final long CONFLATE_QUEUED_FROM = 5_000;

    private final Catalog catalog = TestCatalog.catalog();
    private final MatchingEngine engine = new MatchingEngine(catalog, MarketRules.DEFAULT, 4096);
    private final Command command = new Command();
    private final EventList events = new EventList();
    private final int smp = catalog.instrument("SMP").index();
    private final int buyer = catalog.participant("TRADER-A").index();
    private final int seller = catalog.participant("TRADER-B").index();
    private final Sessions sessions = new Sessions();
    private final MarketDataSubscriptions marketData =
        new MarketDataSubscriptions(catalog, sessions, 64, CONFLATE_FROM, CONFLATE_QUEUED_FROM);
    private final SessionID full = new SessionID("FIX.4.4", "BUTB", "FULL");
    private final SessionID incremental = new SessionID("FIX.4.4", "BUTB", "INCR");
    private long sequence;
    private long clientOrderId;

    @Test
    void aSessionBehindIsSentNoChangesThenOneSnapshotOfTheLatestBook()
    {
        subscribe(full, false);
        subscribe(incremental, true);
        sessions.unwritten.put(full, CONFLATE_FROM);
        for (int i = 0; i < LEVELS; i++)
        {
            order(buyer, Side.BUY, 2400 - i, 1);
        }
        assertEquals(1, sessions.sent(full).size(), "only the subscription's first snapshot while behind");
        assertEquals(1 + LEVELS, sessions.sent(incremental).size(), "a session that keeps up gets every change");

        marketData.catchUp();
        assertEquals(1, sessions.sent(full).size(), "still behind: nothing more");
        assertTrue(marketData.anyBehind());

        sessions.unwritten.put(full, CONFLATE_FROM - 1);
        marketData.catchUp();
        final List<MarketDataMessage> sent = sessions.sent(full);
        assertEquals(2, sent.size(), "one snapshot once below the bound");
        assertEquals(MarketDataMessage.SNAPSHOT, sent.get(1).msgType);
        assertEquals(levels(BookCopy.of(engine, smp, LEVELS)), apply(new Book(), sent.get(1)).levels());
        marketData.catchUp();
        assertEquals(2, sessions.sent(full).size(), "nothing held back any more");
        assertFalse(marketData.anyBehind());
    }

    @Test
    void messagesQueuedToBeEncodedCountOnlyTowardsTheLargerBound()
    {
        subscribe(full, false);
        sessions.queued.put(full, CONFLATE_QUEUED_FROM - 1);
        order(buyer, Side.BUY, 2400, 1);
        assertEquals(2, sessions.sent(full).size(), "a burst queued for a reader that keeps up");
        sessions.unwritten.put(full, 1L);
        order(buyer, Side.BUY, 2399, 1);
        assertEquals(2, sessions.sent(full).size(), "unwritten and queued together reach the larger bound");
        sessions.queued.put(full, 0L);
        marketData.catchUp();
        assertEquals(3, sessions.sent(full).size());
        assertEquals(levels(BookCopy.of(engine, smp, LEVELS)), apply(new Book(), sessions.sent(full).get(2)).levels());
    }

    @Test
    void anIncrementalRefreshAfterABacklogBringsTheSubscriberToTheLatestBookWithTheLastTrades()
    {
        subscribe(incremental, true);
        final Book book = apply(new Book(), sessions.sent(incremental).get(0));
        order(seller, Side.SELL, 2410, 30);
        order(seller, Side.SELL, 2420, 1);
        apply(book, sessions.sent(incremental).get(1));
        apply(book, sessions.sent(incremental).get(2));

        sessions.unwritten.put(incremental, CONFLATE_FROM);
        for (int i = 0; i < 15; i++)
        {
            order(buyer, Side.BUY, 2410, 1); // 15 trades
        }
        order(buyer, Side.BUY, 2390, 2);
        assertEquals(3, sessions.sent(incremental).size());

        sessions.unwritten.put(incremental, 0L);
        order(buyer, Side.BUY, 2380, 2); // the next change, below the bound: it catches up at once
        final List<MarketDataMessage> sent = sessions.sent(incremental);
        assertEquals(4, sent.size());
        apply(book, sent.get(3));
        assertEquals(levels(BookCopy.of(engine, smp, LEVELS)), book.levels());
        assertEquals(MarketDataSubscriptions.RECENT_TRADES, book.trades, "the last 10 of the 15 trades");
        marketData.catchUp();
        assertEquals(4, sessions.sent(incremental).size(), "nothing held back any more");
    }

    @Test
    void randomBacklogsNeverLeaveAnIncrementalSubscriberWithAnotherBookOnceCaughtUp()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        subscribe(incremental, true);
        subscribe(full, false);
        final Book book = apply(new Book(), sessions.sent(incremental).get(0));
        int read = 1;
        for (int i = 0; i < 2_000; i++)
        {
            if (random.nextInt(10) == 0)
            {
                sessions.unwritten.put(incremental, random.nextBoolean() ? CONFLATE_FROM : 0L);
                sessions.unwritten.put(full, random.nextBoolean() ? CONFLATE_FROM : 0L);
            }
            final int owner = random.nextBoolean() ? buyer : seller;
            final Side side = owner == buyer ? Side.BUY : Side.SELL;
            order(owner, side, 2390 + random.nextInt(21), 1 + random.nextInt(5));
            if (random.nextBoolean())
            {
                marketData.catchUp();
            }
            final List<MarketDataMessage> sent = sessions.sent(incremental);
            while (read < sent.size())
            {
                apply(book, sent.get(read++));
            }
            final Map<Side, TreeMap<Long, List<Long>>> latest = levels(BookCopy.of(engine, smp, LEVELS));
            if (sessions.unwrittenBytes(incremental) < CONFLATE_FROM)
            {
                assertEquals(latest, book.levels(), "seed " + seed + ", command " + i + ": incremental book");
            }
            final List<MarketDataMessage> snapshots = sessions.sent(full);
            if (sessions.unwrittenBytes(full) < CONFLATE_FROM)
            {
                assertEquals(latest, apply(new Book(), snapshots.get(snapshots.size() - 1)).levels(),
                    "seed " + seed + ", command " + i + ": last snapshot");
            }
        }
    }

    private void subscribe(final SessionID session, final boolean incrementalRefresh)
    {
        marketData.onSubscribe(new MarketDataSubscriptions.Subscription(session, "R-" + session.getTargetCompID(),
            new int[] {smp}, LEVELS, true, true, true, incrementalRefresh, true));
    }

    /** A limit order of whole units at a whole price; its book and trades go to the subscriptions. */
    private void order(final int owner, final Side side, final int price, final int quantity)
    {
        command.newOrder(DAY1 + sequence, owner, ++clientOrderId, smp, side, OrderType.LIMIT, TimeInForce.GTC,
            price * 100L, quantity * 1_000L);
        command.sequence = ++sequence;
        events.clear();
        engine.process(command, events);
        final List<BookCopy.Trade> trades = new ArrayList<>();
        for (int i = 0; i < events.size(); i++)
        {
            final EngineEvent e = events.get(i);
            if (e.type == EventType.TRADE)
            {
                trades.add(new BookCopy.Trade(e.instrument, e.price, e.quantity, e.timeNanos, e.side, e.tradeId));
            }
        }
        marketData.onBook(smp, BookCopy.of(engine, smp, LEVELS), trades);
    }

    private static Map<Side, TreeMap<Long, List<Long>>> levels(final BookCopy copy)
    {
        final Book book = new Book();
        for (final Side side : Side.values())
        {
            for (int i = 0; i < copy.levels(side); i++)
            {
                book.side(side).put(copy.price(side, i), List.of(copy.quantity(side, i), (long)copy.orders(side, i)));
            }
        }
        return book.levels();
    }

    /** What a subscriber knows of the book: price levels by side, and the trades it was told of. */
    private static final class Book
    {
        final TreeMap<Long, List<Long>> bids = new TreeMap<>();
        final TreeMap<Long, List<Long>> offers = new TreeMap<>();
        int trades;

        TreeMap<Long, List<Long>> side(final Side side)
        {
            return side == Side.BUY ? bids : offers;
        }

        Map<Side, TreeMap<Long, List<Long>>> levels()
        {
            return Map.of(Side.BUY, bids, Side.SELL, offers);
        }
    }

    private static Book apply(final Book book, final MarketDataMessage m)
    {
        if (m.msgType == MarketDataMessage.SNAPSHOT)
        {
            book.bids.clear();
            book.offers.clear();
        }
        for (final MarketDataMessage.Entry e : m.entries())
        {
            if (e.entryType() == MDEntryType.TRADE)
            {
                book.trades++;
                continue;
            }
            final TreeMap<Long, List<Long>> side = book.side(e.entryType() == MDEntryType.BID ? Side.BUY : Side.SELL);
            if (e.action() == MDUpdateAction.DELETE)
            {
                side.remove(e.price());
            }
            else
            {
                side.put(e.price(), List.of(e.quantity(), (long)e.orders()));
            }
        }
        return book;
    }

    /** Sessions that are all logged on, with a backlog each test sets, that keep what they are sent. */
    private static final class Sessions implements FixSessions
    {
        final Map<SessionID, Long> unwritten = new HashMap<>();
        final Map<SessionID, Long> queued = new HashMap<>();
        private final Map<SessionID, List<MarketDataMessage>> sent = new HashMap<>();

        List<MarketDataMessage> sent(final SessionID id)
        {
            return sent.computeIfAbsent(id, s -> new ArrayList<>());
        }

        @Override
        public long unwrittenBytes(final SessionID id)
        {
            return unwritten.getOrDefault(id, 0L);
        }

        @Override
        public long queuedBytes(final SessionID id)
        {
            return queued.getOrDefault(id, 0L);
        }

        @Override
        public boolean sendMarketData(final SessionID id, final MarketDataMessage message)
        {
            sent(id).add(message);
            return true;
        }

        @Override
        public boolean exists(final SessionID id)
        {
            return true;
        }

        @Override
        public boolean loggedOn(final SessionID id)
        {
            return true;
        }

        @Override
        public boolean connected(final SessionID id)
        {
            return true;
        }

        @Override
        public boolean send(final SessionID id, final Message message)
        {
            throw new AssertionError("market data only");
        }

        @Override
        public boolean sendReport(final SessionID id, final OrderReport report)
        {
            throw new AssertionError("market data only");
        }

        @Override
        public int[] sequenceNumbers(final SessionID id)
        {
            return null;
        }

        @Override
        public void beginBatch()
        {
        }

        @Override
        public void endBatch()
        {
        }
    }
}
