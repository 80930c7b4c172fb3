package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import quickfix.Session;
import quickfix.SessionID;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrong-password storms on loopback (attackers and owner share the address and the CompID): no wrong-password
 * connection ever gets a Logon reply or an order accepted, and the owner still logs on every time. On the QuickFIX/J
 * FIX engine ({@link NativeGatewayLogonStormTest}: the native one).
 */
class GatewayLogonStormTest
{
    private static final String VICTIM = "TRADER-A";
    private static final int ATTACKERS = 6;
    /** Shorter than the default, so that the attackers keep the verification queue full. */
    private static final long REFUSAL_DELAY_MILLIS = 100;
    private static final int OWNER_LOGONS = 10;
    private static final long OWNER_LOGON_DEADLINE_MILLIS = 4_000;

    private GatewayServer server;
    private Storm storm;

    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @BeforeEach
    void start()
    {
        server = GatewayServer.start(options().logonRefusalDelayMillis(REFUSAL_DELAY_MILLIS));
    }

    @AfterEach
    void stop() throws Exception
    {
        if (storm != null)
        {
            storm.close();
        }
        server.close();
    }

    @Test
    void aWrongPasswordNeverOpensTheSessionWhileItsOwnerComesAndGoes() throws Exception
    {
        storm = new Storm(server.port(), ATTACKERS);
        storm.awaitAnswered(2 * ATTACKERS);
        for (int i = 0; i < OWNER_LOGONS; i++)
        {
            // the owner logs on and drops the connection without a Logout: the moments the session changes hands
            try (RawFix owner = new RawFix(server.port(), VICTIM))
            {
                owner.send("A", "98=0|108=30|141=Y|553=" + VICTIM + "|554=" + TestCatalog.password(VICTIM) + "|");
                owner.readType("A", OWNER_LOGON_DEADLINE_MILLIS);
            }
            awaitSessionFree();
        }
        storm.close();
        assertEquals(List.of(), storm.breaches(), "what wrong-password connections received");
    }

    @Test
    void theOwnerLogsOnWithinSecondsEveryTimeDuringAStorm() throws Exception
    {
        storm = new Storm(server.port(), ATTACKERS);
        storm.awaitAnswered(2 * ATTACKERS);
        int loggedOn = 0;
        final List<String> failures = new ArrayList<>();
        for (int i = 0; i < OWNER_LOGONS; i++)
        {
            try (RawFix owner = new RawFix(server.port(), VICTIM))
            {
                owner.send("A", "98=0|108=30|141=Y|553=" + VICTIM + "|554=" + TestCatalog.password(VICTIM) + "|");
                final String reply = owner.read(OWNER_LOGON_DEADLINE_MILLIS);
                if (reply != null && reply.contains("|35=A|"))
                {
                    loggedOn++;
                    owner.send("5", "");
                    owner.closedWithin(5_000);
                }
                else
                {
                    failures.add("logon " + (i + 1) + ": " + reply);
                }
            }
            awaitSessionFree();
        }
        storm.close();
        assertEquals(OWNER_LOGONS, loggedOn, "owner logons that got through: " + failures);
        assertEquals(List.of(), storm.breaches(), "what wrong-password connections received");
    }

    /** Waits until the server side of the victim's session has let go of the last connection. */
    private static void awaitSessionFree() throws InterruptedException
    {
        final Session session = Session.lookupSession(new SessionID("FIX.4.4", "BUTB", VICTIM));
        final long deadline = System.currentTimeMillis() + 5_000;
        while (session != null && session.hasResponder() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(5);
        }
    }

    /**
     * Threads that each connect, send a Logon for the victim with a wrong password and an order right behind it,
     * read until the server hangs up, and start again.
     */
    private static final class Storm implements AutoCloseable
    {
        private final int port;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger answered = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> breaches = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();

        Storm(final int port, final int n)
        {
            this.port = port;
            for (int i = 0; i < n; i++)
            {
                final int attacker = i;
                final Thread t = new Thread(() -> attack(attacker), "storm-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void attack(final int attacker)
        {
            int n = 0;
            while (running.get())
            {
                n++;
                try (RawFix r = new RawFix(port, VICTIM))
                {
                    r.send("A", "98=0|108=30|141=Y|553=" + VICTIM + "|554=wrong-" + attacker + "-" + n + "|");
                    r.send("D", "11=EVIL-" + attacker + "-" + n + "|55=SMP|54=1|60=" + RawFix.now() +
                        "|38=1|40=2|44=2400|");
                    final long deadline = System.currentTimeMillis() + 3_000;
                    while (System.currentTimeMillis() < deadline)
                    {
                        final String m = r.read(deadline - System.currentTimeMillis());
                        if (m == null || m.equals("EOF"))
                        {
                            answered.incrementAndGet();
                            break;
                        }
                        if (m.contains("|35=A|") || m.contains("|35=8|") && "0".equals(field(m, 150)))
                        {
                            breaches.add(m);
                        }
                    }
                }
                catch (final IOException ex)
                {
                    // the server hung up while we were writing: try again
                }
            }
        }

        /** Waits until the attackers have had {@code n} answers in all (the storm is on). */
        void awaitAnswered(final int n) throws InterruptedException
        {
            final long deadline = System.currentTimeMillis() + 10_000;
            while (answered.get() < n && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(5);
            }
            assertTrue(answered.get() >= n, "the storm did not start: " + answered.get() + " answers");
        }

        List<String> breaches()
        {
            return new ArrayList<>(breaches);
        }

        @Override
        public void close() throws InterruptedException
        {
            running.set(false);
            for (final Thread t : threads)
            {
                t.join(10_000);
            }
        }
    }
}
