package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static by.butb.engine.TestMarket.BUYER;
import static by.butb.engine.TestMarket.BUYER2;
import static by.butb.engine.TestMarket.POOR;
import static by.butb.engine.TestMarket.SELLER;
import static by.butb.engine.TestMarket.SMP;
import static by.butb.engine.TestMarket.TIMBER;
import static by.butb.engine.TestMarket.TIMBERONLY;
import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static by.butb.engine.core.EngineHarness.all;
import static by.butb.engine.core.EngineHarness.only;
import static by.butb.engine.core.EngineHarness.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LotAuctionTest
{
    private static final long HOUR = 3_600_000_000_000L;

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void depositsAreConserved()
    {
        h.assertDepositsConserved();
    }

    private long offer(final int seller, final long id, final Side side, final double start, final double quantity,
        final double step)
    {
        final EngineEvent accepted = only(h.run(h.command.lotOffer(h.time, seller, id, TIMBER, side, px(start),
            qty(quantity), px(step), h.time + HOUR)), EventType.ACCEPTED);
        assertEquals(CommandType.LOT_OFFER, accepted.commandType);
        return accepted.exchangeOrderId;
    }

    private List<EngineEvent> bid(final int bidder, final long id, final long lot, final double price)
    {
        return h.run(h.command.lotBid(h.time, bidder, id, lot, px(price)));
    }

    @Test
    void shouldSellTheLotToTheHighestBidderAtTheClose()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 100, 1);
        assertEquals(100_000, h.engine.blockedDeposit(SELLER), "10 % of 100 m3 at the start price 100.00");
        only(bid(BUYER, 1, lot, 100), EventType.ACCEPTED);
        assertEquals(100_000, h.engine.blockedDeposit(BUYER));
        assertEquals(ResultCode.BID_NOT_BETTER, rejection(bid(BUYER2, 1, lot, 100.5)), "below best + step");
        final List<EngineEvent> outbid = bid(BUYER2, 2, lot, 101);
        only(outbid, EventType.ACCEPTED);
        final EngineEvent released = only(outbid, EventType.CANCELLED);
        assertEquals(ResultCode.OUTBID, released.code);
        assertEquals(BUYER, released.owner);
        assertEquals(0, h.engine.blockedDeposit(BUYER), "the outbid bidder's guarantee is released");

        h.time += HOUR;
        final EngineEvent trade = only(h.buy(BUYER, 5, 90, 1), EventType.TRADE);
        assertEquals(TradeKind.LOT_AUCTION, trade.tradeKind);
        assertEquals(px(101), trade.price);
        assertEquals(qty(100), trade.quantity);
        assertEquals(BUYER2, trade.buyOwner);
        assertEquals(SELLER, trade.sellOwner);
        assertEquals(1, trade.sellClientOrderId);
        assertEquals(1_010, h.engine.feesPaid(SELLER), "0.1 % of USD 10,100.00");
        assertEquals(0, h.engine.blockedDeposit(SELLER));
        assertEquals(0, h.engine.openLotCount());
    }

    @Test
    void shouldRejectABidEqualToTheCurrentBestOrBelowTheStart()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        assertEquals(ResultCode.BID_NOT_BETTER, rejection(bid(BUYER, 1, lot, 99.5)));
        only(bid(BUYER, 2, lot, 100), EventType.ACCEPTED);
        assertEquals(ResultCode.BID_NOT_BETTER, rejection(bid(BUYER2, 3, lot, 100)));
        only(bid(BUYER2, 4, lot, 101), EventType.ACCEPTED);
    }

    @Test
    void shouldRejectABidArrivingAtTheClosingTime()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        bid(BUYER, 1, lot, 100);
        h.time += HOUR;
        final List<EngineEvent> events = bid(BUYER2, 2, lot, 105);
        assertEquals(px(100), only(events, EventType.TRADE).price, "the lot closes first, at its closing time");
        assertEquals(ResultCode.LOT_CLOSED, rejection(events));
    }

    @Test
    void shouldCloseALotWhenOnlyTheClockMovesPastItsClosingTime()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        bid(BUYER, 2, lot, 100);
        final List<EngineEvent> events = h.run(h.command.clock(h.time + HOUR));
        assertEquals(1, events.size(), "the clock command itself has no event");
        assertEquals(TradeKind.LOT_AUCTION, only(events, EventType.TRADE).tradeKind);
    }

    @Test
    void shouldCloseALotWithoutBidsUnsold()
    {
        offer(SELLER, 1, Side.SELL, 100, 10, 1);
        h.time += 2 * HOUR;
        final EngineEvent unsold = only(h.buy(BUYER, 1, 90, 1), EventType.EXPIRED);
        assertEquals(ResultCode.LOT_UNSOLD, unsold.code);
        assertEquals(0, h.engine.blockedDeposit(SELLER));
    }

    @Test
    void shouldRunABuyersDescendingAuction()
    {
        final long lot = offer(BUYER, 1, Side.BUY, 100, 10, 1);
        only(bid(SELLER, 1, lot, 100), EventType.ACCEPTED);
        assertEquals(ResultCode.BID_NOT_BETTER, rejection(bid(BUYER2, 2, lot, 99.5)));
        only(bid(BUYER2, 3, lot, 99), EventType.ACCEPTED);
        h.time += HOUR;
        final EngineEvent trade = only(h.sell(SELLER, 9, 110, 1), EventType.TRADE);
        assertEquals(px(99), trade.price);
        assertEquals(BUYER, trade.buyOwner);
        assertEquals(BUYER2, trade.sellOwner);
    }

    @Test
    void shouldRefuseBidsOnOnesOwnLotFromTheUnadmittedOrWithoutDeposit()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        assertEquals(ResultCode.OWN_LOT, rejection(bid(SELLER, 2, lot, 101)));
        assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, rejection(bid(POOR, 3, lot, 101)));
        assertEquals(ResultCode.UNKNOWN_LOT, rejection(bid(BUYER, 4, 9_999, 101)));
        assertEquals(ResultCode.PRICE_OUTSIDE_BAND, rejection(bid(BUYER, 5, lot, 130)));
        final long agri = only(h.run(h.command.lotOffer(h.time, SELLER, 6, SMP, Side.SELL, px(2500), qty(10),
            px(10), h.time + HOUR)), EventType.ACCEPTED).exchangeOrderId;
        assertEquals(ResultCode.NOT_ADMITTED_TO_SECTION, rejection(bid(TIMBERONLY, 7, agri, 2500)));
    }

    @Test
    void shouldRejectAnInvalidLot()
    {
        assertEquals(ResultCode.INVALID_LOT, rejection(h.run(h.command.lotOffer(h.time, SELLER, 1, TIMBER,
            Side.SELL, px(100), qty(10), 0, h.time + HOUR))));
        assertEquals(ResultCode.INVALID_LOT, rejection(h.run(h.command.lotOffer(h.time, SELLER, 2, TIMBER,
            Side.SELL, px(100), qty(10), px(1), h.time))));
        assertEquals(ResultCode.INVALID_LOT, rejection(h.run(h.command.lotOffer(h.time, SELLER, 3, TIMBER,
            Side.SELL, px(100), qty(10), px(0.25), h.time + HOUR))), "the bid step must be on the price step");
    }

    @Test
    void shouldLetTheBestBidderRaiseItsOwnBidUsingItsHeldGuarantee()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        bid(BUYER, 1, lot, 100);
        final List<EngineEvent> raise = bid(BUYER, 2, lot, 102);
        only(raise, EventType.ACCEPTED);
        assertEquals(1, all(raise, EventType.CANCELLED).size());
        assertEquals(10_200, h.engine.blockedDeposit(BUYER));
        assertTrue(h.engine.openLotCount() == 1);
    }

    @Test
    void shouldForgetAClosedLotWhenTheNextTradingDayStarts()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        only(bid(BUYER, 1, lot, 100), EventType.ACCEPTED);
        h.time += HOUR;
        assertEquals(ResultCode.LOT_CLOSED, rejection(bid(BUYER2, 2, lot, 110)), "closed today: the bidder is told so");
        assertEquals(1, h.engine.heldLotCount());
        h.time += EngineHarness.NANOS_PER_DAY;
        h.run(h.command.clock(h.time));
        assertEquals(0, h.engine.heldLotCount(), "a new trading day drops the lots closed before it");
        assertEquals(ResultCode.UNKNOWN_LOT, rejection(bid(BUYER2, 3, lot, 110)));
        for (int day = 0; day < 5; day++)
        {
            final long next = offer(SELLER, 10 + day, Side.SELL, 100, 10, 1);
            only(bid(BUYER, 10 + day, next, 100), EventType.ACCEPTED);
            h.time += EngineHarness.NANOS_PER_DAY;
            h.run(h.command.clock(h.time));
        }
        assertEquals(1, h.engine.heldLotCount(), "the held lots do not grow with every lot ever offered: only the " +
            "one the last command closed is held, for the rest of its day");
    }

    @Test
    void shouldKeepALotClosedByTheFirstCommandOfADayForTheRestOfThatDay()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        only(bid(BUYER, 1, lot, 100), EventType.ACCEPTED);
        h.time += EngineHarness.NANOS_PER_DAY;
        assertEquals(TradeKind.LOT_AUCTION, only(h.run(h.command.clock(h.time)), EventType.TRADE).tradeKind);
        h.time += 60_000_000_000L;
        assertEquals(ResultCode.LOT_CLOSED, rejection(bid(BUYER2, 2, lot, 110)), "closed this morning");
        h.time += EngineHarness.NANOS_PER_DAY;
        assertEquals(ResultCode.UNKNOWN_LOT, rejection(bid(BUYER2, 3, lot, 110)), "forgotten the next day");
    }

    @Test
    void shouldCheckTheStartPriceOfALotOfferWhateverItsOrderType()
    {
        for (final long start : new long[] {0, px(100_000)})
        {
            final Command offer = h.command.lotOffer(h.time, SELLER, 1, TIMBER, Side.SELL, start, qty(10), px(1),
                h.time + HOUR);
            offer.orderType = OrderType.MARKET;
            offer.timeInForce = start == 0 ? TimeInForce.IOC : TimeInForce.DAY; // a price check, not 307
            assertEquals(start == 0 ? ResultCode.PRICE_NOT_POSITIVE : ResultCode.PRICE_OUTSIDE_BAND,
                rejection(h.run(offer)));
        }
        assertEquals(0, h.engine.blockedDeposit(SELLER));
    }

    @Test
    void shouldRefuseAnOpenLotsIdToNewOrdersAndReplacesButFreeItOnceTheLotCloses()
    {
        offer(SELLER, 7, Side.SELL, 100, 10, 1);
        h.sell(SELLER, 8, 120, 1);
        assertEquals(ResultCode.DUPLICATE_ORDER_ID, rejection(h.sell(SELLER, 7, 120, 1)));
        assertEquals(ResultCode.DUPLICATE_ORDER_ID, rejection(renameTo(8, 7)));
        h.time += HOUR;
        h.run(h.command.clock(h.time));
        only(renameTo(8, 7), EventType.REPLACED);
        only(h.sell(SELLER, 8, 119, 1), EventType.ACCEPTED);
    }

    private List<EngineEvent> renameTo(final long id, final long newId)
    {
        final Command replace = h.command.replace(h.time, SELLER, id, px(120), qty(1));
        replace.newClientOrderId = newId;
        return h.run(replace);
    }

    @Test
    void shouldRefuseABidThatStatesOtherTermsThanItsLot()
    {
        final long lot = offer(SELLER, 1, Side.SELL, 100, 10, 1);
        final Command bid = h.command.lotBid(h.time, BUYER, 1, lot, px(100));
        bid.instrument = TestMarket.SMP;
        bid.side = Side.BUY;
        assertEquals(ResultCode.LOT_TERMS_MISMATCH, rejection(h.run(bid)), "another instrument");
        bid.instrument = TIMBER;
        bid.side = Side.SELL;
        assertEquals(ResultCode.LOT_TERMS_MISMATCH, rejection(h.run(bid)), "the lot's own side");
        bid.side = Side.BUY;
        bid.quantity = qty(5);
        assertEquals(ResultCode.LOT_TERMS_MISMATCH, rejection(h.run(bid)), "part of the lot");
        bid.quantity = qty(10);
        only(h.run(bid), EventType.ACCEPTED);
        final Command unstated = h.command.lotBid(h.time, BUYER2, 2, lot, px(101));
        assertEquals(Command.UNKNOWN, unstated.instrument);
        only(h.run(unstated), EventType.ACCEPTED);
    }
}
