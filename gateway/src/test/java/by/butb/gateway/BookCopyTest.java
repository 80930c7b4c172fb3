package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A book copy matches the engine's book while the copied top levels stay as they were (the bridge then hands the same
 * copy on), and stops matching when a price, a quantity or an order count among them changes.
 */
class BookCopyTest
{
    private static final long DAY1 = 1_704_099_600_000_000_000L; // 2024-01-01T09:00:00Z
    private static final int LEVELS = 3;

    private final Catalog catalog = TestCatalog.catalog();
    private final MatchingEngine engine = new MatchingEngine(catalog, MarketRules.DEFAULT, 1024);
    private final Command command = new Command();
    private final EventList events = new EventList();
    private final int smp = catalog.instrument("SMP").index();
    private final int buyer = catalog.participant("TRADER-A").index();
    private final int seller = catalog.participant("TRADER-B").index();
    private long sequence;
    private long clientOrderId;

    @Test
    void aCopyMatchesUntilAPriceAQuantityOrAnOrderCountAmongItsTopLevelsChanges()
    {
        final BookCopy empty = BookCopy.of(engine, smp, LEVELS);
        order(buyer, Side.BUY, TimeInForce.IOC, 2490, 1);
        assertTrue(empty.matches(engine, smp, LEVELS), "an IOC order that does not trade leaves the book as it was");

        order(buyer, Side.BUY, TimeInForce.GTC, 2490, 1);
        assertFalse(empty.matches(engine, smp, LEVELS), "a new level");
        final BookCopy one = BookCopy.of(engine, smp, LEVELS);
        assertEquals(1, one.levels(Side.BUY));
        assertTrue(one.matches(engine, smp, LEVELS));

        order(seller, Side.SELL, TimeInForce.GTC, 2500, 2);
        assertFalse(one.matches(engine, smp, LEVELS), "a level on the other side");
        final BookCopy two = BookCopy.of(engine, smp, LEVELS);
        order(buyer, Side.BUY, TimeInForce.GTC, 2490, 1);
        assertFalse(two.matches(engine, smp, LEVELS), "more quantity and orders at a copied level");
        run(command.cancel(DAY1 + sequence, buyer, clientOrderId));
        assertTrue(two.matches(engine, smp, LEVELS), "the book as it was copied");

        order(buyer, Side.BUY, TimeInForce.IOC, 2500, 1);
        assertFalse(two.matches(engine, smp, LEVELS), "a trade took part of a copied level");
    }

    @Test
    void levelsBelowTheCopiedOnesDoNotMatter()
    {
        for (int i = 0; i < LEVELS; i++)
        {
            order(buyer, Side.BUY, TimeInForce.GTC, 2490 - i, 1);
        }
        final BookCopy top = BookCopy.of(engine, smp, LEVELS);
        order(buyer, Side.BUY, TimeInForce.GTC, 2400, 1);
        assertTrue(top.matches(engine, smp, LEVELS), "a level below the copied ones");
        order(buyer, Side.BUY, TimeInForce.GTC, 2495, 1);
        assertFalse(top.matches(engine, smp, LEVELS), "a better level moves the others down");
    }

    /** A limit order of whole units at a whole price, with the next client order id. */
    private void order(final int owner, final Side side, final TimeInForce tif, final int price, final int quantity)
    {
        run(command.newOrder(DAY1 + sequence, owner, ++clientOrderId, smp, side, OrderType.LIMIT, tif,
            price * 100L, quantity * 1_000L));
    }

    private void run(final Command c)
    {
        c.sequence = ++sequence;
        events.clear();
        engine.process(c, events);
    }
}
