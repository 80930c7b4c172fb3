package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static by.butb.engine.TestMarket.BROKER;
import static by.butb.engine.TestMarket.BUYER;
import static by.butb.engine.TestMarket.BUYER2;
import static by.butb.engine.TestMarket.CLIENT;
import static by.butb.engine.TestMarket.POOR;
import static by.butb.engine.TestMarket.SELLER;
import static by.butb.engine.TestMarket.TIMBER;
import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static by.butb.engine.core.EngineHarness.all;
import static by.butb.engine.core.EngineHarness.only;
import static by.butb.engine.core.EngineHarness.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchingEngineTest
{
    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void depositsAreAlwaysConserved()
    {
        h.assertDepositsConserved();
    }

    @Nested
    class Checks
    {
        @Test
        void shouldRejectUnknownParticipant()
        {
            final Command c = h.command.newOrder(h.time, Command.UNKNOWN, 1, TIMBER, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(100), qty(1));
            assertEquals(ResultCode.UNKNOWN_PARTICIPANT, rejection(h.run(c)));
        }

        @Test
        void shouldRejectUnknownInstrument()
        {
            assertEquals(ResultCode.UNKNOWN_INSTRUMENT,
                rejection(h.limit(BUYER, 1, Command.UNKNOWN, Side.BUY, 100, 1, TimeInForce.GTC)));
        }

        @Test
        void shouldRejectSuspendedAndExpiredParticipants()
        {
            assertEquals(ResultCode.PARTICIPANT_NOT_ACTIVE, rejection(h.buy(TestMarket.SUSPENDED, 1, 100, 1)));
            assertEquals(ResultCode.PARTICIPANT_NOT_ACTIVE, rejection(h.buy(TestMarket.EXPIRED, 1, 100, 1)));
        }

        @Test
        void shouldRejectParticipantNotAdmittedToSection()
        {
            assertEquals(ResultCode.NOT_ADMITTED_TO_SECTION,
                rejection(h.limit(TestMarket.TIMBERONLY, 1, TestMarket.SMP, Side.BUY, 2500, 1, TimeInForce.GTC)));
            assertEquals(ResultCode.OK,
                only(h.limit(TestMarket.TIMBERONLY, 2, TIMBER, Side.BUY, 100, 1, TimeInForce.GTC),
                    EventType.ACCEPTED).code);
        }

        @Test
        void shouldRejectOrderInAnotherCurrencyThanTheDeposit()
        {
            assertEquals(ResultCode.CURRENCY_MISMATCH,
                rejection(h.limit(BUYER, 1, TestMarket.BYSUGAR, Side.BUY, 2000, 1, TimeInForce.GTC)));
        }

        @Test
        void shouldRejectBrokerActingForNonClient()
        {
            final Command c = h.command.newOrder(h.time, BROKER, 1, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(1));
            c.onBehalfOf = BUYER;
            assertEquals(ResultCode.NOT_CLIENT_OF_BROKER, rejection(h.run(c)));

            final Command trader = h.command.newOrder(h.time, BUYER2, 2, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(1));
            trader.onBehalfOf = CLIENT;
            assertEquals(ResultCode.NOT_CLIENT_OF_BROKER, rejection(h.run(trader)));
        }

        @Test
        void shouldRejectUnknownClient()
        {
            final Command c = h.command.newOrder(h.time, BROKER, 1, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(1));
            c.onBehalfOf = Command.UNKNOWN;
            assertEquals(ResultCode.UNKNOWN_CLIENT, rejection(h.run(c)));
        }

        @Test
        void shouldAcceptBrokerOrderForItsClientUsingTheClientsDeposit()
        {
            final Command c = h.command.newOrder(h.time, BROKER, 1, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(10));
            c.onBehalfOf = CLIENT;
            final EngineEvent accepted = only(h.run(c), EventType.ACCEPTED);
            assertEquals(CLIENT, accepted.owner);
            assertEquals(BROKER, accepted.submitter);
            assertEquals(250_000, h.engine.blockedDeposit(CLIENT), "10 % of USD 25,000 in cents");
            assertEquals(0, h.engine.blockedDeposit(BROKER));
        }

        @Test
        void shouldRejectPriceNotOnStep()
        {
            assertEquals(ResultCode.PRICE_NOT_ON_STEP, rejection(h.buy(BUYER, 1, 100.25, 1)));
        }

        @Test
        void shouldRejectQuantityNotOnLotZeroOrNegative()
        {
            assertEquals(ResultCode.QUANTITY_NOT_ON_LOT, rejection(h.buy(BUYER, 1, 100, 1.5)));
            assertEquals(ResultCode.QUANTITY_NOT_POSITIVE, rejection(h.buy(BUYER, 2, 100, 0)));
            assertEquals(ResultCode.QUANTITY_NOT_POSITIVE, rejection(h.buy(BUYER, 3, 100, -1)));
        }

        @Test
        void shouldRejectPriceOutsideBandFloorOrCap()
        {
            assertEquals(ResultCode.PRICE_OUTSIDE_BAND, rejection(h.buy(BUYER, 1, 79.5, 1)));
            assertEquals(ResultCode.PRICE_OUTSIDE_BAND, rejection(h.buy(BUYER, 2, 120.5, 1)));
            assertEquals(ResultCode.OK, only(h.buy(BUYER, 3, 80, 1), EventType.ACCEPTED).code);
            assertEquals(ResultCode.OK, only(h.buy(BUYER, 4, 120, 1), EventType.ACCEPTED).code);
            // SMP has a floor of 2200.00 above its 20 % band (2000.00)
            assertEquals(ResultCode.PRICE_OUTSIDE_BAND,
                rejection(h.limit(BUYER, 5, TestMarket.SMP, Side.BUY, 2100, 1, TimeInForce.GTC)));
            // SUGAR has a cap of 700.00 below its 20 % band (720.00)
            assertEquals(ResultCode.PRICE_OUTSIDE_BAND,
                rejection(h.limit(BUYER, 6, TestMarket.SUGAR, Side.SELL, 710, 1, TimeInForce.GTC)));
            assertEquals(0, h.engine.depth(TestMarket.SMP, Side.BUY), "rejected orders are not stored");
        }

        @Test
        void shouldRejectOrderWhenDepositIsInsufficient()
        {
            // POOR has USD 100.00; 10 m3 at 100.00 is USD 1,000, guarantee 10 % = USD 100.00: exactly enough
            assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, rejection(h.buy(POOR, 1, 100, 11)));
            only(h.buy(POOR, 2, 100, 10), EventType.ACCEPTED);
            assertEquals(0, h.engine.freeDeposit(POOR));
            assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, rejection(h.buy(POOR, 3, 80, 1)));
        }

        @Test
        void shouldRejectDuplicateLiveOrderIdButAllowReuseAfterTheOrderEnded()
        {
            h.buy(BUYER, 7, 100, 1);
            assertEquals(ResultCode.DUPLICATE_ORDER_ID, rejection(h.buy(BUYER, 7, 99, 1)));
            only(h.buy(SELLER, 7, 101, 1), EventType.ACCEPTED);
            h.cancel(BUYER, 7);
            only(h.buy(BUYER, 7, 99, 1), EventType.ACCEPTED);
        }

        @Test
        void shouldRejectCancelOrReplaceOfUnknownOrder()
        {
            assertEquals(ResultCode.UNKNOWN_ORDER, rejection(h.cancel(BUYER, 42)));
            assertEquals(ResultCode.UNKNOWN_ORDER, rejection(h.replace(BUYER, 42, 100, 1)));
        }

        @Test
        void shouldTreatAnotherParticipantsClientIdAsUnknownAndRefuseItsExchangeId()
        {
            final long orderId = only(h.buy(BUYER, 1, 100, 1), EventType.ACCEPTED).exchangeOrderId;
            assertEquals(ResultCode.UNKNOWN_ORDER, rejection(h.cancel(BUYER2, 1)));
            final Command byExchangeId = h.command.cancel(h.time, BUYER2, 0);
            byExchangeId.exchangeOrderId = orderId;
            assertEquals(ResultCode.ORDER_NOT_OWNED, rejection(h.run(byExchangeId)));
            assertEquals(1, h.engine.liveOrderCount());
        }

        @Test
        void shouldCancelByExchangeIdOrdersPlacedBeforeAndAfterTheFirstSuchCancel()
        {
            final long first = only(h.buy(BUYER, 1, 100, 1), EventType.ACCEPTED).exchangeOrderId;
            final long second = only(h.buy(BUYER, 2, 99, 1), EventType.ACCEPTED).exchangeOrderId;
            assertEquals(ResultCode.CANCELLED_BY_PARTICIPANT, only(cancelByExchangeId(BUYER, second),
                EventType.CANCELLED).code);
            final long third = only(h.buy(BUYER, 3, 98, 1), EventType.ACCEPTED).exchangeOrderId;
            assertEquals(ResultCode.UNKNOWN_ORDER, rejection(cancelByExchangeId(BUYER, second)));
            only(cancelByExchangeId(BUYER, first), EventType.CANCELLED);
            only(cancelByExchangeId(BUYER, third), EventType.CANCELLED);
            assertEquals(0, h.engine.liveOrderCount());
        }

        private List<EngineEvent> cancelByExchangeId(final int participant, final long exchangeOrderId)
        {
            final Command c = h.command.cancel(h.time, participant, 0);
            c.exchangeOrderId = exchangeOrderId;
            return h.run(c);
        }

        @Test
        void shouldRejectMarketOrderThatWouldRest()
        {
            assertEquals(ResultCode.MARKET_ORDER_CANNOT_REST, rejection(h.market(BUYER, 1, Side.BUY, 1,
                TimeInForce.DAY)));
        }

        @Test
        void shouldAnswerInvalidCommandWithItsRejectCode()
        {
            final Command c = h.command.clear();
            c.type = CommandType.INVALID;
            c.submitter = BUYER;
            c.rejectCode = ResultCode.MALFORMED_INPUT;
            c.userRef = 17;
            final EngineEvent e = only(h.run(c), EventType.REJECTED);
            assertEquals(ResultCode.MALFORMED_INPUT, e.code);
            assertEquals(17, e.userRef);
        }

        @Test
        void shouldTakeOrderIdsFromOneBelowTwoToThe40()
        {
            assertEquals(ResultCode.ORDER_ID_INVALID, rejection(h.buy(BUYER, 0, 100, 1)));
            assertEquals(ResultCode.ORDER_ID_INVALID, rejection(h.buy(BUYER, -1, 100, 1)));
            assertEquals(ResultCode.ORDER_ID_INVALID, rejection(h.buy(BUYER, 1L << 40, 100, 1)));
            only(h.buy(BUYER, (1L << 40) - 1, 100, 1), EventType.ACCEPTED);
        }

        @Test
        void shouldRejectALimitPriceThatIsNotPositive()
        {
            assertEquals(ResultCode.PRICE_NOT_POSITIVE, rejection(h.buy(BUYER, 1, 0, 1)));
            assertEquals(ResultCode.PRICE_NOT_POSITIVE, rejection(h.buy(BUYER, 2, -100, 1)));
        }

        @Test
        void shouldAnswerAnOrderWithSeveralFaultsWithTheFirstInTheDocumentedOrder()
        {
            assertEquals(ResultCode.PARTICIPANT_NOT_ACTIVE, rejection(h.limit(TestMarket.SUSPENDED, 1, Command.UNKNOWN,
                Side.BUY, 100, 1, TimeInForce.GTC)), "status (3) before the instrument (4)");
            assertEquals(ResultCode.ORDER_ID_INVALID, rejection(h.buy(BUYER, 0, 0, 0)), "the id before the quantity");
            assertEquals(ResultCode.QUANTITY_NOT_POSITIVE, rejection(h.buy(BUYER, 1, 0, 0)),
                "the quantity before the price");
            only(h.buy(BUYER, 5, 100, 1), EventType.ACCEPTED);
            assertEquals(ResultCode.PRICE_OUTSIDE_BAND, rejection(h.buy(BUYER, 5, 500, 1)),
                "the price (6) before the id in use (7)");
            assertEquals(ResultCode.DUPLICATE_ORDER_ID, rejection(h.buy(BUYER, 5, 100, 1_000_000)),
                "the id in use (7) before the deposit (9)");
        }
    }

    @Nested
    class Matching
    {
        @Test
        void shouldTradeAtTheRestingPriceInPriceTimePriority()
        {
            h.sell(SELLER, 1, 101, 5);
            h.sell(BUYER2, 2, 100, 5);
            h.sell(SELLER, 3, 100, 5);
            final List<EngineEvent> events = h.buy(BUYER, 10, 101, 12);
            final List<EngineEvent> trades = all(events, EventType.TRADE);
            assertEquals(3, trades.size());
            assertTrade(trades.get(0), px(100), qty(5), BUYER2, 2);
            assertTrade(trades.get(1), px(100), qty(5), SELLER, 3);
            assertTrade(trades.get(2), px(101), qty(2), SELLER, 1);
            assertEquals(Side.BUY, trades.get(0).side, "the buyer was the aggressor");
            assertEquals(qty(3), h.engine.levelQuantity(TIMBER, Side.SELL, 0));
            assertEquals(0, h.engine.depth(TIMBER, Side.BUY), "the buy filled completely and did not rest");
        }

        private void assertTrade(final EngineEvent t, final long price, final long quantity, final int seller,
            final long sellId)
        {
            assertEquals(price, t.price);
            assertEquals(quantity, t.quantity);
            assertEquals(seller, t.sellOwner);
            assertEquals(sellId, t.sellClientOrderId);
            assertEquals(BUYER, t.buyOwner);
        }

        @Test
        void shouldRestTheRemainderOfALimitOrder()
        {
            h.sell(SELLER, 1, 100, 2);
            final List<EngineEvent> events = h.buy(BUYER, 2, 100, 5);
            assertEquals(qty(3), only(events, EventType.TRADE).buyLeaves);
            assertEquals(px(100), h.engine.levelPrice(TIMBER, Side.BUY, 0));
            assertEquals(qty(3), h.engine.levelQuantity(TIMBER, Side.BUY, 0));
        }

        @Test
        void shouldNeverRestAMarketOrder()
        {
            h.sell(SELLER, 1, 100, 2);
            h.sell(SELLER, 2, 110, 2);
            final List<EngineEvent> events = h.market(BUYER, 3, Side.BUY, 5, TimeInForce.IOC);
            assertEquals(2, all(events, EventType.TRADE).size());
            assertEquals(ResultCode.MARKET_REMAINDER, only(events, EventType.CANCELLED).code);
            assertEquals(0, h.engine.depth(TIMBER, Side.BUY));
            assertEquals(0, h.engine.depth(TIMBER, Side.SELL));
            assertEquals(0, h.engine.blockedDeposit(BUYER));
        }

        @Test
        void shouldCancelTheRemainderOfAnIoc()
        {
            h.sell(SELLER, 1, 100, 2);
            final List<EngineEvent> events = h.limit(BUYER, 2, TIMBER, Side.BUY, 100, 5, TimeInForce.IOC);
            assertEquals(qty(2), only(events, EventType.TRADE).quantity);
            final EngineEvent cancelled = only(events, EventType.CANCELLED);
            assertEquals(ResultCode.IOC_REMAINDER, cancelled.code);
            assertEquals(qty(2), cancelled.filled);
            assertEquals(0, h.engine.depth(TIMBER, Side.BUY));
        }

        @Test
        void shouldFillFokCompletelyOrNotAtAll()
        {
            h.sell(SELLER, 1, 100, 2);
            h.sell(BUYER2, 2, 101, 2);
            final List<EngineEvent> failed = h.limit(BUYER, 3, TIMBER, Side.BUY, 101, 5, TimeInForce.FOK);
            assertTrue(all(failed, EventType.TRADE).isEmpty());
            assertEquals(ResultCode.FOK_NOT_FILLED, only(failed, EventType.CANCELLED).code);
            assertEquals(qty(2), h.engine.levelQuantity(TIMBER, Side.SELL, 0), "the book is untouched");

            final List<EngineEvent> filled = h.limit(BUYER, 4, TIMBER, Side.BUY, 101, 4, TimeInForce.FOK);
            assertEquals(2, all(filled, EventType.TRADE).size());
            assertEquals(0, h.engine.depth(TIMBER, Side.SELL));
        }

        @Test
        void shouldNotCountOwnOrdersAsLiquidityForFok()
        {
            h.sell(BUYER, 1, 100, 3);
            h.sell(SELLER, 2, 100, 2);
            final List<EngineEvent> events = h.limit(BUYER, 3, TIMBER, Side.BUY, 100, 3, TimeInForce.FOK);
            assertEquals(ResultCode.FOK_NOT_FILLED, only(events, EventType.CANCELLED).code);
            assertEquals(2, h.engine.levelOrderCount(TIMBER, Side.SELL, 0), "nothing cancelled when FOK fails");
        }

        @Test
        void shouldCancelRestingOrderOfTheSameParticipantAndGoOnMatching()
        {
            h.sell(BUYER, 1, 100, 3);
            h.sell(SELLER, 2, 100, 2);
            final List<EngineEvent> events = h.buy(BUYER, 3, 100, 2);
            final EngineEvent cancelled = only(events, EventType.CANCELLED);
            assertEquals(ResultCode.SELF_MATCH_PREVENTED, cancelled.code);
            assertEquals(1, cancelled.clientOrderId);
            final EngineEvent trade = only(events, EventType.TRADE);
            assertEquals(SELLER, trade.sellOwner);
            assertEquals(qty(2), trade.quantity);
        }

        @Test
        void shouldTreatABrokersClientAsTheParticipantForSelfMatch()
        {
            final Command sell = h.command.newOrder(h.time, CLIENT, 1, TestMarket.SMP, Side.SELL, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(1));
            h.run(sell);
            final Command buy = h.command.newOrder(h.time, BROKER, 2, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(1));
            buy.onBehalfOf = CLIENT;
            final List<EngineEvent> events = h.run(buy);
            assertEquals(ResultCode.SELF_MATCH_PREVENTED, only(events, EventType.CANCELLED).code);
            assertTrue(all(events, EventType.TRADE).isEmpty());
        }
    }

    @Nested
    class Deposits
    {
        @Test
        void shouldBlockGuaranteeOnAcceptAndReleaseOnCancel()
        {
            h.buy(BUYER, 1, 100, 10);
            assertEquals(10_000, h.engine.blockedDeposit(BUYER), "10 % of USD 1,000.00 = USD 100.00");
            h.cancel(BUYER, 1);
            assertEquals(0, h.engine.blockedDeposit(BUYER));
            assertEquals(h.engine.deposited(BUYER), h.engine.freeDeposit(BUYER));
        }

        @Test
        void shouldChargeTheFeeToBothSidesOnEachTrade()
        {
            h.sell(SELLER, 1, 100, 10);
            h.buy(BUYER, 2, 100, 4);
            // deal USD 400.00, fee 0.1 % = USD 0.40 each
            assertEquals(40, h.engine.feesPaid(BUYER));
            assertEquals(40, h.engine.feesPaid(SELLER));
            assertEquals(6_000, h.engine.blockedDeposit(SELLER), "guarantee left for the 6 m3 still open");
            assertEquals(0, h.engine.blockedDeposit(BUYER));
        }

        @Test
        void shouldRoundFeesUpToTheCent()
        {
            final EngineHarness h2 = new EngineHarness(new MarketRules(1000, 15));
            h2.sell(SELLER, 1, 100.5, 1);
            h2.buy(BUYER, 2, 100.5, 1);
            assertEquals(16, h2.engine.feesPaid(BUYER), "0.15 % of USD 100.50 is 15.075 cents");
            h2.assertDepositsConserved();
        }
    }

    @Nested
    class Replace
    {
        @Test
        void shouldKeepPriorityWhenOnlyTheQuantityGoesDown()
        {
            h.buy(BUYER, 1, 100, 5);
            h.buy(BUYER2, 2, 100, 5);
            final EngineEvent replaced = only(h.replace(BUYER, 1, 100, 3), EventType.REPLACED);
            assertEquals(qty(3), replaced.quantity);
            assertEquals(qty(3), replaced.leaves);
            assertEquals(3_000, h.engine.blockedDeposit(BUYER), "guarantee follows the smaller quantity");
            final List<EngineEvent> trades = all(h.sell(SELLER, 3, 100, 3), EventType.TRADE);
            assertEquals(BUYER, trades.get(0).buyOwner, "BUYER kept its place in the queue");
        }

        @Test
        void shouldKeepPriorityWhenNeitherPriceNorQuantityChanges()
        {
            h.buy(BUYER, 1, 100, 5);
            h.buy(BUYER2, 2, 100, 5);
            final Command rename = h.command.replace(h.time, BUYER, 1, px(100), qty(5));
            rename.newClientOrderId = 7;
            assertEquals(7, only(h.run(rename), EventType.REPLACED).clientOrderId);
            final List<EngineEvent> trades = all(h.sell(SELLER, 3, 100, 3), EventType.TRADE);
            assertEquals(BUYER, trades.get(0).buyOwner, "a replace that only renames keeps the order's place");
        }

        @Test
        void shouldRefuseABrokersNewIdForItsClientsOrderUnlessTheClientIsNamed()
        {
            final Command order = h.command.newOrder(h.time, BROKER, 1, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(5));
            order.onBehalfOf = CLIENT;
            final long orderId = only(h.run(order), EventType.ACCEPTED).exchangeOrderId;

            final Command unnamed = h.command.replace(h.time, BROKER, 0, px(2500), qty(5));
            unnamed.exchangeOrderId = orderId;
            unnamed.newClientOrderId = 2; // an id among the broker's own, not the client's
            final EngineEvent refused = only(h.run(unnamed), EventType.REJECTED);
            assertEquals(ResultCode.REPLACE_OWNER_NOT_NAMED, refused.code);
            assertEquals(orderId, refused.exchangeOrderId, "the reject names the live order");

            final Command named = h.command.replace(h.time, BROKER, 0, px(2500), qty(5));
            named.exchangeOrderId = orderId;
            named.onBehalfOf = CLIENT;
            named.newClientOrderId = 2;
            assertEquals(2, only(h.run(named), EventType.REPLACED).clientOrderId);

            final Command sameId = h.command.replace(h.time, BROKER, 0, px(2500), qty(6));
            sameId.exchangeOrderId = orderId;
            assertEquals(2, only(h.run(sameId), EventType.REPLACED).clientOrderId,
                "a replace that keeps the id needs no name");
        }

        @Test
        void shouldRefuseAReplaceCarryingARejectCodeOnTheOrderItNames()
        {
            h.buy(BUYER, 1, 100, 5);
            final Command unread = h.command.replace(h.time, BUYER, 1, 0, qty(5));
            unread.rejectCode = ResultCode.PRICE_NOT_ON_STEP;
            final EngineEvent refused = only(h.run(unread), EventType.REJECTED);
            assertEquals(ResultCode.PRICE_NOT_ON_STEP, refused.code);
            assertEquals(CommandType.REPLACE, refused.commandType);
            assertTrue(refused.exchangeOrderId != 0, "the reject names the order");
            assertEquals(px(100), h.engine.levelPrice(TestMarket.TIMBER, Side.BUY, 0), "the order is unchanged");

            final Command unknown = h.command.replace(h.time, BUYER, 9, 0, qty(5));
            unknown.rejectCode = ResultCode.PRICE_NOT_ON_STEP;
            assertEquals(ResultCode.UNKNOWN_ORDER, only(h.run(unknown), EventType.REJECTED).code,
                "an order that is not there is answered first");
        }

        @Test
        void shouldRefuseAReplaceNamingAnotherInstrumentThanItsOrders()
        {
            h.buy(BUYER, 1, 100, 5);
            final Command elsewhere = h.command.replace(h.time, BUYER, 1, px(101), qty(5));
            elsewhere.instrument = TestMarket.SMP;
            final EngineEvent refused = only(h.run(elsewhere), EventType.REJECTED);
            assertEquals(ResultCode.REPLACE_INSTRUMENT_MISMATCH, refused.code);
            assertEquals(px(100), h.engine.levelPrice(TestMarket.TIMBER, Side.BUY, 0), "the order is unchanged");

            final Command named = h.command.replace(h.time, BUYER, 1, px(101), qty(5));
            named.instrument = TestMarket.TIMBER;
            only(h.run(named), EventType.REPLACED);
            only(h.replace(BUYER, 1, 102, 5), EventType.REPLACED);
        }

        @Test
        void shouldLosePriorityWhenTheQuantityGoesUp()
        {
            h.buy(BUYER, 1, 100, 5);
            h.buy(BUYER2, 2, 100, 5);
            h.replace(BUYER, 1, 100, 6);
            final List<EngineEvent> trades = all(h.sell(SELLER, 3, 100, 3), EventType.TRADE);
            assertEquals(BUYER2, trades.get(0).buyOwner);
        }

        @Test
        void shouldLosePriorityAndMatchWhenThePriceChanges()
        {
            h.sell(SELLER, 1, 101, 2);
            h.buy(BUYER, 2, 100, 5);
            final List<EngineEvent> events = h.replace(BUYER, 2, 101, 5);
            only(events, EventType.REPLACED);
            final EngineEvent trade = only(events, EventType.TRADE);
            assertEquals(px(101), trade.price);
            assertEquals(qty(3), trade.buyLeaves);
            assertEquals(px(101), h.engine.levelPrice(TIMBER, Side.BUY, 0));
        }

        @Test
        void shouldTreatTheNewQuantityAsTheTotalIncludingFills()
        {
            h.sell(SELLER, 1, 100, 2);
            h.buy(BUYER, 2, 100, 5);
            final EngineEvent replaced = only(h.replace(BUYER, 2, 100, 4), EventType.REPLACED);
            assertEquals(qty(4), replaced.quantity);
            assertEquals(qty(2), replaced.filled);
            assertEquals(qty(2), replaced.leaves);
            assertEquals(ResultCode.REPLACE_QUANTITY_NOT_ABOVE_FILLED, rejection(h.replace(BUYER, 2, 100, 2)));
        }

        @Test
        void shouldRejectReplaceThatTheDepositCannotCover()
        {
            h.buy(POOR, 1, 100, 5);
            assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, rejection(h.replace(POOR, 1, 100, 11)));
            assertEquals(qty(5), h.engine.levelQuantity(TIMBER, Side.BUY, 0), "the order is unchanged");
        }

        @Test
        void shouldRenameTheOrderWhenANewIdIsGiven()
        {
            h.buy(BUYER, 1, 100, 5);
            final Command c = h.command.replace(h.time, BUYER, 1, px(100), qty(4));
            c.newClientOrderId = 9;
            assertEquals(9, only(h.run(c), EventType.REPLACED).clientOrderId);
            assertEquals(ResultCode.UNKNOWN_ORDER, rejection(h.cancel(BUYER, 1)));
            only(h.cancel(BUYER, 9), EventType.CANCELLED);
        }

        @Test
        void shouldLetABrokerCancelItsClientsOrder()
        {
            final Command buy = h.command.newOrder(h.time, CLIENT, 5, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, px(2500), qty(1));
            h.run(buy);
            final Command cancel = h.command.cancel(h.time, BROKER, 5);
            cancel.onBehalfOf = CLIENT;
            final EngineEvent cancelled = only(h.run(cancel), EventType.CANCELLED);
            assertEquals(ResultCode.CANCELLED_BY_PARTICIPANT, cancelled.code);
            assertEquals(BROKER, cancelled.submitter);
        }
    }

    @Nested
    class Expiry
    {
        @Test
        void shouldExpireDayOrdersWhenTheDayChangesAndKeepGtc()
        {
            h.limit(BUYER, 1, TIMBER, Side.BUY, 100, 1, TimeInForce.DAY);
            h.limit(BUYER, 2, TIMBER, Side.BUY, 99, 1, TimeInForce.GTC);
            h.time += EngineHarness.NANOS_PER_DAY;
            final List<EngineEvent> events = h.buy(BUYER2, 3, 98, 1);
            final EngineEvent expired = only(events, EventType.EXPIRED);
            assertEquals(1, expired.clientOrderId);
            assertEquals(ResultCode.DAY_ORDER_EXPIRED, expired.code);
            assertEquals(events.get(0), expired, "expiry comes before the command's own events");
            assertEquals(2, h.engine.depth(TIMBER, Side.BUY));
            assertEquals(px(99), h.engine.levelPrice(TIMBER, Side.BUY, 0));
        }
    }

    @Test
    void shouldGiveEqualStateHashesForEqualHistories()
    {
        final EngineHarness other = new EngineHarness();
        final List<Long> hashes = new ArrayList<>();
        for (final EngineHarness x : List.of(h, other))
        {
            x.sell(SELLER, 1, 100, 5);
            x.buy(BUYER, 1, 100, 2);
            x.buy(BUYER2, 1, 99, 2);
            hashes.add(x.engine.stateHash());
        }
        assertEquals(hashes.get(0), hashes.get(1));
        other.cancel(BUYER2, 1);
        assertTrue(other.engine.stateHash() != h.engine.stateHash());
    }
}
