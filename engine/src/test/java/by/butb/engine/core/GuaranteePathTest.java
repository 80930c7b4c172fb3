package by.butb.engine.core;

import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static by.butb.engine.TestMarket.BUYER;
import static by.butb.engine.TestMarket.POOR;
import static by.butb.engine.TestMarket.SELLER;
import static by.butb.engine.TestMarket.SMP;
import static by.butb.engine.TestMarket.TIMBER;
import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static by.butb.engine.core.EngineHarness.only;
import static by.butb.engine.core.EngineHarness.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of commitment takes its guarantee through the same checks: a value that overflows, a deposit short. */
class GuaranteePathTest
{
    private static final double TOO_MANY = 1_000_000_000_000.0;
    private static final long HOUR = 3_600_000_000_000L;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void depositsAreConserved()
    {
        h.assertDepositsConserved();
    }

    @Test
    void shouldRefuseAValueThatOverflowsWhateverCarriesIt()
    {
        assertEquals(ResultCode.ORDER_VALUE_TOO_LARGE, rejection(h.buy(BUYER, 1, 100, TOO_MANY)), "new order");
        assertEquals(ResultCode.ORDER_VALUE_TOO_LARGE, rejection(h.market(BUYER, 2, Side.BUY, TOO_MANY,
            TimeInForce.IOC)), "market order, valued at the band's high price");
        h.buy(BUYER, 3, 100, 1);
        assertEquals(ResultCode.ORDER_VALUE_TOO_LARGE, rejection(h.replace(BUYER, 3, 100, TOO_MANY)), "replace");
        assertEquals(ResultCode.ORDER_VALUE_TOO_LARGE, rejection(address(4, TOO_MANY)), "address order");
        assertEquals(ResultCode.ORDER_VALUE_TOO_LARGE, rejection(lot(5, TOO_MANY)), "lot offer");
    }

    @Test
    void shouldRefuseABidWhoseValueOverflowsOnALotThatDidNot()
    {
        // No guarantee, so that a lot whose value almost overflows can be offered at all.
        final EngineHarness free = new EngineHarness(new MarketRules(0, 10));
        final double quantity = 800_000_000_000.0; // x 100.00 fits in a long (of cents x 1000), x 120.00 does not
        final long lot = only(free.run(free.command.lotOffer(free.time, SELLER, 1, TIMBER, Side.SELL, px(100),
            qty(quantity), px(1), free.time + HOUR)), EventType.ACCEPTED).exchangeOrderId;
        assertEquals(ResultCode.ORDER_VALUE_TOO_LARGE,
            rejection(free.run(free.command.lotBid(free.time, BUYER, 2, lot, px(120)))));
        only(free.run(free.command.lotBid(free.time, BUYER, 3, lot, px(100))), EventType.ACCEPTED);
        free.assertDepositsConserved();
    }

    @Test
    void shouldRefuseWhatTheFreeDepositDoesNotCoverWhateverCarriesIt()
    {
        // POOR has 100.00 free: a guarantee of 10 % covers at most 1,000.00 of value.
        assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, rejection(h.buy(POOR, 1, 100, 11)), "new order");
        only(h.buy(POOR, 2, 100, 10), EventType.ACCEPTED);
        assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, rejection(h.replace(POOR, 2, 100, 11)), "replace");
        only(h.replace(POOR, 2, 100, 10), EventType.REPLACED);
        final long lot = only(lot(3, 10), EventType.ACCEPTED).exchangeOrderId;
        only(h.cancel(POOR, 2), EventType.CANCELLED);
        assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, rejection(h.run(h.command.lotBid(h.time, POOR, 4, lot,
            px(101)))), "lot bid");
        only(h.run(h.command.lotBid(h.time, POOR, 5, lot, px(100))), EventType.ACCEPTED);
    }

    private List<EngineEvent> address(final long id, final double quantity)
    {
        final Command post = h.command.newOrder(h.time, SELLER, id, SMP, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, px(2500), qty(quantity));
        post.counterparty = BUYER;
        return h.run(post);
    }

    private List<EngineEvent> lot(final long id, final double quantity)
    {
        return h.run(h.command.lotOffer(h.time, SELLER, id, TIMBER, Side.SELL, px(100), qty(quantity), px(1),
            h.time + HOUR));
    }
}
