package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

class SessionPhaseTest
{
    static final String SCHEDULE = """
        section,phase,start
        AGRI,PRE_OPEN,09:00
        AGRI,OPENING_AUCTION,09:50
        AGRI,CONTINUOUS,10:00
        AGRI,ADDRESS,14:00
        AGRI,CLOSE,15:00
        AGRI,CLOSED,15:10
        """;
    private static final long MIDNIGHT = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z
    private static final long MINUTE = 60_000_000_000L;

    private final EngineHarness h = new EngineHarness(ScheduleLoader.fromText(SCHEDULE, TestMarket.catalog()));

    @AfterEach
    void depositsAreConserved()
    {
        h.assertDepositsConserved();
    }

    private void at(final int hour, final int minute)
    {
        h.time = MIDNIGHT + (hour * 60L + minute) * MINUTE;
    }

    private List<EngineEvent> smp(final int participant, final long id, final Side side, final double price,
        final double quantity, final TimeInForce tif)
    {
        return h.limit(participant, id, SMP, side, price, quantity, tif);
    }

    @Test
    void shouldRejectOrdersBeforeTheSessionOpensButTradeTimberContinuously()
    {
        at(8, 0);
        final List<EngineEvent> events = smp(BUYER, 1, Side.BUY, 2500, 1, TimeInForce.DAY);
        assertEquals(Phase.CLOSED, only(events, EventType.PHASE_CHANGED).phase);
        assertEquals(ResultCode.MARKET_CLOSED, rejection(events));
        only(h.buy(BUYER, 2, 100, 1), EventType.ACCEPTED);
        assertEquals(Phase.CONTINUOUS, h.engine.phase(0), "TIMBER has no schedule");
    }

    @Test
    void shouldCollectOrdersInPreOpenWithoutMatching()
    {
        at(9, 10);
        smp(BUYER, 1, Side.BUY, 2520, 10, TimeInForce.DAY);
        final List<EngineEvent> sell = smp(SELLER, 2, Side.SELL, 2490, 8, TimeInForce.GTC);
        assertTrue(all(sell, EventType.TRADE).isEmpty(), "no matching before the open");
        assertEquals(px(2520), h.engine.levelPrice(SMP, Side.BUY, 0));
        assertEquals(px(2490), h.engine.levelPrice(SMP, Side.SELL, 0));
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE, rejection(smp(BUYER2, 3, Side.BUY, 2500, 1, TimeInForce.IOC)));
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE, rejection(h.run(h.command.newOrder(h.time, BUYER2, 4, SMP,
            Side.BUY, OrderType.MARKET, TimeInForce.FOK, 0, qty(1)))));
    }

    @Test
    void shouldUncrossAtOnePriceWhenTheCallEnds()
    {
        at(9, 55);
        smp(BUYER, 1, Side.BUY, 2520, 10, TimeInForce.DAY);
        smp(BUYER2, 2, Side.BUY, 2510, 5, TimeInForce.DAY);
        smp(SELLER, 3, Side.SELL, 2490, 8, TimeInForce.DAY);
        smp(SELLER, 4, Side.SELL, 2505, 6, TimeInForce.DAY);
        smp(SELLER, 5, Side.SELL, 2530, 4, TimeInForce.DAY);
        at(10, 0);
        final List<EngineEvent> events = h.buy(BUYER, 99, 100, 1);
        final List<EngineEvent> trades = all(events, EventType.TRADE);
        // 2505 and 2510 both execute 14 with an imbalance of 1; 2505 is nearer the reference price 2500
        assertTrue(trades.stream().allMatch(t -> t.price == px(2505) && t.tradeKind == TradeKind.CALL_AUCTION));
        assertEquals(qty(14), trades.stream().mapToLong(t -> t.quantity).sum());
        assertEquals(Phase.CONTINUOUS, all(events, EventType.PHASE_CHANGED).get(0).phase);
        assertTrue(events.indexOf(trades.get(0)) < events.indexOf(all(events, EventType.PHASE_CHANGED).get(0)),
            "the call's trades come before the announcement of continuous trading");
        assertEquals(px(2510), h.engine.levelPrice(SMP, Side.BUY, 0));
        assertEquals(qty(1), h.engine.levelQuantity(SMP, Side.BUY, 0));
        assertEquals(px(2530), h.engine.levelPrice(SMP, Side.SELL, 0));
    }

    @Test
    void shouldOpenWithoutTradesWhenTheCallHasNoCross()
    {
        at(9, 5);
        smp(BUYER, 1, Side.BUY, 2400, 10, TimeInForce.DAY);
        smp(SELLER, 2, Side.SELL, 2600, 10, TimeInForce.DAY);
        at(10, 1);
        final List<EngineEvent> events = smp(BUYER2, 3, Side.BUY, 2450, 1, TimeInForce.DAY);
        assertTrue(all(events, EventType.TRADE).isEmpty());
        assertEquals(List.of(Phase.OPENING_AUCTION, Phase.CONTINUOUS),
            all(events, EventType.PHASE_CHANGED).stream().map(e -> e.phase).toList(),
            "phases the command's time passed, in order");
        assertEquals(2, h.engine.depth(SMP, Side.BUY));
    }

    @Test
    void shouldMatchContinuouslyAfterTheOpen()
    {
        at(10, 30);
        smp(SELLER, 1, Side.SELL, 2500, 5, TimeInForce.DAY);
        assertEquals(qty(5), only(smp(BUYER, 2, Side.BUY, 2500, 5, TimeInForce.IOC), EventType.TRADE).quantity);
    }

    @Test
    void shouldExpireDayOrdersAtCloseAndRejectNewOrdersUntilTheNextSession()
    {
        at(11, 0);
        smp(BUYER, 1, Side.BUY, 2400, 1, TimeInForce.DAY);
        smp(BUYER, 2, Side.BUY, 2390, 1, TimeInForce.GTC);
        at(15, 0);
        final List<EngineEvent> events = smp(BUYER2, 3, Side.BUY, 2400, 1, TimeInForce.DAY);
        assertEquals(List.of(Phase.ADDRESS, Phase.CLOSE),
            all(events, EventType.PHASE_CHANGED).stream().map(e -> e.phase).toList());
        assertEquals(1, only(events, EventType.EXPIRED).clientOrderId);
        assertEquals(ResultCode.MARKET_CLOSED, rejection(events));
        at(15, 30);
        assertEquals(ResultCode.MARKET_CLOSED, rejection(smp(BUYER2, 4, Side.BUY, 2400, 1, TimeInForce.GTC)));
        assertEquals(ResultCode.MARKET_CLOSED, rejection(h.replace(BUYER, 2, 2390, 2)));
        only(h.cancel(BUYER, 2), EventType.CANCELLED);
    }

    @Test
    void shouldRunTheRestOfTheDayAndTheNextMorningWhenTimeJumpsADay()
    {
        at(11, 0);
        smp(BUYER, 1, Side.BUY, 2400, 1, TimeInForce.DAY);
        h.time += 86_400_000_000_000L - 2 * 60 * MINUTE; // next day 09:00
        final List<EngineEvent> events = smp(BUYER2, 2, Side.BUY, 2400, 1, TimeInForce.DAY);
        assertEquals(List.of(Phase.ADDRESS, Phase.CLOSE, Phase.CLOSED, Phase.PRE_OPEN),
            all(events, EventType.PHASE_CHANGED).stream().map(e -> e.phase).toList());
        assertEquals(1, only(events, EventType.EXPIRED).clientOrderId);
        only(events, EventType.ACCEPTED);
    }

    @Test
    void shouldAllowOnlyAddressOrdersInTheAddressPeriod()
    {
        at(11, 0);
        final Command early = h.command.newOrder(h.time, SELLER, 1, SMP, Side.SELL, OrderType.LIMIT,
            TimeInForce.DAY, px(2500), qty(52));
        early.counterparty = BUYER;
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE, rejection(h.run(early)), "not during the main period");
        at(14, 5);
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE, rejection(smp(BUYER2, 2, Side.BUY, 2500, 1, TimeInForce.DAY)),
            "no anonymous orders after the main period");
        final Command post = h.command.newOrder(h.time, SELLER, 3, SMP, Side.SELL, OrderType.LIMIT,
            TimeInForce.DAY, px(2500), qty(52));
        post.counterparty = BUYER;
        only(h.run(post), EventType.ACCEPTED);
        at(15, 0);
        assertEquals(3, only(h.buy(BUYER, 9, 100, 1), EventType.EXPIRED).clientOrderId,
            "a DAY address order expires at the close");
        assertEquals(0, h.engine.addressOrderCount());
    }

    @Test
    void shouldAcceptLotsAndBidsOnlyInContinuousTrading()
    {
        at(9, 10);
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE, rejection(offerLot(1)), "no lot offer in PRE_OPEN");
        at(9, 55);
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE, rejection(offerLot(2)), "nor in OPENING_AUCTION");
        at(10, 30);
        final long lot = only(offerLot(3), EventType.ACCEPTED).exchangeOrderId;
        only(h.run(h.command.lotBid(h.time, BUYER, 4, lot, px(2500))), EventType.ACCEPTED);
        at(14, 5);
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE, rejection(offerLot(5)), "no lot offer in ADDRESS");
        assertEquals(ResultCode.NOT_ALLOWED_IN_PHASE,
            rejection(h.run(h.command.lotBid(h.time, BUYER2, 6, lot, px(2510)))), "no bid in ADDRESS");
        at(15, 5);
        assertEquals(ResultCode.MARKET_CLOSED, rejection(h.run(h.command.lotBid(h.time, BUYER2, 7, lot, px(2510)))),
            "no bid in CLOSE");
        assertEquals(ResultCode.PRICE_OUTSIDE_BAND, rejection(h.run(h.command.lotBid(h.time, BUYER2, 8, lot,
            px(9990)))), "the price (step 6) before the phase (step 8)");
    }

    private List<EngineEvent> offerLot(final long id)
    {
        return h.run(h.command.lotOffer(h.time, SELLER, id, SMP, Side.SELL, px(2500), qty(20), px(10),
            h.time + 10 * 60 * MINUTE));
    }

    @Test
    void shouldPriceTheCallAgainForWhatRemainsAfterSelfMatchPrevention()
    {
        at(9, 10);
        final long ownBuy = only(smp(BUYER, 1, Side.BUY, 2501, 10, TimeInForce.DAY), EventType.ACCEPTED)
            .exchangeOrderId;
        final long ownSell = only(smp(BUYER, 2, Side.SELL, 2499, 10, TimeInForce.DAY), EventType.ACCEPTED)
            .exchangeOrderId;
        smp(SELLER, 3, Side.SELL, 2500, 10, TimeInForce.DAY);
        final long buy = only(smp(BUYER2, 4, Side.BUY, 2500, 10, TimeInForce.DAY), EventType.ACCEPTED)
            .exchangeOrderId;
        at(10, 0);
        final List<EngineEvent> events = h.buy(BUYER, 99, 100, 1);
        assertEquals(ownBuy, only(events, EventType.CANCELLED).exchangeOrderId, "the older of the own pair");
        final EngineEvent trade = only(events, EventType.TRADE);
        // What remains: buy 2500 x 10 against sells 2499 x 10 and 2500 x 10. At 2499: 10 with imbalance 0; at 2500:
        // 10 with imbalance 10. The minimum imbalance wins.
        assertEquals(px(2499), trade.price);
        assertEquals(qty(10), trade.quantity);
        assertEquals(buy, trade.buyOrderId);
        assertEquals(ownSell, trade.sellOrderId);
    }

    @Test
    void shouldTakeTheOlderOfAnOwnPairByEntryEvenWhenAReplaceSentItToTheBackOfTheQueue()
    {
        at(9, 10);
        final long buy = only(smp(BUYER, 1, Side.BUY, 2500, 5, TimeInForce.DAY), EventType.ACCEPTED).exchangeOrderId;
        smp(BUYER, 2, Side.SELL, 2500, 5, TimeInForce.DAY);
        at(9, 20);
        only(h.run(h.command.replace(h.time, BUYER, 1, px(2500), qty(6))), EventType.REPLACED);
        at(10, 0);
        final EngineEvent cancelled = only(h.run(h.command.clock(h.time)), EventType.CANCELLED);
        assertEquals(ResultCode.SELF_MATCH_PREVENTED, cancelled.code);
        assertEquals(buy, cancelled.exchangeOrderId, "the lower exchange order id, which a replace keeps");
    }

    @Test
    void shouldEnterNoPhaseAgainAfterACommandEarlierThanTheLast()
    {
        at(10, 30);
        assertEquals(List.of(Phase.CONTINUOUS), phases(h.run(h.command.clock(h.time))));
        at(9, 30);
        assertEquals(List.of(), phases(h.run(h.command.clock(h.time))), "no start passed going back");
        assertEquals(Phase.CONTINUOUS, h.engine.phase(1));
        at(10, 31);
        assertEquals(List.of(), phases(h.run(h.command.clock(h.time))), "no start between 10:30 and 10:31");
        at(14, 1);
        assertEquals(List.of(Phase.ADDRESS), phases(h.run(h.command.clock(h.time))));
    }

    @Test
    void shouldExpireYesterdaysDayOrdersBeforeTodaysCallAuction()
    {
        final EngineHarness evening = new EngineHarness(ScheduleLoader.fromText("""
            section,phase,start
            AGRI,CONTINUOUS,09:00
            AGRI,CLOSE,17:00
            AGRI,PRE_OPEN,22:00
            """, TestMarket.catalog()));
        evening.time = MIDNIGHT + 22 * 60 * MINUTE + 30 * MINUTE;
        only(evening.limit(BUYER, 1, SMP, Side.BUY, 2500, 1, TimeInForce.DAY), EventType.ACCEPTED);
        only(evening.limit(SELLER, 1, SMP, Side.SELL, 2500, 1, TimeInForce.DAY), EventType.ACCEPTED);
        only(evening.limit(BUYER2, 1, SMP, Side.BUY, 2500, 1, TimeInForce.GTC), EventType.ACCEPTED);
        evening.time = MIDNIGHT + 24 * 60 * MINUTE + 9 * 60 * MINUTE + 30 * MINUTE;
        final List<EngineEvent> next = evening.run(evening.command.clock(evening.time));
        assertEquals(List.of(), all(next, EventType.TRADE), "yesterday's DAY orders do not trade today");
        assertEquals(2, all(next, EventType.EXPIRED).size());
        assertEquals(1, evening.engine.liveOrderCount(), "the GTC order rests");
        evening.assertDepositsConserved();
    }

    @Test
    void shouldCheckAReplaceInTheOrderOfANewOrder()
    {
        at(10, 30);
        only(smp(BUYER, 1, Side.BUY, 2500, 1, TimeInForce.GTC), EventType.ACCEPTED);
        at(15, 30);
        assertEquals(ResultCode.PRICE_OUTSIDE_BAND, rejection(smp(BUYER, 2, Side.BUY, 9999, 1, TimeInForce.GTC)));
        assertEquals(ResultCode.PRICE_OUTSIDE_BAND, rejection(h.run(h.command.replace(h.time, BUYER, 1, px(9999),
            qty(1)))), "the price (step 6) before the phase (step 8)");
        assertEquals(ResultCode.MARKET_CLOSED, rejection(h.run(h.command.replace(h.time, BUYER, 1, px(2500),
            qty(2)))));
    }

    @Test
    void shouldTakeTheLowerOfTwoEquallyNearPricesWhenBothSidesHaveTheSameSurplus()
    {
        at(9, 52);
        smp(BUYER, 1, Side.BUY, 2510, 5, TimeInForce.DAY);
        smp(SELLER, 1, Side.SELL, 2490, 5, TimeInForce.DAY);
        at(10, 0);
        assertEquals(px(2490), only(h.run(h.command.clock(h.time)), EventType.TRADE).price);
    }

    private static List<Phase> phases(final List<EngineEvent> events)
    {
        return all(events, EventType.PHASE_CHANGED).stream().map(e -> e.phase).toList();
    }

    @Test
    void shouldUncrossAndTradeContinuouslyInASectionWhoseScheduleWasRemovedSinceTheSnapshot() throws Exception
    {
        at(9, 10); // AGRI in PRE_OPEN: the two orders cross, and wait for the call
        smp(BUYER, 1, Side.BUY, 2520, 10, TimeInForce.GTC);
        smp(SELLER, 2, Side.SELL, 2490, 8, TimeInForce.GTC);
        final ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        EngineSnapshot.write(h.engine, snapshot);
        final EngineHarness unscheduled = new EngineHarness(SessionSchedule.NONE);
        EngineSnapshot.read(new ByteArrayInputStream(snapshot.toByteArray()), "test", unscheduled.engine);
        unscheduled.time = h.time + MINUTE;
        final List<EngineEvent> next = unscheduled.limit(BUYER2, 3, SMP, Side.BUY, 2400, 1, TimeInForce.GTC);
        final List<EngineEvent> uncross = all(next, EventType.TRADE);
        assertEquals(1, uncross.size(), "the collected orders uncross at the first command");
        assertEquals(TradeKind.CALL_AUCTION, uncross.get(0).tradeKind);
        final int agri = TestMarket.catalog().instrument("SMP").sectionIndex();
        assertEquals(Phase.CONTINUOUS, unscheduled.engine.phase(agri), "no schedule: CONTINUOUS");
        final List<EngineEvent> sell = unscheduled.limit(SELLER, 4, SMP, Side.SELL, 2500, 1, TimeInForce.GTC);
        assertEquals(1, all(sell, EventType.TRADE).size(), "a crossing order trades at once");
        unscheduled.assertDepositsConserved();
    }
}
