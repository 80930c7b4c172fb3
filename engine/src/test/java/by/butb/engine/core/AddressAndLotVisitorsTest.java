package by.butb.engine.core;

import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static by.butb.engine.TestMarket.BUYER;
import static by.butb.engine.TestMarket.BUYER2;
import static by.butb.engine.TestMarket.SELLER;
import static by.butb.engine.TestMarket.SMP;
import static by.butb.engine.TestMarket.TIMBER;
import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static by.butb.engine.core.EngineHarness.NANOS_PER_DAY;
import static by.butb.engine.core.EngineHarness.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MatchingEngine#forEachAddressOrder}, {@link MatchingEngine#forEachOpenLot},
 * {@link MatchingEngine#forEachStandingBid}.
 */
class AddressAndLotVisitorsTest
{
    private static final long HOUR = 3_600_000_000_000L;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void depositsAreConserved()
    {
        h.assertDepositsConserved();
    }

    record AddressOrder(long orderId, long clientOrderId, int owner, int submitter, int instrument, Side side,
        TimeInForce timeInForce, long price, long quantity, long leaves, long filled, long filledValue, long blocked,
        int counterparty)
    {
    }

    record OpenLot(long lotId, long clientOrderId, int owner, int submitter, int instrument, Side side,
        long quantity, long startPrice, long bidStep, long closeTimeNanos, long blocked)
    {
    }

    record StandingBid(long lotId, long bidId, long clientOrderId, int owner, int submitter, int instrument,
        Side side, long price, long quantity, long blocked)
    {
    }

    private List<AddressOrder> addressOrders()
    {
        final List<AddressOrder> visited = new ArrayList<>();
        h.engine.forEachAddressOrder((orderId, clientOrderId, owner, submitter, instrument, side, tif, price,
            quantity, leaves, filled, filledValue, blocked, counterparty) -> visited.add(new AddressOrder(orderId,
            clientOrderId, owner, submitter, instrument, side, tif, price, quantity, leaves, filled, filledValue,
            blocked, counterparty)));
        return visited;
    }

    private List<OpenLot> openLots()
    {
        final List<OpenLot> visited = new ArrayList<>();
        h.engine.forEachOpenLot((lotId, clientOrderId, owner, submitter, instrument, side, quantity, startPrice,
            bidStep, closeTimeNanos, blocked) -> visited.add(new OpenLot(lotId, clientOrderId, owner, submitter,
            instrument, side, quantity, startPrice, bidStep, closeTimeNanos, blocked)));
        return visited;
    }

    private List<StandingBid> standingBids()
    {
        final List<StandingBid> visited = new ArrayList<>();
        h.engine.forEachStandingBid((lotId, bidId, clientOrderId, owner, submitter, instrument, side, price,
            quantity, blocked) -> visited.add(new StandingBid(lotId, bidId, clientOrderId, owner, submitter,
            instrument, side, price, quantity, blocked)));
        return visited;
    }

    private long post(final long id, final int counterparty, final TimeInForce tif, final double price,
        final double quantity)
    {
        final Command c = h.command.newOrder(h.time, SELLER, id, SMP, Side.SELL, OrderType.LIMIT, tif, px(price),
            qty(quantity));
        c.counterparty = counterparty;
        return only(h.run(c), EventType.ACCEPTED).exchangeOrderId;
    }

    private long offer(final int owner, final long id, final Side side, final double start, final double quantity,
        final double step, final long closeNanos)
    {
        return only(h.run(h.command.lotOffer(h.time, owner, id, TIMBER, side, px(start), qty(quantity), px(step),
            closeNanos)), EventType.ACCEPTED).exchangeOrderId;
    }

    private long bid(final int bidder, final long id, final long lot, final double price)
    {
        return only(h.run(h.command.lotBid(h.time, bidder, id, lot, px(price))), EventType.ACCEPTED).exchangeOrderId;
    }

    @Test
    void shouldVisitExactlyTheAddressOrdersStillWaitingWithWhatIsLeftOfThem()
    {
        final long partlyTaken = post(1, BUYER, TimeInForce.GTC, 2500, 52);
        only(h.takeAddressOrder(BUYER, 1, 1, 2500, 20), EventType.TRADE);
        final long dayOrder = post(2, BUYER2, TimeInForce.DAY, 2510, 10);
        post(3, BUYER, TimeInForce.GTC, 2520, 5);
        only(h.cancel(SELLER, 3), EventType.CANCELLED);
        post(4, BUYER, TimeInForce.GTC, 2530, 8);
        only(h.takeAddressOrder(BUYER, 2, 4, 2530, 8), EventType.TRADE);
        h.limit(BUYER2, 9, SMP, Side.BUY, 2400, 3, TimeInForce.GTC);

        assertEquals(List.of(
            new AddressOrder(partlyTaken, 1, SELLER, SELLER, SMP, Side.SELL, TimeInForce.GTC, px(2500), qty(52),
                qty(32), qty(20), px(2500) * qty(20), 800_000, BUYER),
            new AddressOrder(dayOrder, 2, SELLER, SELLER, SMP, Side.SELL, TimeInForce.DAY, px(2510), qty(10),
                qty(10), 0, 0, 251_000, BUYER2)),
            addressOrders(), "taken, cancelled and anonymous orders are not address orders waiting");

        h.time += NANOS_PER_DAY;
        only(h.run(h.command.clock(h.time)), EventType.EXPIRED);
        assertEquals(List.of(partlyTaken), addressOrders().stream().map(AddressOrder::orderId).toList(),
            "an expired DAY address order is gone");
    }

    @Test
    void shouldVisitExactlyTheOpenLotsAndTheBestBidOfEach()
    {
        final long close = h.time + HOUR;
        final long sold = offer(SELLER, 1, Side.SELL, 100, 100, 1, close);
        bid(BUYER, 1, sold, 100);
        final long best = bid(BUYER2, 1, sold, 101);
        final long reverse = offer(BUYER, 2, Side.BUY, 90, 50, 0.5, close + HOUR);
        final long early = offer(SELLER, 3, Side.SELL, 100, 10, 1, h.time + HOUR / 2);
        bid(BUYER, 3, early, 100);

        assertEquals(3, openLots().size());
        h.time += HOUR / 2;
        only(h.run(h.command.clock(h.time)), EventType.TRADE);

        assertEquals(List.of(
            new OpenLot(sold, 1, SELLER, SELLER, TIMBER, Side.SELL, qty(100), px(100), px(1), close, 100_000),
            new OpenLot(reverse, 2, BUYER, BUYER, TIMBER, Side.BUY, qty(50), px(90), px(0.5), close + HOUR, 45_000)),
            openLots(), "a closed lot is not visited");
        assertEquals(List.of(
            new StandingBid(sold, best, 1, BUYER2, BUYER2, TIMBER, Side.BUY, px(101), qty(100), 101_000)),
            standingBids(), "only the best bid of a lot stands; a lot without bids has none");

        h.time = close + HOUR;
        h.run(h.command.clock(h.time));
        assertEquals(List.of(), openLots());
        assertEquals(List.of(), standingBids());
    }
}
