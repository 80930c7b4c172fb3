package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.field.ExecType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MsgType;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static by.butb.gateway.Fix.c;
import static by.butb.gateway.Fix.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input that costs the gateway more than the sender: oversized frames, repeated symbols, many subscriptions. On the
 * QuickFIX/J FIX engine ({@link NativeGatewayLimitsTest}: the native one).
 */
class GatewayLimitsTest
{
    private static final int MIB = 1 << 20;

    private RawGateway gateway;
    private GatewayServer server;

    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @BeforeEach
    void start()
    {
        gateway = new RawGateway(options());
        server = gateway.server();
    }

    @AfterEach
    void stop() throws Exception
    {
        gateway.close();
    }

    private FixClient logon(final String id) throws Exception
    {
        final FixClient client = FixClient.logon(server.port(), id);
        gateway.keep(client);
        return client;
    }

    private void assertOthersStillServed() throws Exception
    {
        try (FixClient a = FixClient.logon(server.port(), "TRADER-A"))
        {
            a.send(Fix.limit("OK" + System.nanoTime(), "SMP", Side.BUY, "1", "2400"));
            assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        }
    }

    /**
     * Writes {@code header}, then zeros, until the server hangs up; false when it still reads after
     * {@code maxBytes} or the deadline (the socket is closed at the deadline, which ends a blocked write).
     */
    private static boolean cutOffWhileWriting(final RawFix r, final String header, final long maxBytes,
        final long deadlineMillis) throws IOException
    {
        final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        final AtomicBoolean timedOut = new AtomicBoolean();
        watchdog.schedule(() ->
        {
            timedOut.set(true);
            try
            {
                r.close();
            }
            catch (final IOException ignored)
            {
                // closed already
            }
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        try
        {
            r.sendText(header);
            final byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte)'x');
            long written = 0;
            while (written < maxBytes)
            {
                r.sendBytes(chunk);
                written += chunk.length;
            }
            return r.closedWithin(deadlineMillis) && !timedOut.get();
        }
        catch (final IOException ex)
        {
            return !timedOut.get();
        }
        finally
        {
            watchdog.shutdownNow();
        }
    }

    @Test
    void aHugeBodyLengthBeforeLogonIsCutOffAndOthersStillTrade() throws Exception
    {
        for (int i = 0; i < 4; i++)
        {
            final RawFix r = gateway.raw("TRADER-B");
            assertTrue(cutOffWhileWriting(r, "8=FIX.4.4|9=999999999|35=A|49=TRADER-B|56=BUTB|", 64L * MIB, 5_000),
                "connection " + i + " still read after its BodyLength 999999999");
        }
        assertOthersStillServed();
        gateway.rawLoggedOn("TRADER-C");
    }

    @Test
    void aHugeBodyLengthAfterLogonIsCutOffAndOthersStillTrade() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        assertTrue(cutOffWhileWriting(r, "8=FIX.4.4|9=999999999|35=D|49=TRADER-B|56=BUTB|34=2|", 64L * MIB, 5_000),
            "a logged-on connection still read after its BodyLength 999999999");
        assertOthersStillServed();
    }

    @Test
    void aBodyLengthThatIsNotANumberIsCutOffInsteadOfBuffered() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        assertTrue(cutOffWhileWriting(r, "8=FIX.4.4|9=-1|", 64L * MIB, 5_000),
            "a logged-on connection still read after its BodyLength -1");
        assertOthersStillServed();
    }

    @Test
    void aHugeBodyLengthWhereTheDecoderResynchronisesIsCutOff() throws Exception
    {
        // A heartbeat whose BodyLength overstates its body by two bytes: the decoder finds no trailer where the
        // BodyLength points and looks for the next header one byte further on, where the huge one starts.
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        final String body = "35=0|34=2|49=TRADER-B|56=BUTB|";
        final String overstated = "8=FIX.4.4|9=" + (body.length() + 2) + "|" + body + "zzQ";
        assertTrue(cutOffWhileWriting(r, overstated + "8=FIX.4.4|9=999999999|35=D|49=TRADER-B|56=BUTB|34=3|",
            64L * MIB, 5_000), "a logged-on connection still read after a BodyLength 999999999 behind a bad one");
        assertOthersStillServed();
    }

    @Test
    void aFewAddressesHoldingEveryPlaceBeforeLogonGiveOneToAnotherAddressSoItsOwnerLogsOn() throws Exception
    {
        try (RawGateway small = new RawGateway(options().maxUnauthenticatedConnections(8, 4)))
        {
            final List<RawFix> idle = new ArrayList<>();
            for (int i = 0; i < 8; i++)
            {
                idle.add(small.keep(new RawFix(small.server().port(), "TRADER-B", i < 4 ? "127.0.0.2" : "127.0.0.3")));
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (small.server().unauthenticatedConnections() < 8 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertEquals(8, small.server().unauthenticatedConnections(), "every place taken");

            final RawFix owner = small.keep(new RawFix(small.server().port(), "TRADER-C", "127.0.0.4"));
            owner.logon(TestCatalog.password("TRADER-C"));
            final String reply = owner.read(5_000);
            assertTrue(reply != null && reply.contains("|35=A|"), "logged on: " + reply);
            int closed = 0;
            for (final RawFix r : idle)
            {
                closed += r.closedWithin(300) ? 1 : 0;
            }
            assertEquals(1, closed, "one connection of a fullest address gave its place");
        }
    }

    @Test
    void aSymbolRepeatedInOneRequestGetsOneSnapshot() throws Exception
    {
        final FixClient watcher = logon("TRADER-C");
        final String[] repeated = new String[50];
        Arrays.fill(repeated, "SMP");
        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.SNAPSHOT, repeated));
        watcher.send(Fix.marketData("MARK", SubscriptionRequestType.SNAPSHOT, "SUGAR"));
        assertEquals(1, snapshotsBefore(watcher, "SUGAR"), "SMP snapshots for one request naming it 50 times");
    }

    @Test
    void aRequestNamingTooManySymbolsIsRejected() throws Exception
    {
        final FixClient watcher = logon("TRADER-C");
        final String[] repeated = new String[5_000];
        Arrays.fill(repeated, "SMP");
        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.SNAPSHOT, repeated));
        watcher.send(Fix.marketData("MARK", SubscriptionRequestType.SNAPSHOT, "SUGAR"));
        final Message first = watcher.next(m -> !FixClient.type(m).equals(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH) ||
            "SUGAR".equals(Fix.opt(m, Symbol.FIELD)));
        assertEquals(MsgType.MARKET_DATA_REQUEST_REJECT, FixClient.type(first), first.toString());
        assertEquals("MD1", s(first, MDReqID.FIELD));
        assertEquals(MDReqRejReason.INSUFFICIENT_BANDWIDTH, c(first, MDReqRejReason.FIELD));
        assertEquals(0, snapshotsBefore(watcher, "SUGAR"), "no snapshot for a rejected request");
    }

    @Test
    void aSubscriptionNamingASymbolManyTimesSendsOneUpdatePerChange() throws Exception
    {
        final FixClient watcher = logon("TRADER-C");
        final FixClient a = logon("TRADER-A");
        final String[] repeated = new String[50];
        Arrays.fill(repeated, "SMP");
        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.SNAPSHOT_UPDATES, repeated));
        watcher.send(Fix.marketData("MARK", SubscriptionRequestType.SNAPSHOT_UPDATES, "SUGAR"));
        assertEquals(1, snapshotsBefore(watcher, "SUGAR"));
        a.send(Fix.limit("S1", "SMP", Side.SELL, "1", "2500"));
        a.next(MsgType.EXECUTION_REPORT);
        a.send(Fix.limit("S2", "SUGAR", Side.SELL, "1", "625"));
        a.next(MsgType.EXECUTION_REPORT);
        int smpUpdates = 0;
        while (true)
        {
            final Message x = watcher.next(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
            if ("MARK".equals(s(x, MDReqID.FIELD)))
            {
                break;
            }
            smpUpdates++;
        }
        assertEquals(1, smpUpdates, "SMP updates for one book change");
    }

    @Test
    void aSecondLiveSubscriptionToTheSameSymbolIsRejected() throws Exception
    {
        final FixClient watcher = logon("TRADER-C");
        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.SNAPSHOT_UPDATES, "SMP"));
        watcher.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        watcher.send(Fix.marketData("MD2", SubscriptionRequestType.SNAPSHOT_UPDATES, "SUGAR", "SMP"));
        final Message reject = watcher.next(m -> !FixClient.type(m).equals(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH));
        assertEquals(MsgType.MARKET_DATA_REQUEST_REJECT, FixClient.type(reject), reject.toString());
        assertEquals("MD2", s(reject, MDReqID.FIELD));
        assertTrue(s(reject, quickfix.field.Text.FIELD).contains("MD1"), reject.toString());
    }

    @Test
    void aSessionHoldsAtMostTheAllowedLiveSubscriptions() throws Exception
    {
        server = gateway.restart(options().maxMarketDataSubscriptions(2));
        final FixClient watcher = logon("TRADER-C");
        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.SNAPSHOT_UPDATES, "SMP"));
        watcher.send(Fix.marketData("MD2", SubscriptionRequestType.SNAPSHOT_UPDATES, "SUGAR"));
        watcher.send(Fix.marketData("MD3", SubscriptionRequestType.SNAPSHOT_UPDATES, "TIMBER_SW"));
        final Message reject = watcher.next(MsgType.MARKET_DATA_REQUEST_REJECT);
        assertEquals("MD3", s(reject, MDReqID.FIELD));
        assertEquals(MDReqRejReason.INSUFFICIENT_BANDWIDTH, c(reject, MDReqRejReason.FIELD));
        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST, "SMP"));
        watcher.send(Fix.marketData("MD3", SubscriptionRequestType.SNAPSHOT_UPDATES, "TIMBER_SW"));
        final Message w = watcher.next(m -> "MD3".equals(Fix.opt(m, MDReqID.FIELD)));
        assertEquals(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH, FixClient.type(w), "room again after unsubscribing");
    }

    /** SMP snapshots (any MDReqID) received before the first snapshot of {@code marker}. */
    private static int snapshotsBefore(final FixClient watcher, final String marker) throws Exception
    {
        int n = 0;
        while (true)
        {
            final Message w = watcher.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
            if (marker.equals(s(w, Symbol.FIELD)))
            {
                return n;
            }
            n++;
        }
    }
}
