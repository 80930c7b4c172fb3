package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NativeGatewayFixStoreTest} with three I/O threads, which encode and store the reports the sending thread
 * queues for them: a restart still resends what was missed, and reports a kill -9 caught are made again
 * ({@link StoredReports}).
 */
class NativeGatewayIoThreadsFixStoreTest extends NativeGatewayFixStoreTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().ioThreads(3);
    }

    @Test
    void theRecordOfCommandsReportedFollowsWhatTheIoThreadsStore() throws Exception
    {
        final RawFix a = gateway.rawLoggedOn("TRADER-A");
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        for (int i = 0; i < 50; i++)
        {
            a.send("D", "11=S" + i + "|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2500|59=1|");
            b.send("D", "11=B" + i + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2500|59=3|");
        }
        for (int i = 0; i < 50; i++)
        {
            assertEquals("0", field(b.readType("8", 5_000), 150));
            field(b.readType("8", 5_000), 150); // B's IOC buy filled, or cancelled if it came first
        }
        gateway.server().drain();
        final long last = gateway.server().engineHost().engine().lastSequence();
        final Path reported = dir.resolve("journal").resolve(ReportedCommands.FILE);
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (readReported(reported) != last && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertEquals(last, readReported(reported), "every command reported and stored by the I/O threads recorded");
    }

    @Test
    void aCommandIsNotRecordedWhileAnIoThreadHoldsOneOfItsReportsUnstored() throws Exception
    {
        final RawFix a = gateway.rawLoggedOn("TRADER-A");
        a.send("D", "11=S1|55=SMP|54=2|60=" + RawFix.now() + "|38=5|40=2|44=2500|59=1|");
        assertEquals("0", field(a.readType("8", 5_000), 150));
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        final NativeIoLoop aLoop = gateway.server().nativeSession("TRADER-A").connection().loop();
        assertNotSame(aLoop, gateway.server().nativeSession("TRADER-B").connection().loop(), "A and B on two threads");
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        aLoop.execute(() ->
        {
            held.countDown();
            awaitQuietly(release);
        });
        assertTrue(held.await(5, TimeUnit.SECONDS));
        final Path reported = dir.resolve("journal").resolve(ReportedCommands.FILE);
        try
        {
            b.send("D", "11=B1|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2500|59=3|");
            assertEquals("0", field(b.readType("8", 5_000), 150));
            assertEquals("F", field(b.readType("8", 5_000), 150), "B's side of the fill, stored by B's thread");
            gateway.server().drain();
            final long fill = gateway.server().engineHost().engine().lastSequence();
            for (int i = 0; i < 100; i++)
            {
                assertTrue(readReported(reported) < fill, "recorded while A's side of the fill is not stored");
                Thread.sleep(2);
            }
        }
        finally
        {
            release.countDown();
        }
        assertEquals("F", field(a.readType("8", 5_000), 150), "A's side of the fill, once its thread goes on");
        final long last = gateway.server().engineHost().engine().lastSequence();
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (readReported(reported) != last && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertEquals(last, readReported(reported), "recorded once A's thread has stored it");
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
