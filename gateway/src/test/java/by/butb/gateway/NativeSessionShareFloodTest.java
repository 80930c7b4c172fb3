package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SessionShareFloodTest} against the native FIX engine ({@link FixEngine#NATIVE}). */
class NativeSessionShareFloodTest extends SessionShareFloodTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }

    @Test
    void aSessionHeldAtItsShareLongerThanItsHeartbeatTimeoutIsNotTakenForSilent() throws Exception
    {
        try (RawGateway gateway = new RawGateway(options().maxRequestsInFlightPerSession(8)))
        {
            final RawFix flooder = gateway.raw("TRADER-A");
            flooder.send("A", "98=0|108=1|553=TRADER-A|554=" + TestCatalog.password("TRADER-A") + "|"); // 1 s
            assertNotNull(flooder.readType("A", 5_000));
            final CountDownLatch release = new CountDownLatch(1);
            gateway.server().outbound().execute(() ->
            {
                try
                {
                    release.await(30, TimeUnit.SECONDS); // the sending thread answers nothing meanwhile
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            final int orders = 100;
            for (int i = 0; i < orders; i++)
            {
                flooder.send("D", "11=H" + i + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2200|59=3|");
            }
            final long deadline = System.currentTimeMillis() + 10_000;
            while (gateway.server().shareHolds() == 0 && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(1);
            }
            assertTrue(gateway.server().shareHolds() > 0, "held at its share");
            Thread.sleep(3_500); // held past 2.4 heartbeat intervals, after which a silent client is disconnected
            release.countDown();
            int answered = 0;
            while (answered < orders)
            {
                final String m = flooder.read(10_000);
                assertNotNull(m, answered + " of " + orders + " answered");
                assertTrue(!m.equals("EOF") && !m.contains("|35=5|") && !m.contains("|35=1|"),
                    "neither a TestRequest nor a Logout nor a close for the hold: " + m);
                if (m.contains("|35=8|") && "4".equals(field(m, 150)))
                {
                    answered++;
                }
            }
            assertEquals(orders, answered);
        }
    }
}
