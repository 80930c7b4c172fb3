package by.butb.gateway;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecType;
import quickfix.field.ExpireTime;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OnBehalfOfCompID;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.Side;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static by.butb.gateway.Fix.c;
import static by.butb.gateway.Fix.contraFirm;
import static by.butb.gateway.Fix.d;
import static by.butb.gateway.Fix.lotBid;
import static by.butb.gateway.Fix.lotOffer;
import static by.butb.gateway.Fix.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BUTB mechanisms over FIX (address deals, lot auctions), the exchange's timer and client time mode, on the
 * QuickFIX/J FIX engine ({@link NativeGatewayMechanismsTest}: the native one).
 */
class GatewayMechanismsTest
{
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    @TempDir
    Path data;

    private final AtomicLong clock = new AtomicLong(T0);
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private GatewayServer server;
    private final List<FixClient> clients = new ArrayList<>();

    private void start(final boolean clientTime)
    {
        server = GatewayServer.start(options().dataDirectory(data.resolve("journal"))
            .clockNanos(clock::get).clientTime(clientTime)
            .listener(e ->
            {
                final EngineEvent copy = new EngineEvent();
                copy.copyFrom(e);
                events.add(copy);
            }));
    }

    /** The server's options before the test's data directory, clock and listener: the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @AfterEach
    void stop()
    {
        clients.forEach(FixClient::close);
        if (server != null)
        {
            server.close();
        }
    }

    private FixClient logon(final String id) throws Exception
    {
        final FixClient client = FixClient.logon(server.port(), id);
        clients.add(client);
        return client;
    }

    private static Message er(final FixClient client) throws Exception
    {
        return client.next(MsgType.EXECUTION_REPORT);
    }

    private static LocalDateTime utc(final long nanos)
    {
        return EngineBridge.time(nanos);
    }

    // ---------------------------------------------------------------- address deals

    @Test
    void shouldTradeAnAddressOrderWithTheNamedCounterpartyOnly() throws Exception
    {
        start(false);
        final FixClient seller = logon("TRADER-A");
        final FixClient buyer = logon("TRADER-B");
        final FixClient other = logon("TRADER-C");

        final NewOrderSingle address = Fix.order("AD1", "SMP", Side.SELL, "10", "2500", OrdType.LIMIT,
            TimeInForce.GOOD_TILL_CANCEL);
        contraFirm(address, "TRADER-B");
        seller.send(address);
        Message m = er(seller);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD));
        assertEquals("AD1", s(m, ClOrdID.FIELD));

        final NewOrderSingle intruder = Fix.limit("X1", "SMP", Side.BUY, "10", "2500");
        contraFirm(intruder, "TRADER-A");
        intruder.setString(ButbTags.CONTRA_CL_ORD_ID, "AD1");
        other.send(intruder);
        m = er(other);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("720 "), s(m, Text.FIELD));

        final NewOrderSingle unknown = Fix.limit("T0", "SMP", Side.BUY, "10", "2500");
        contraFirm(unknown, "TRADER-A");
        unknown.setString(ButbTags.CONTRA_CL_ORD_ID, "NO-SUCH");
        buyer.send(unknown);
        m = er(buyer);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("502 "), s(m, Text.FIELD));

        final NewOrderSingle take = Fix.limit("T1", "SMP", Side.BUY, "10", "2500");
        contraFirm(take, "TRADER-A");
        take.setString(ButbTags.CONTRA_CL_ORD_ID, "AD1");
        buyer.send(take);
        assertEquals(ExecType.NEW, c(er(buyer), ExecType.FIELD));
        m = er(buyer);
        assertEquals(ExecType.TRADE, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, c(m, OrdStatus.FIELD));
        assertEquals(10.0, d(m, LastQty.FIELD));
        assertEquals(2500.0, d(m, LastPx.FIELD));
        m = er(seller);
        assertEquals(ExecType.TRADE, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, c(m, OrdStatus.FIELD));
        assertEquals("AD1", s(m, ClOrdID.FIELD));
        other.expectNothing(200);
    }

    // ---------------------------------------------------------------- lot auctions

    @Test
    void shouldCancelBeatenBidsAndReportTheLotTradeToOwnerWinnerAndBroker() throws Exception
    {
        start(false);
        final FixClient owner = logon("TRADER-A");
        final FixClient first = logon("TRADER-B");
        final FixClient second = logon("TRADER-C");
        final FixClient broker = logon("BROKER-1");
        final FixClient client = logon("CLIENT-C");

        owner.send(lotOffer("LOT1", Side.SELL, "20", "2500", "10", T0 + HOUR));
        Message m = er(owner);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD));
        final String lotId = s(m, OrderID.FIELD);

        final NewOrderSingle byOrderId = lotBid("B1", Side.BUY, "2510");
        byOrderId.setString(ButbTags.CONTRA_ORDER_ID, lotId);
        first.send(byOrderId);
        m = er(first);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD));
        assertEquals(20.0, d(m, LeavesQty.FIELD), "a bid is for the whole lot");

        final NewOrderSingle byOwnerClOrdId = lotBid("C1", Side.BUY, "2520");
        contraFirm(byOwnerClOrdId, "TRADER-A");
        byOwnerClOrdId.setString(ButbTags.CONTRA_CL_ORD_ID, "LOT1");
        byOwnerClOrdId.setString(quickfix.field.OrderQty.FIELD, "20");
        second.send(byOwnerClOrdId);
        assertEquals(ExecType.NEW, c(er(second), ExecType.FIELD));
        m = er(first);
        assertEquals(ExecType.CANCELED, c(m, ExecType.FIELD));
        assertEquals("B1", s(m, ClOrdID.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("607 "), s(m, Text.FIELD));

        final NewOrderSingle forClient = lotBid("K1", Side.BUY, "2530");
        forClient.getHeader().setString(OnBehalfOfCompID.FIELD, "CLIENT-C");
        forClient.setString(ButbTags.CONTRA_ORDER_ID, lotId);
        broker.send(forClient);
        assertEquals(ExecType.NEW, c(er(broker), ExecType.FIELD));
        assertEquals(ExecType.NEW, c(er(client), ExecType.FIELD));
        m = er(second);
        assertEquals(ExecType.CANCELED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("607 "), s(m, Text.FIELD));

        server.advanceClock(T0 + HOUR - 1);
        owner.expectNothing(200);
        server.advanceClock(T0 + 2 * HOUR);
        m = er(owner);
        assertEquals(ExecType.TRADE, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, c(m, OrdStatus.FIELD));
        assertEquals("LOT1", s(m, ClOrdID.FIELD));
        assertEquals(2530.0, d(m, LastPx.FIELD));
        assertEquals(20.0, d(m, LastQty.FIELD));
        for (final FixClient winner : List.of(client, broker))
        {
            m = er(winner);
            assertEquals(ExecType.TRADE, c(m, ExecType.FIELD));
            assertEquals("K1", s(m, ClOrdID.FIELD));
            assertEquals(20.0, d(m, CumQty.FIELD));
            assertEquals(2530.0, d(m, LastPx.FIELD));
        }
        first.expectNothing(100);
        second.expectNothing(100);
    }

    @Test
    void shouldExpireAnUnsoldLotWhenTheClockPassesItsClose() throws Exception
    {
        start(false);
        final FixClient owner = logon("TRADER-A");
        owner.send(lotOffer("LOT2", Side.BUY, "5", "2500", "5", T0 + HOUR));
        assertEquals(ExecType.NEW, c(er(owner), ExecType.FIELD));
        server.advanceClock(T0 + HOUR);
        final Message m = er(owner);
        assertEquals(ExecType.EXPIRED, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.EXPIRED, c(m, OrdStatus.FIELD));
        assertEquals("LOT2", s(m, ClOrdID.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("608 "), s(m, Text.FIELD));
    }

    @Test
    void shouldRejectBidsThatDisagreeWithTheLotOrDoNotBeatIt() throws Exception
    {
        start(false);
        final FixClient owner = logon("TRADER-A");
        final FixClient bidder = logon("TRADER-B");
        owner.send(lotOffer("LOT3", Side.SELL, "20", "2500", "10", T0 + HOUR));
        final String lotId = s(er(owner), OrderID.FIELD);

        final NewOrderSingle ownSide = lotBid("W1", Side.SELL, "2510");
        ownSide.setString(ButbTags.CONTRA_ORDER_ID, lotId);
        bidder.send(ownSide);
        Message m = er(bidder);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("715 "), "the engine checks the bid's side: " + s(m, Text.FIELD));

        final NewOrderSingle wrongQty = lotBid("W2", Side.BUY, "2510");
        wrongQty.setString(ButbTags.CONTRA_ORDER_ID, lotId);
        wrongQty.setString(quickfix.field.OrderQty.FIELD, "5");
        bidder.send(wrongQty);
        m = er(bidder);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("715 "), "and its quantity: " + s(m, Text.FIELD));

        final NewOrderSingle wrongSymbol = lotBid("W6", Side.BUY, "2510");
        wrongSymbol.setString(ButbTags.CONTRA_ORDER_ID, lotId);
        wrongSymbol.setString(quickfix.field.Symbol.FIELD, "SUGAR");
        bidder.send(wrongSymbol);
        m = er(bidder);
        assertTrue(s(m, Text.FIELD).startsWith("715 "), "and its instrument: " + s(m, Text.FIELD));

        final NewOrderSingle tooLow = lotBid("W3", Side.BUY, "2490");
        tooLow.setString(ButbTags.CONTRA_ORDER_ID, lotId);
        bidder.send(tooLow);
        m = er(bidder);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("712 "), s(m, Text.FIELD));

        final NewOrderSingle noLot = lotBid("W4", Side.BUY, "2510");
        noLot.setString(ButbTags.CONTRA_ORDER_ID, "999999");
        bidder.send(noLot);
        m = er(bidder);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("710 "), s(m, Text.FIELD));

        final NewOrderSingle unnamed = lotBid("W5", Side.BUY, "2510");
        bidder.send(unnamed);
        m = bidder.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
            Integer.parseInt(s(m, BusinessRejectReason.FIELD)));
    }

    @Test
    void shouldRejectABadLotActionAndALotOfferWithoutBidStepOrExpireTime() throws Exception
    {
        start(false);
        final FixClient a = logon("TRADER-A");

        final NewOrderSingle badAction = lotOffer("E1", Side.SELL, "20", "2500", "10", T0 + HOUR);
        badAction.setChar(ButbTags.LOT_ACTION, 'X');
        a.send(badAction);
        Message m = a.next(MsgType.REJECT);
        assertEquals("9010", s(m, quickfix.field.RefTagID.FIELD));
        assertEquals(quickfix.field.SessionRejectReason.VALUE_IS_INCORRECT,
            Integer.parseInt(s(m, quickfix.field.SessionRejectReason.FIELD)));

        a.send(lotOffer("E2", Side.SELL, "20", "2500", null, T0 + HOUR));
        m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
            Integer.parseInt(s(m, BusinessRejectReason.FIELD)));
        assertTrue(s(m, Text.FIELD).startsWith("BidStep(9011) is required"), s(m, Text.FIELD));
        assertEquals("E2", s(m, quickfix.field.BusinessRejectRefID.FIELD));

        a.send(lotOffer("E3", Side.SELL, "20", "2500", "10", 0));
        m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
            Integer.parseInt(s(m, BusinessRejectReason.FIELD)));
        assertTrue(s(m, Text.FIELD).startsWith("ExpireTime(126) is required"), s(m, Text.FIELD));

        final NewOrderSingle plainWithExpiry = Fix.limit("E4", "SMP", Side.SELL, "1", "2500");
        plainWithExpiry.setField(new ExpireTime(utc(T0 + HOUR)));
        a.send(plainWithExpiry);
        m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertTrue(s(m, Text.FIELD).contains("126"), "ExpireTime stays refused on ordinary orders");

        a.send(lotOffer("E5", Side.SELL, "20", "2500", "10", T0 - HOUR));
        m = er(a);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("714 "), "a close in the past: " + s(m, Text.FIELD));

        final NewOrderSingle unknownTag = Fix.limit("E6", "SMP", Side.SELL, "1", "2500");
        unknownTag.setString(9999, "1");
        a.send(unknownTag);
        m = a.next(MsgType.REJECT);
        assertEquals("9999", s(m, quickfix.field.RefTagID.FIELD), "undefined user tags are rejected");
    }

    // ---------------------------------------------------------------- time

    @Test
    void shouldStampTheEngineWithTransactTimeInClientTimeModeAndNeverGoBack() throws Exception
    {
        start(true);
        final FixClient a = logon("TRADER-A");
        final long t1 = T0 + 5 * HOUR;
        final NewOrderSingle first = Fix.limit("CT1", "SMP", Side.BUY, "1", "2400");
        first.setField(new TransactTime(utc(t1)));
        a.send(first);
        Message m = er(a);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD));
        assertEquals(utc(t1), m.getUtcTimeStamp(TransactTime.FIELD));

        final NewOrderSingle earlier = Fix.limit("CT2", "SMP", Side.BUY, "1", "2400");
        earlier.setField(new TransactTime(utc(t1 - HOUR)));
        a.send(earlier);
        m = er(a);
        assertEquals(utc(t1), m.getUtcTimeStamp(TransactTime.FIELD), "a TransactTime in the past is raised");

        server.advanceClock(T0);
        final NewOrderSingle later = Fix.limit("CT3", "SMP", Side.BUY, "1", "2400");
        later.setField(new TransactTime(utc(t1 + HOUR)));
        a.send(later);
        m = er(a);
        assertEquals(utc(t1 + HOUR), m.getUtcTimeStamp(TransactTime.FIELD));

        server.drain();
        final List<Long> times = new ArrayList<>();
        for (final EngineEvent e : events)
        {
            if (e.type == EventType.ACCEPTED)
            {
                times.add(e.timeNanos);
            }
        }
        assertEquals(List.of(t1, t1, t1 + HOUR), times, "the extra listener sees the engine's times");
    }

    @Test
    void shouldAcceptAnOldSendingTimeInClientTimeMode() throws Exception
    {
        start(true);
        try (RawFix raw = new RawFix(server.port(), "TRADER-A"))
        {
            raw.logon(TestCatalog.password("TRADER-A"));
            assertNotNull(raw.readType("A", 5_000));
            final String old = "20240301-10:00:00.000";
            raw.sendText(RawFix.frame("FIX.4.4", "35=D|49=TRADER-A|56=BUTB|34=" + raw.seq++ + "|52=" + old +
                "|11=OLD1|55=SMP|54=1|60=" + old + "|38=1|40=2|44=2400|"));
            final String er = raw.readType("8", 5_000);
            assertNotNull(er, "no latency reject");
            assertEquals("0", RawFix.field(er, 150));
            assertEquals(old, RawFix.field(er, 60));
        }
    }

    @Test
    void shouldStampWithTheReceiveTimeByDefault() throws Exception
    {
        start(false);
        final FixClient a = logon("TRADER-A");
        final NewOrderSingle order = Fix.limit("RT1", "SMP", Side.BUY, "1", "2400");
        order.setField(new TransactTime(utc(T0 + 5 * HOUR)));
        a.send(order);
        assertEquals(utc(T0), er(a).getUtcTimeStamp(TransactTime.FIELD));
    }
}
