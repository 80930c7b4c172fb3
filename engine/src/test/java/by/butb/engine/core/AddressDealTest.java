package by.butb.engine.core;

import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static by.butb.engine.TestMarket.BUYER;
import static by.butb.engine.TestMarket.BUYER2;
import static by.butb.engine.TestMarket.SELLER;
import static by.butb.engine.TestMarket.SMP;
import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static by.butb.engine.core.EngineHarness.all;
import static by.butb.engine.core.EngineHarness.only;
import static by.butb.engine.core.EngineHarness.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address deals without a schedule (allowed at any time); the ADDRESS phase is covered in SessionPhaseTest. */
class AddressDealTest
{
    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void depositsAreConserved()
    {
        h.assertDepositsConserved();
    }

    private List<EngineEvent> post(final long id, final int counterparty, final double price, final double quantity)
    {
        final Command c = h.command.newOrder(h.time, SELLER, id, SMP, Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
            px(price), qty(quantity));
        c.counterparty = counterparty;
        return h.run(c);
    }

    @Test
    void shouldLetOnlyTheNamedBuyerTakeTheAddressOrder()
    {
        assertEquals(BUYER, only(post(1, BUYER, 2500, 52), EventType.ACCEPTED).counterparty);
        assertEquals(ResultCode.NOT_ADDRESSEE, rejection(h.takeAddressOrder(BUYER2, 1, 1, 2500, 52)));
        final List<EngineEvent> events = h.takeAddressOrder(BUYER, 1, 1, 2500, 52);
        final EngineEvent trade = only(events, EventType.TRADE);
        assertEquals(TradeKind.ADDRESS_DEAL, trade.tradeKind);
        assertEquals(qty(52), trade.quantity);
        assertEquals(px(2500), trade.price);
        assertEquals(BUYER, trade.buyOwner);
        assertEquals(SELLER, trade.sellOwner);
        assertEquals(0, h.engine.addressOrderCount());
        assertEquals(0, h.engine.liveOrderCount());
    }

    @Test
    void shouldNeverMatchAnAddressOrderAnonymously()
    {
        post(1, BUYER, 2500, 10);
        final List<EngineEvent> events = h.limit(BUYER, 2, SMP, Side.BUY, 2600, 10, TimeInForce.GTC);
        assertTrue(all(events, EventType.TRADE).isEmpty());
        assertEquals(1, h.engine.depth(SMP, Side.BUY));
        assertEquals(0, h.engine.depth(SMP, Side.SELL), "address orders stay out of the anonymous book");
    }

    @Test
    void shouldAllowPartialTakesAndCancelTheRest()
    {
        post(1, BUYER, 2500, 52);
        assertEquals(qty(20), only(h.takeAddressOrder(BUYER, 1, 1, 2500, 20), EventType.TRADE).quantity);
        assertEquals(ResultCode.ADDRESS_TERMS_MISMATCH, rejection(h.takeAddressOrder(BUYER, 2, 1, 2500, 40)),
            "only 32 t left");
        assertEquals(ResultCode.ADDRESS_TERMS_MISMATCH, rejection(h.takeAddressOrder(BUYER, 3, 1, 2490, 10)),
            "price differs");
        final EngineEvent cancelled = only(h.run(h.command.cancel(h.time, SELLER, 1)), EventType.CANCELLED);
        assertEquals(qty(20), cancelled.filled);
        assertEquals(0, h.engine.addressOrderCount());
    }

    @Test
    void shouldRejectBadAddressOrders()
    {
        assertEquals(ResultCode.SELF_ADDRESSED, rejection(post(1, SELLER, 2500, 1)));
        assertEquals(ResultCode.UNKNOWN_COUNTERPARTY, rejection(post(2, Command.UNKNOWN, 2500, 1)));
        assertEquals(ResultCode.UNKNOWN_ORDER, rejection(h.takeAddressOrder(BUYER, 3, 42, 2500, 1)));
        post(4, BUYER, 2500, 1);
        assertEquals(ResultCode.ADDRESS_ORDER_NOT_REPLACEABLE, rejection(h.run(h.command.replace(h.time, SELLER, 4,
            px(2510), qty(1)))));
        assertEquals(ResultCode.ORDER_VALUE_TOO_LARGE, rejection(post(5, BUYER, 2500, 40_000_000_000.0)),
            "a value past a long blocks no guarantee: refused like an anonymous order");
    }
}
