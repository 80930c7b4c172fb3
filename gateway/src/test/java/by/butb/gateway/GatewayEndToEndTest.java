package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;
import quickfix.Session;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.OnBehalfOfCompID;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PartyID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.QuoteRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static by.butb.gateway.Fix.c;
import static by.butb.gateway.Fix.contraFirm;
import static by.butb.gateway.Fix.d;
import static by.butb.gateway.Fix.lotBid;
import static by.butb.gateway.Fix.lotOffer;
import static by.butb.gateway.Fix.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end: independent QuickFIX/J initiators against the gateway on a free loopback port, on the QuickFIX/J FIX
 * engine ({@link NativeGatewayEndToEndTest}: the native one).
 */
class GatewayEndToEndTest
{
    private static final long DAY_NANOS = 86_400_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;

    @TempDir
    Path data;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
    private GatewayServer server;
    private final List<FixClient> clients = new ArrayList<>();

    @BeforeEach
    void start()
    {
        server = GatewayServer.start(options().dataDirectory(data.resolve("journal")).clockNanos(clock::get));
    }

    /** The server's options before the test's data directory and clock: the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @AfterEach
    void stop()
    {
        clients.forEach(FixClient::close);
        server.close();
    }

    FixClient logon(final String id) throws Exception
    {
        final FixClient client = FixClient.logon(server.port(), id);
        clients.add(client);
        return client;
    }

    private static Message er(final FixClient client) throws Exception
    {
        return client.next(MsgType.EXECUTION_REPORT);
    }

    /** Stops the server (every session logged out) and starts a new one on the same data directory. */
    private void restart()
    {
        server.drain();
        clients.forEach(FixClient::close);
        clients.clear();
        server.close();
        start();
    }

    @Test
    void partialFillAndFillBetweenTwoSessions() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        final FixClient b = logon("TRADER-B");

        a.send(Fix.limit("S1", "SMP", Side.SELL, "10", "2500"));
        Message m = er(a);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.NEW, c(m, OrdStatus.FIELD));
        assertEquals("S1", s(m, ClOrdID.FIELD));
        assertEquals(10.0, d(m, LeavesQty.FIELD));
        assertEquals(0.0, d(m, CumQty.FIELD));
        final String sellOrderId = s(m, OrderID.FIELD);

        b.send(Fix.limit("B1", "SMP", Side.BUY, "4", "2500"));
        m = er(b);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD));
        m = er(b);
        assertEquals(ExecType.TRADE, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, c(m, OrdStatus.FIELD));
        assertEquals(4.0, d(m, LastQty.FIELD));
        assertEquals(2500.0, d(m, LastPx.FIELD));
        assertEquals(4.0, d(m, CumQty.FIELD));
        assertEquals(0.0, d(m, LeavesQty.FIELD));
        assertEquals(2500.0, d(m, AvgPx.FIELD));

        m = er(a);
        assertEquals(ExecType.TRADE, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.PARTIALLY_FILLED, c(m, OrdStatus.FIELD));
        assertEquals(sellOrderId, s(m, OrderID.FIELD));
        assertEquals(4.0, d(m, CumQty.FIELD));
        assertEquals(6.0, d(m, LeavesQty.FIELD));

        b.send(Fix.limit("B2", "SMP", Side.BUY, "6", "2510"));
        assertEquals(ExecType.NEW, c(er(b), ExecType.FIELD));
        m = er(b);
        assertEquals(OrdStatus.FILLED, c(m, OrdStatus.FIELD));
        assertEquals(2500.0, d(m, LastPx.FIELD), "trades at the resting price");
        m = er(a);
        assertEquals(OrdStatus.FILLED, c(m, OrdStatus.FIELD));
        assertEquals(10.0, d(m, CumQty.FIELD));
        assertEquals(0.0, d(m, LeavesQty.FIELD));
        assertEquals(2500.0, d(m, AvgPx.FIELD));

        // AvgPx over two price levels: 2 at 2490 and 3 at 2495 -> 2493
        a.send(Fix.limit("S2", "SMP", Side.SELL, "2", "2490"));
        a.send(Fix.limit("S3", "SMP", Side.SELL, "3", "2495"));
        er(a);
        er(a);
        b.send(Fix.limit("B3", "SMP", Side.BUY, "5", "2500"));
        er(b);
        m = er(b);
        assertEquals(2490.0, d(m, LastPx.FIELD));
        assertEquals(3.0, d(m, LeavesQty.FIELD));
        m = er(b);
        assertEquals(2495.0, d(m, LastPx.FIELD));
        assertEquals(5.0, d(m, CumQty.FIELD));
        assertEquals(2493.0, d(m, AvgPx.FIELD));
    }

    @Test
    void cancelAndReplace() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        a.send(Fix.limit("A1", "SMP", Side.BUY, "5", "2400"));
        final String orderId = s(er(a), OrderID.FIELD);

        a.send(Fix.replace("A2", "A1", "SMP", Side.BUY, "7", "2410"));
        Message m = er(a);
        assertEquals(ExecType.REPLACED, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.NEW, c(m, OrdStatus.FIELD));
        assertEquals("A2", s(m, ClOrdID.FIELD));
        assertEquals("A1", s(m, OrigClOrdID.FIELD));
        assertEquals(orderId, s(m, OrderID.FIELD));
        assertEquals(7.0, d(m, OrderQty.FIELD));
        assertEquals(2410.0, d(m, Price.FIELD));
        assertEquals(7.0, d(m, LeavesQty.FIELD));

        // the old ClOrdID is gone
        a.send(Fix.cancel("A3", "A1", "SMP", Side.BUY));
        m = a.next(MsgType.ORDER_CANCEL_REJECT);
        assertEquals(CxlRejReason.UNKNOWN_ORDER, Integer.parseInt(s(m, CxlRejReason.FIELD)));

        a.send(Fix.cancel("A4", "A2", "SMP", Side.BUY));
        m = er(a);
        assertEquals(ExecType.CANCELED, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.CANCELED, c(m, OrdStatus.FIELD));
        assertEquals("A4", s(m, ClOrdID.FIELD));
        assertEquals("A2", s(m, OrigClOrdID.FIELD));
        assertEquals(0.0, d(m, LeavesQty.FIELD));

        a.send(Fix.cancel("A5", "A2", "SMP", Side.BUY));
        m = a.next(MsgType.ORDER_CANCEL_REJECT);
        assertEquals("A5", s(m, ClOrdID.FIELD));
        assertEquals("502 no live order with this id", s(m, Text.FIELD));
        assertEquals(CxlRejResponseTo.ORDER_CANCEL_REQUEST, c(m, CxlRejResponseTo.FIELD));

        // a replace that the engine refuses (price off the step) leaves the order as it was
        a.send(Fix.limit("A6", "SMP", Side.BUY, "5", "2400"));
        er(a);
        a.send(Fix.replace("A7", "A6", "SMP", Side.BUY, "5", "2400.50"));
        m = a.next(MsgType.ORDER_CANCEL_REJECT);
        assertEquals(CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST, c(m, CxlRejResponseTo.FIELD));
        assertEquals(OrdStatus.NEW, c(m, OrdStatus.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("301 "), s(m, Text.FIELD));
        // ClOrdID A7 was not taken: it can name a new order
        a.send(Fix.limit("A7", "SMP", Side.BUY, "1", "2300"));
        assertEquals(ExecType.NEW, c(er(a), ExecType.FIELD));
        // and one whose price does not even read at the instrument's scale: the reject still tells the order's state
        a.send(Fix.replace("A10", "A6", "SMP", Side.BUY, "5", "2400.505"));
        m = a.next(MsgType.ORDER_CANCEL_REJECT);
        assertEquals(OrdStatus.NEW, c(m, OrdStatus.FIELD), "the order lives on, not Rejected");
        assertEquals("A10", s(m, ClOrdID.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("301 "), s(m, Text.FIELD));
        // so does a replace that names another instrument than its order's
        a.send(Fix.replace("A9", "A6", "SUGAR", Side.BUY, "5", "625"));
        m = a.next(MsgType.ORDER_CANCEL_REJECT);
        assertEquals("A9", s(m, ClOrdID.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("310 "), s(m, Text.FIELD));
        a.send(Fix.cancel("A8", "A6", "SMP", Side.BUY));
        assertEquals(ExecType.CANCELED, c(er(a), ExecType.FIELD));
    }

    @Test
    void rejectsWithReasonAndText() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        assertReject(a, Fix.limit("R1", "SMP", Side.BUY, "5", "2400.50"), OrdRejReason.OTHER, "301 ");
        assertReject(a, Fix.limit("R2", "NOPE", Side.BUY, "5", "2400"), OrdRejReason.UNKNOWN_SYMBOL, "102 ");
        assertReject(a, Fix.limit("R3", "SMP", Side.BUY, "0", "2400"), OrdRejReason.INCORRECT_QUANTITY, "303 ");
        assertReject(a, Fix.limit("R4", "SMP", Side.BUY, "-5", "2400"), OrdRejReason.INCORRECT_QUANTITY, "303 ");
        assertReject(a, Fix.limit("R5", "SMP", Side.BUY, "1.5", "2400"), OrdRejReason.INCORRECT_QUANTITY, "302 ");
        assertReject(a, Fix.limit("R6", "SMP", Side.BUY, "1.0001", "2400"), OrdRejReason.INCORRECT_QUANTITY, "302 ");
        assertReject(a, Fix.limit("R7", "SMP", Side.BUY, "99999999999999999999999", "2400"),
            OrdRejReason.ORDER_EXCEEDS_LIMIT, "305 ");
        assertReject(a, Fix.limit("R8", "SMP", Side.BUY, "5", "2400.001"), OrdRejReason.OTHER, "301 ");
        assertReject(a, Fix.limit("R9", "SMP", Side.BUY, "5", "9000"), OrdRejReason.OTHER, "304 ");
        assertReject(a, Fix.limit("R10", "SMP", Side.BUY, "5", "-2400"), OrdRejReason.OTHER, "306 ");
        assertReject(a, Fix.limit("R11", "TIMBER_SW", Side.BUY, "5", "180"), OrdRejReason.BROKER_EXCHANGE_OPTION,
            "202 ");
        assertReject(a, Fix.limit("R12", "SMP", Side.BUY, "1000000", "2500"), OrdRejReason.ORDER_EXCEEDS_LIMIT,
            "401 ");
        assertReject(a, Fix.order("R13", "SMP", Side.BUY, "5", null, OrdType.MARKET, TimeInForce.DAY),
            OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "307 ");

        a.send(Fix.limit("D1", "SMP", Side.BUY, "5", "2400"));
        assertEquals(ExecType.NEW, c(er(a), ExecType.FIELD));
        assertReject(a, Fix.limit("D1", "SMP", Side.BUY, "5", "2400"), OrdRejReason.DUPLICATE_ORDER, "501 ");

        // unsupported values and messages: BusinessMessageReject
        a.send(Fix.order("U1", "SMP", Side.BUY, "5", "2400", OrdType.STOP_STOP_LOSS, TimeInForce.DAY));
        Message m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals("U1", s(m, quickfix.field.BusinessRejectRefID.FIELD));
        assertTrue(s(m, Text.FIELD).contains("OrdType(40)"), s(m, Text.FIELD));
        a.send(Fix.order("U2", "SMP", Side.BUY, "5", "2400", OrdType.LIMIT, TimeInForce.GOOD_TILL_DATE));
        m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertTrue(s(m, Text.FIELD).contains("TimeInForce(59)"), s(m, Text.FIELD));
        a.send(Fix.limit("U3", "SMP", Side.BUY, "5", null));
        m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
            Integer.parseInt(s(m, BusinessRejectReason.FIELD)));
        final QuoteRequest quote = new QuoteRequest(new quickfix.field.QuoteReqID("Q1"));
        final Group related = new QuoteRequest.NoRelatedSym();
        related.setString(quickfix.field.Symbol.FIELD, "SMP");
        quote.addGroup(related);
        a.send(quote);
        m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE, Integer.parseInt(s(m, BusinessRejectReason.FIELD)));
        assertTrue(a.isLoggedOn());
    }

    private static void assertReject(final FixClient client, final Message order, final int reason,
        final String textPrefix) throws Exception
    {
        client.send(order);
        final Message m = er(client);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD), m.toString());
        assertEquals(OrdStatus.REJECTED, c(m, OrdStatus.FIELD));
        assertEquals(s(order, ClOrdID.FIELD), s(m, ClOrdID.FIELD));
        assertEquals(reason, Integer.parseInt(s(m, OrdRejReason.FIELD)), m.toString());
        assertTrue(s(m, Text.FIELD).startsWith(textPrefix), s(m, Text.FIELD));
    }

    @Test
    void someoneElsesOrderLooksExactlyLikeAnUnknownOrder() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        final FixClient b = logon("TRADER-B");
        a.send(Fix.limit("X1", "SMP", Side.SELL, "5", "2600"));
        final String orderId = s(er(a), OrderID.FIELD);

        b.send(Fix.cancel("Y1", "X1", "SMP", Side.SELL));
        final Message byClOrdId = b.next(MsgType.ORDER_CANCEL_REJECT);
        b.send(Fix.cancelByOrderId("Y2", "X1", orderId, "SMP", Side.SELL));
        final Message foreign = b.next(MsgType.ORDER_CANCEL_REJECT);
        b.send(Fix.cancelByOrderId("Y3", "X1", "987654321", "SMP", Side.SELL));
        final Message unknown = b.next(MsgType.ORDER_CANCEL_REJECT);
        for (final Message m : List.of(byClOrdId, foreign, unknown))
        {
            assertEquals(CxlRejReason.UNKNOWN_ORDER, Integer.parseInt(s(m, CxlRejReason.FIELD)));
            assertEquals("502 no live order with this id", s(m, Text.FIELD));
            assertEquals(OrdStatus.REJECTED, c(m, OrdStatus.FIELD));
        }
        assertEquals(orderId, s(foreign, OrderID.FIELD), "echoes what was sent, as for an unknown id");
        assertEquals("987654321", s(unknown, OrderID.FIELD));
        assertEquals(fieldsOf(foreign), fieldsOf(unknown));

        final Message replace = Fix.replace("Y4", "X1", "SMP", Side.SELL, "1", "2600");
        replace.setString(OrderID.FIELD, orderId);
        b.send(replace);
        final Message replaceReject = b.next(MsgType.ORDER_CANCEL_REJECT);
        assertEquals("502 no live order with this id", s(replaceReject, Text.FIELD));
        assertEquals(OrdStatus.REJECTED, c(replaceReject, OrdStatus.FIELD));

        a.expectNothing(300);
        a.send(Fix.cancel("X2", "X1", "SMP", Side.SELL));
        assertEquals(ExecType.CANCELED, c(er(a), ExecType.FIELD), "the order was untouched");
    }

    /** The fields of a reject that do not depend on the request's own ids or the time. */
    private static String fieldsOf(final Message m)
    {
        return s(m, CxlRejReason.FIELD) + "|" + s(m, Text.FIELD) + "|" + s(m, OrdStatus.FIELD) + "|" +
            s(m, CxlRejResponseTo.FIELD) + "|" + s(m, OrigClOrdID.FIELD);
    }

    @Test
    void brokerTradesForItsClientOnly() throws Exception
    {
        final FixClient broker = logon("BROKER-1");
        final FixClient client = logon("CLIENT-C");
        final FixClient other = logon("TRADER-A");

        final Message order = Fix.limit("K1", "SMP", Side.BUY, "2", "2400");
        order.getHeader().setString(OnBehalfOfCompID.FIELD, "CLIENT-C");
        broker.send(order);
        Message m = er(broker);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD));
        final Group party = m.getGroup(1, quickfix.field.NoPartyIDs.FIELD);
        assertEquals("CLIENT-C", party.getString(PartyID.FIELD));
        m = er(client);
        assertEquals(ExecType.NEW, c(m, ExecType.FIELD), "the client sees its order");

        final Message notMine = Fix.limit("K2", "SMP", Side.BUY, "2", "2400");
        notMine.getHeader().setString(OnBehalfOfCompID.FIELD, "TRADER-A");
        broker.send(notMine);
        m = er(broker);
        assertEquals(ExecType.REJECTED, c(m, ExecType.FIELD));
        assertEquals(OrdRejReason.INVALID_INVESTOR_ID, Integer.parseInt(s(m, OrdRejReason.FIELD)));
        assertTrue(s(m, Text.FIELD).startsWith("203 "));

        // the broker cancels its client's order, by a Parties entry this time
        final Message cancel = Fix.cancel("K3", "K1", "SMP", Side.BUY);
        final Group p = new quickfix.fix44.OrderCancelRequest.NoPartyIDs();
        p.setString(PartyID.FIELD, "CLIENT-C");
        p.setChar(quickfix.field.PartyIDSource.FIELD, quickfix.field.PartyIDSource.PROPRIETARY_CUSTOM_CODE);
        p.setInt(quickfix.field.PartyRole.FIELD, quickfix.field.PartyRole.CLIENT_ID);
        cancel.addGroup(p);
        broker.send(cancel);
        assertEquals(ExecType.CANCELED, c(er(broker), ExecType.FIELD));
        assertEquals(ExecType.CANCELED, c(er(client), ExecType.FIELD));
        other.expectNothing(300);
    }

    @Test
    void anAccountNamingNeitherTheSenderNorItsNamedClientIsRefusedInsteadOfTradingForTheSender() throws Exception
    {
        final FixClient broker = logon("BROKER-1");
        final FixClient client = logon("CLIENT-C");

        final Message accountOnly = Fix.limit("K1", "SMP", Side.BUY, "2", "2400");
        accountOnly.setString(quickfix.field.Account.FIELD, "CLIENT-C");
        broker.send(accountOnly);
        Message m = broker.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals("K1", s(m, quickfix.field.BusinessRejectRefID.FIELD));
        assertEquals("Account(1) must be the sender's participant id; to trade for a client, name it in" +
            " OnBehalfOfCompID(115) or a Parties entry with PartyRole(452)=3", s(m, Text.FIELD));

        final Message named = Fix.limit("K2", "SMP", Side.BUY, "2", "2400");
        named.setString(quickfix.field.Account.FIELD, "CLIENT-C");
        named.getHeader().setString(OnBehalfOfCompID.FIELD, "CLIENT-C");
        broker.send(named);
        assertEquals(ExecType.NEW, c(er(broker), ExecType.FIELD), "Account names the client named");
        assertEquals("K2", s(er(client), ClOrdID.FIELD), "the client's order, its first");

        final Message cancel = Fix.cancel("K3", "K2", "SMP", Side.BUY);
        cancel.setString(quickfix.field.Account.FIELD, "TRADER-A");
        cancel.getHeader().setString(OnBehalfOfCompID.FIELD, "CLIENT-C");
        broker.send(cancel);
        m = broker.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertEquals("Account(1) must be the sender's participant id or the client named in OnBehalfOfCompID(115)" +
            " or a Parties entry with PartyRole(452)=3", s(m, Text.FIELD));

        final Message own = Fix.limit("C1", "SMP", Side.SELL, "2", "2600");
        own.setString(quickfix.field.Account.FIELD, "CLIENT-C");
        client.send(own);
        assertEquals(ExecType.NEW, c(er(client), ExecType.FIELD), "Account names the sender");
    }

    @Test
    void aBrokerSeesWhichClientEveryReportOfItsClientsOrdersIsFor() throws Exception
    {
        final FixClient broker = logon("BROKER-1");
        final FixClient client = logon("CLIENT-C");
        client.send(Fix.limit("OWN1", "SMP", Side.BUY, "2", "2400"));
        assertEquals("CLIENT-C", clientParty(er(client)), "the client's own report names it too");
        assertEquals("CLIENT-C", clientParty(er(broker)), "an order the client entered itself");

        final Message order = Fix.limit("K1", "SMP", Side.BUY, "2", "2400");
        order.getHeader().setString(OnBehalfOfCompID.FIELD, "CLIENT-C");
        broker.send(order);
        assertEquals("CLIENT-C", clientParty(er(broker)));
        er(client);
        client.send(Fix.replace("K2", "K1", "SMP", Side.BUY, "3", "2400"));
        final Message replaced = er(broker);
        assertEquals(ExecType.REPLACED, c(replaced, ExecType.FIELD));
        assertEquals("CLIENT-C", clientParty(replaced), "after the client itself replaced the broker's order");
        assertEquals(ExecType.REPLACED, c(er(client), ExecType.FIELD));

        final FixClient trader = logon("TRADER-A");
        trader.send(Fix.limit("T1", "SMP", Side.BUY, "1", "2400"));
        assertFalse(er(trader).isSetField(quickfix.field.NoPartyIDs.FIELD), "no broker: no client party");
    }

    /** PartyID(448) of the report's only Parties entry, which must be PartyRole 3 (client). */
    private static String clientParty(final Message m) throws Exception
    {
        final Group party = m.getGroup(1, quickfix.field.NoPartyIDs.FIELD);
        assertEquals(quickfix.field.PartyRole.CLIENT_ID, party.getInt(quickfix.field.PartyRole.FIELD));
        return party.getString(PartyID.FIELD);
    }

    @Test
    void aReplaceFoundByOrderIdReportsTheOrdersOwnClOrdIdAsOrigClOrdId() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        a.send(Fix.limit("R1", "SMP", Side.BUY, "2", "2400"));
        final String orderId = s(er(a), OrderID.FIELD);
        final Message replace = Fix.replace("R2", "STALE", "SMP", Side.BUY, "3", "2400");
        replace.setString(OrderID.FIELD, orderId);
        a.send(replace);
        final Message replaced = er(a);
        assertEquals(ExecType.REPLACED, c(replaced, ExecType.FIELD), replaced.toString());
        assertEquals("R2", s(replaced, ClOrdID.FIELD));
        assertEquals("R1", s(replaced, OrigClOrdID.FIELD), "the order's ClOrdID before, not the request's 41");
    }

    @Test
    void aBrokerGivingItsClientsOrderANewClOrdIdMustNameTheClient() throws Exception
    {
        final FixClient broker = logon("BROKER-1");
        final FixClient client = logon("CLIENT-C");
        final Message order = Fix.limit("K1", "SMP", Side.BUY, "2", "2400");
        order.getHeader().setString(OnBehalfOfCompID.FIELD, "CLIENT-C");
        broker.send(order);
        final String orderId = s(er(broker), OrderID.FIELD);
        er(client);

        final Message unnamed = Fix.replace("K2", "K1", "SMP", Side.BUY, "2", "2400");
        unnamed.setString(OrderID.FIELD, orderId);
        broker.send(unnamed);
        final Message refused = broker.next(MsgType.ORDER_CANCEL_REJECT);
        assertTrue(s(refused, Text.FIELD).startsWith("504 "), refused.toString());
        assertEquals(OrdStatus.NEW, c(refused, OrdStatus.FIELD), "the order is live and unchanged");

        broker.send(Fix.limit("K2", "SMP", Side.BUY, "2", "2400"));
        assertEquals(ExecType.NEW, c(er(broker), ExecType.FIELD), "K2 was not left taken among the broker's ids");
        client.send(Fix.cancel("C1", "K1", "SMP", Side.BUY));
        assertEquals(ExecType.CANCELED, c(er(client), ExecType.FIELD), "the client's order still answers to K1");
    }

    @Test
    void marketDataSnapshotIncrementsAndUnsubscribe() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        final FixClient b = logon("TRADER-B");
        final FixClient watcher = logon("TRADER-C");
        a.send(Fix.limit("S1", "SMP", Side.SELL, "10", "2500"));
        a.send(Fix.limit("S2", "SMP", Side.SELL, "5", "2510"));
        a.send(Fix.limit("S3", "SMP", Side.BUY, "3", "2450"));
        er(a);
        er(a);
        er(a);
        server.drain();

        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.SNAPSHOT_UPDATES, "SMP"));
        Message w = watcher.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        assertEquals("SMP", s(w, quickfix.field.Symbol.FIELD));
        assertEquals(3, w.getInt(NoMDEntries.FIELD));
        assertEntry(w.getGroup(1, NoMDEntries.FIELD), MDEntryType.BID, 2450, 3);
        assertEntry(w.getGroup(2, NoMDEntries.FIELD), MDEntryType.OFFER, 2500, 10);
        assertEntry(w.getGroup(3, NoMDEntries.FIELD), MDEntryType.OFFER, 2510, 5);

        b.send(Fix.limit("B1", "SMP", Side.BUY, "4", "2500"));
        Message x = watcher.next(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
        assertEquals(2, x.getInt(NoMDEntries.FIELD), x.toString());
        Group e = x.getGroup(1, NoMDEntries.FIELD);
        assertEquals(MDUpdateAction.CHANGE, e.getChar(MDUpdateAction.FIELD));
        assertEntry(e, MDEntryType.OFFER, 2500, 6);
        e = x.getGroup(2, NoMDEntries.FIELD);
        assertEquals(MDUpdateAction.NEW, e.getChar(MDUpdateAction.FIELD));
        assertEntry(e, MDEntryType.TRADE, 2500, 4);

        a.send(Fix.cancel("C1", "S2", "SMP", Side.SELL));
        x = watcher.next(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
        e = x.getGroup(1, NoMDEntries.FIELD);
        assertEquals(MDUpdateAction.DELETE, e.getChar(MDUpdateAction.FIELD));
        assertEquals(MDEntryType.OFFER, e.getChar(MDEntryType.FIELD));
        assertEquals(2510.0, Double.parseDouble(e.getString(MDEntryPx.FIELD)));

        // a new subscriber's snapshot carries the last trades
        b.send(Fix.marketData("MD2", SubscriptionRequestType.SNAPSHOT, "SMP"));
        w = b.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        final int n = w.getInt(NoMDEntries.FIELD);
        assertEntry(w.getGroup(n, NoMDEntries.FIELD), MDEntryType.TRADE, 2500, 4);

        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST, "SMP"));
        server.drain();
        Thread.sleep(100);
        a.send(Fix.limit("S4", "SMP", Side.SELL, "1", "2520"));
        er(a);
        server.drain();
        watcher.expectNothing(300);

        watcher.send(Fix.marketData("MD3", SubscriptionRequestType.SNAPSHOT_UPDATES, "NOPE"));
        final Message reject = watcher.next(MsgType.MARKET_DATA_REQUEST_REJECT);
        assertEquals(MDReqRejReason.UNKNOWN_SYMBOL, c(reject, MDReqRejReason.FIELD));
    }

    private static void assertEntry(final Group e, final char type, final double price, final double size)
        throws Exception
    {
        assertEquals(type, e.getChar(MDEntryType.FIELD));
        assertEquals(price, Double.parseDouble(e.getString(MDEntryPx.FIELD)));
        assertEquals(size, Double.parseDouble(e.getString(MDEntrySize.FIELD)));
    }

    @Test
    void logoutAndReconnectKeepSequenceNumbersAndResendMissedReports() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        final FixClient b = logon("TRADER-B");
        a.send(Fix.limit("S1", "SMP", Side.SELL, "5", "2500"));
        er(a);
        final Session session = a.session();
        final int sentBefore = session.getStore().getNextSenderMsgSeqNum();
        final int receivedBefore = session.getStore().getNextTargetMsgSeqNum();
        assertTrue(sentBefore > 2);

        session.logout("bye");
        final long deadline = System.currentTimeMillis() + 10_000;
        while (session.isLoggedOn() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        assertFalse(session.isLoggedOn());

        // while A is away its order fills; the report waits in A's session store
        b.send(Fix.limit("B1", "SMP", Side.BUY, "5", "2500"));
        er(b);
        er(b);
        server.drain();

        session.logon();
        a.awaitLogon();
        final Message fill = er(a);
        assertEquals(ExecType.TRADE, c(fill, ExecType.FIELD));
        assertEquals("S1", s(fill, ClOrdID.FIELD));
        assertTrue(session.getStore().getNextSenderMsgSeqNum() > sentBefore, "no sequence reset");
        assertTrue(session.getStore().getNextTargetMsgSeqNum() > receivedBefore);

        a.send(Fix.limit("S2", "SMP", Side.SELL, "1", "2500"));
        assertEquals(ExecType.NEW, c(er(a), ExecType.FIELD));
    }

    @Test
    void dayOrdersExpireWhenTheDayChanges() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        final FixClient b = logon("TRADER-B");
        a.send(Fix.limit("DAY1", "SMP", Side.BUY, "5", "2400"));
        a.send(Fix.order("GTC1", "SMP", Side.BUY, "5", "2401", OrdType.LIMIT, TimeInForce.GOOD_TILL_CANCEL));
        er(a);
        er(a);
        server.drain();
        clock.addAndGet(DAY_NANOS);
        b.send(Fix.limit("B1", "SMP", Side.SELL, "1", "2600"));
        final Message m = er(a);
        assertEquals(ExecType.EXPIRED, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.EXPIRED, c(m, OrdStatus.FIELD));
        assertEquals("DAY1", s(m, ClOrdID.FIELD));
        assertTrue(s(m, Text.FIELD).startsWith("606 "));
        a.send(Fix.cancel("C1", "GTC1", "SMP", Side.BUY));
        assertEquals(ExecType.CANCELED, c(er(a), ExecType.FIELD), "GTC survives the day change");
    }

    @Test
    void restartRecoversLiveOrdersWithTheirClOrdIds() throws Exception
    {
        FixClient a = logon("TRADER-A");
        a.send(Fix.limit("R1", "SMP", Side.SELL, "5", "2500"));
        final String orderId = s(er(a), OrderID.FIELD);
        a.send(Fix.limit("R2", "SMP", Side.SELL, "4", "2600"));
        er(a);
        a.send(Fix.replace("R2-b", "R2", "SMP", Side.SELL, "3", "2600"));
        assertEquals(ExecType.REPLACED, c(er(a), ExecType.FIELD));
        a.send(Fix.limit("GONE", "SMP", Side.SELL, "1", "2700"));
        er(a);
        a.send(Fix.cancel("C0", "GONE", "SMP", Side.SELL));
        assertEquals(ExecType.CANCELED, c(er(a), ExecType.FIELD));
        restart();
        final FixClient b = logon("TRADER-B");
        a = logon("TRADER-A");
        b.send(Fix.limit("B1", "SMP", Side.BUY, "2", "2500"));
        final Message fill = er(a);
        assertEquals(ExecType.TRADE, c(fill, ExecType.FIELD));
        assertEquals(orderId, s(fill, OrderID.FIELD), "the same exchange order after the restart");
        assertEquals("R1", s(fill, ClOrdID.FIELD), "the ClOrdID its owner gave it");
        assertEquals(3.0, d(fill, LeavesQty.FIELD));
        a.send(Fix.cancel("C1", "R1", "SMP", Side.SELL));
        final Message cancelled = er(a);
        assertEquals(ExecType.CANCELED, c(cancelled, ExecType.FIELD));
        assertEquals("R1", s(cancelled, OrigClOrdID.FIELD));
        a.send(Fix.cancel("C2", "R2-b", "SMP", Side.SELL));
        assertEquals(ExecType.CANCELED, c(er(a), ExecType.FIELD), "a replaced order keeps its new ClOrdID");
        a.send(Fix.cancel("C3", "GONE", "SMP", Side.SELL));
        assertEquals("C3", s(a.next(MsgType.ORDER_CANCEL_REJECT), ClOrdID.FIELD),
            "an order that ended before the restart stays unknown");
        a.send(Fix.limit("R1", "SMP", Side.SELL, "1", "2700"));
        assertEquals(ExecType.NEW, c(er(a), ExecType.FIELD), "a ClOrdID is free again once its order ended");
    }

    @Test
    void aRestingOrderFilledBeforeARestartKeepsItsAveragePriceOverEveryFill() throws Exception
    {
        FixClient a = logon("TRADER-A");
        FixClient b = logon("TRADER-B");
        a.send(Fix.limit("S1", "SMP", Side.SELL, "3", "2490"));
        er(a);
        b.send(Fix.limit("B1", "SMP", Side.BUY, "10", "2500"));
        assertEquals(ExecType.NEW, c(er(b), ExecType.FIELD));
        final Message taken = er(b);
        assertEquals(ExecType.TRADE, c(taken, ExecType.FIELD), "takes 3 at 2490, rests 7 at 2500");
        assertEquals(2490.0, d(taken, AvgPx.FIELD));
        restart();
        a = logon("TRADER-A");
        b = logon("TRADER-B");
        a.send(Fix.limit("S2", "SMP", Side.SELL, "2", "2500"));
        final Message fill = er(b);
        assertEquals(ExecType.TRADE, c(fill, ExecType.FIELD));
        assertEquals(5.0, d(fill, CumQty.FIELD));
        assertEquals(2494.0, d(fill, AvgPx.FIELD), "(3 x 2490 + 2 x 2500) / 5, not the limit price for the first 3");
    }

    /** An address order of TRADER-B's that takes {@code qty} of TRADER-A's address order {@code contraClOrdId}. */
    private static NewOrderSingle take(final String clOrdId, final String contraClOrdId, final String qty,
        final String price)
    {
        final NewOrderSingle m = Fix.limit(clOrdId, "SMP", Side.BUY, qty, price);
        contraFirm(m, "TRADER-A");
        m.setString(ButbTags.CONTRA_CL_ORD_ID, contraClOrdId);
        return m;
    }

    private static void assertLotFill(final Message m, final String clOrdId, final double price, final double qty)
    {
        assertEquals(ExecType.TRADE, c(m, ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, c(m, OrdStatus.FIELD));
        assertEquals(clOrdId, s(m, ClOrdID.FIELD));
        assertEquals(price, d(m, LastPx.FIELD));
        assertEquals(qty, d(m, LastQty.FIELD));
        assertEquals(qty, d(m, CumQty.FIELD));
    }

    @Test
    void restartKeepsOpenAddressOrdersTakeableAndCancellableByTheirClOrdIds() throws Exception
    {
        FixClient a = logon("TRADER-A");
        FixClient b = logon("TRADER-B");
        final NewOrderSingle forB = Fix.order("AD1", "SMP", Side.SELL, "10", "2500", OrdType.LIMIT,
            TimeInForce.GOOD_TILL_CANCEL);
        contraFirm(forB, "TRADER-B");
        a.send(forB);
        final String orderId = s(er(a), OrderID.FIELD);
        final NewOrderSingle forC = Fix.order("AD2", "SMP", Side.SELL, "5", "2600", OrdType.LIMIT,
            TimeInForce.GOOD_TILL_CANCEL);
        contraFirm(forC, "TRADER-C");
        a.send(forC);
        assertEquals(ExecType.NEW, c(er(a), ExecType.FIELD));
        b.send(take("T1", "AD1", "4", "2500"));
        assertEquals(ExecType.NEW, c(er(b), ExecType.FIELD));
        assertEquals(ExecType.TRADE, c(er(b), ExecType.FIELD));
        assertEquals(OrdStatus.PARTIALLY_FILLED, c(er(a), OrdStatus.FIELD));

        restart();
        b = logon("TRADER-B");
        a = logon("TRADER-A");
        b.send(take("T2", "AD1", "6", "2500"));
        assertEquals(ExecType.NEW, c(er(b), ExecType.FIELD), "ContraClOrdID AD1 still names the address order");
        assertEquals(OrdStatus.FILLED, c(er(b), OrdStatus.FIELD));
        final Message fill = er(a);
        assertEquals(ExecType.TRADE, c(fill, ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, c(fill, OrdStatus.FIELD));
        assertEquals("AD1", s(fill, ClOrdID.FIELD), "the ClOrdID its poster gave it");
        assertEquals(orderId, s(fill, OrderID.FIELD));
        assertEquals(6.0, d(fill, LastQty.FIELD));
        assertEquals(10.0, d(fill, CumQty.FIELD), "the fill before the restart counts");
        assertEquals(0.0, d(fill, LeavesQty.FIELD));
        assertEquals(2500.0, d(fill, AvgPx.FIELD));

        a.send(Fix.cancel("C1", "AD2", "SMP", Side.SELL));
        final Message cancelled = er(a);
        assertEquals(ExecType.CANCELED, c(cancelled, ExecType.FIELD));
        assertEquals("C1", s(cancelled, ClOrdID.FIELD));
        assertEquals("AD2", s(cancelled, OrigClOrdID.FIELD));
        assertEquals(0.0, d(cancelled, LeavesQty.FIELD));
    }

    @Test
    void restartKeepsOpenLotsAndTheirStandingBidsUntilTheAuctionsClose() throws Exception
    {
        final long close = clock.get() + HOUR;
        FixClient a = logon("TRADER-A");
        FixClient b = logon("TRADER-B");
        FixClient c = logon("TRADER-C");
        a.send(lotOffer("LOT1", Side.SELL, "20", "2500", "10", close));
        final String lot1 = s(er(a), OrderID.FIELD);
        a.send(lotOffer("LOT2", Side.SELL, "10", "2500", "10", close));
        assertEquals(ExecType.NEW, c(er(a), ExecType.FIELD));
        a.send(lotOffer("LOT3", Side.BUY, "5", "2500", "5", close));
        assertEquals(ExecType.NEW, c(er(a), ExecType.FIELD));
        final NewOrderSingle b1 = lotBid("B1", Side.BUY, "2510");
        b1.setString(ButbTags.CONTRA_ORDER_ID, lot1);
        b.send(b1);
        assertEquals(ExecType.NEW, c(er(b), ExecType.FIELD));
        final NewOrderSingle c2 = lotBid("C2", Side.BUY, "2510");
        contraFirm(c2, "TRADER-A");
        c2.setString(ButbTags.CONTRA_CL_ORD_ID, "LOT2");
        c.send(c2);
        assertEquals(ExecType.NEW, c(er(c), ExecType.FIELD));

        restart();
        a = logon("TRADER-A");
        b = logon("TRADER-B");
        c = logon("TRADER-C");
        final NewOrderSingle wrongQty = lotBid("W1", Side.BUY, "2600");
        wrongQty.setString(ButbTags.CONTRA_ORDER_ID, lot1);
        wrongQty.setString(OrderQty.FIELD, "5");
        c.send(wrongQty);
        assertTrue(s(er(c), Text.FIELD).startsWith("715 "), "the restarted engine knows the open lot's terms");
        final NewOrderSingle b2 = lotBid("B2", Side.BUY, "2520");
        contraFirm(b2, "TRADER-A");
        b2.setString(ButbTags.CONTRA_CL_ORD_ID, "LOT2");
        b.send(b2);
        assertEquals(ExecType.NEW, c(er(b), ExecType.FIELD), "ContraClOrdID LOT2 still names the lot");
        final Message beaten = er(c);
        assertEquals(ExecType.CANCELED, c(beaten, ExecType.FIELD));
        assertEquals("C2", s(beaten, ClOrdID.FIELD), "the beaten bid keeps its ClOrdID");
        assertTrue(s(beaten, Text.FIELD).startsWith("607 "), s(beaten, Text.FIELD));

        server.advanceClock(close);
        assertLotFill(er(a), "LOT1", 2510, 20);
        assertLotFill(er(a), "LOT2", 2520, 10);
        assertLotFill(er(b), "B1", 2510, 20);
        assertLotFill(er(b), "B2", 2520, 10);
        final Message unsold = er(a);
        assertEquals(ExecType.EXPIRED, c(unsold, ExecType.FIELD));
        assertEquals("LOT3", s(unsold, ClOrdID.FIELD));
        assertTrue(s(unsold, Text.FIELD).startsWith("608 "), s(unsold, Text.FIELD));
        c.expectNothing(100);
    }
}
