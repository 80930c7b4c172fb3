package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecType;
import quickfix.field.LastQty;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.Side;
import quickfix.field.TimeInForce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static by.butb.gateway.Fix.c;
import static by.butb.gateway.Fix.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded load on loopback: several sessions send a fixed number of orders at once, then cancel what still rests;
 * every order must get exactly one final answer, and traded quantity must balance. No timing assertions. On the
 * QuickFIX/J FIX engine ({@link NativeGatewayLoadTest}: the native one).
 */
class GatewayLoadTest
{
    private static final int SESSIONS = 4;
    private static final int ORDERS_PER_SESSION = 2_000;

    private GatewayServer server;
    private final List<FixClient> clients = new ArrayList<>();

    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    /** Whether the options hold reading back ({@code maxReportBacklog}) so that the load must pause it. */
    boolean readingHeldBack()
    {
        return false;
    }

    @BeforeEach
    void start()
    {
        server = GatewayServer.start(options());
    }

    @AfterEach
    void stop()
    {
        clients.forEach(FixClient::close);
        server.close();
    }

    @Test
    void everyOrderGetsExactlyOneFinalAnswer() throws Exception
    {
        for (int i = 0; i < SESSIONS; i++)
        {
            clients.add(FixClient.logon(server.port(), TestCatalog.TRADERS[i]));
        }
        final List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++)
        {
            final FixClient client = clients.get(i);
            final Random random = new Random(1000 + i);
            final Thread t = new Thread(() ->
            {
                for (int n = 0; n < ORDERS_PER_SESSION; n++)
                {
                    final char side = random.nextBoolean() ? Side.BUY : Side.SELL;
                    final int price = 2490 + random.nextInt(21);
                    final int qty = 1 + random.nextInt(5);
                    final int kind = random.nextInt(10);
                    final char tif = kind < 5 ? TimeInForce.GOOD_TILL_CANCEL :
                        kind < 9 ? TimeInForce.IMMEDIATE_OR_CANCEL : TimeInForce.FILL_OR_KILL;
                    // one order in 50 is invalid (price off the step): rejected is a final answer too
                    final String px = n % 50 == 7 ? price + ".5" : Integer.toString(price);
                    client.send(
                        Fix.order(client.id + "-" + n, "SMP", side, Integer.toString(qty), px, OrdType.LIMIT, tif));
                }
            });
            senders.add(t);
            t.start();
        }
        for (final Thread t : senders)
        {
            t.join();
        }

        long bought = 0;
        long sold = 0;
        for (final FixClient client : clients)
        {
            final Map<String, String> finals = new HashMap<>();
            final Map<String, Character> sides = new HashMap<>();
            final List<String> resting = new ArrayList<>();
            final Map<String, Long> filled = new HashMap<>();
            int answered = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            final Map<String, Boolean> seen = new HashMap<>();
            // first answers (New or Rejected) for every order
            while (seen.size() < ORDERS_PER_SESSION && System.nanoTime() < deadline)
            {
                answered += drain(client, finals, sides, filled, seen);
            }
            assertEquals(ORDERS_PER_SESSION, seen.size(), client.id + ": orders without an answer");
            for (int n = 0; n < ORDERS_PER_SESSION; n++)
            {
                final String id = client.id + "-" + n;
                if (!finals.containsKey(id))
                {
                    resting.add(id);
                }
            }
            server.drain();
            answered += drainQuietly(client, finals, sides, filled, seen);
            for (final String id : resting)
            {
                if (!finals.containsKey(id))
                {
                    client.send(Fix.cancel("C-" + id, id, "SMP", sides.get(id)));
                }
            }
            while (finals.size() < ORDERS_PER_SESSION && System.nanoTime() < deadline)
            {
                answered += drain(client, finals, sides, filled, seen);
            }
            assertEquals(ORDERS_PER_SESSION, finals.size(), client.id + ": orders without a final answer");
            assertTrue(answered > 0);
            for (final Map.Entry<String, Long> e : filled.entrySet())
            {
                if (sides.get(e.getKey()) == Side.BUY)
                {
                    bought += e.getValue();
                }
                else
                {
                    sold += e.getValue();
                }
            }
        }
        assertEquals(bought, sold, "every trade has a buyer and a seller");
        assertTrue(bought > 0, "the load produced trades");
        if (readingHeldBack())
        {
            assertTrue(server.readPauses() > 0, "the load paused reading");
        }
    }

    private static int drainQuietly(final FixClient client, final Map<String, String> finals,
        final Map<String, Character> sides, final Map<String, Long> filled, final Map<String, Boolean> seen)
        throws Exception
    {
        int n = 0;
        Message m;
        while ((m = client.received.poll(200, TimeUnit.MILLISECONDS)) != null)
        {
            n += handle(client, m, finals, sides, filled, seen);
        }
        return n;
    }

    private static int drain(final FixClient client, final Map<String, String> finals,
        final Map<String, Character> sides, final Map<String, Long> filled, final Map<String, Boolean> seen)
        throws Exception
    {
        final Message m = client.received.poll(1, TimeUnit.SECONDS);
        return m == null ? 0 : handle(client, m, finals, sides, filled, seen);
    }

    private static int handle(final FixClient client, final Message m, final Map<String, String> finals,
        final Map<String, Character> sides, final Map<String, Long> filled, final Map<String, Boolean> seen)
        throws Exception
    {
        if (!FixClient.type(m).equals(MsgType.EXECUTION_REPORT))
        {
            throw new AssertionError(client.id + ": unexpected " + m);
        }
        final char execType = c(m, ExecType.FIELD);
        final char status = c(m, OrdStatus.FIELD);
        String id = s(m, ClOrdID.FIELD);
        if (execType == ExecType.CANCELED && id.startsWith("C-"))
        {
            id = id.substring(2);
        }
        seen.put(id, Boolean.TRUE);
        sides.put(id, c(m, quickfix.field.Side.FIELD));
        if (execType == ExecType.TRADE)
        {
            filled.merge(id, (long)Double.parseDouble(s(m, LastQty.FIELD)), Long::sum);
            assertEquals((double)filled.get(id), Double.parseDouble(s(m, CumQty.FIELD)), 1e-9);
        }
        final boolean isFinal = status == OrdStatus.FILLED || status == OrdStatus.CANCELED ||
            status == OrdStatus.REJECTED || status == OrdStatus.EXPIRED;
        if (isFinal && finals.put(id, execType + "/" + status) != null)
        {
            throw new AssertionError(client.id + ": second final answer for " + id + ": " + m);
        }
        return 1;
    }
}
