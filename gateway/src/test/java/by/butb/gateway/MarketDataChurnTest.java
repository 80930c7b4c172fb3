package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * One participant churns a book (a new order and its cancel, over and over) while another subscribes to it with a
 * full refresh per change: a subscriber that reads nothing is conflated (it stays logged on and gets the latest book
 * once it reads), one that keeps up gets every change. On the QuickFIX/J FIX engine
 * ({@link NativeMarketDataChurnTest}, {@link NativeIoThreadsMarketDataChurnTest}: the native one).
 */
class MarketDataChurnTest
{
    /** Dropped past 256 KiB unwritten, conflated from 64 KiB. */
    private static final int SLOW_CONSUMER_KIB = 256;

    private RawGateway gateway;

    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @AfterEach
    void stop() throws Exception
    {
        if (gateway != null)
        {
            gateway.close();
        }
    }

    @Test
    void aSubscriberThatReadsNothingIsSentTheLatestBookAndStaysLoggedOn() throws Exception
    {
        gateway = new RawGateway(options().maxScheduledWrites(SLOW_CONSUMER_KIB));
        final RawFix watcher = watcher();
        watcher.limitReceiveBuffer(64 * 1024);
        final RawFix churner = gateway.rawLoggedOn("TRADER-A");
        final RawFix seller = gateway.rawLoggedOn("TRADER-B");
        book(churner, seller);
        churn(churner, 4_000, 200, () -> Integer.MAX_VALUE); // 8,000 snapshots, about 12 MB
        churner.send("D", "11=LAST|55=SMP|54=1|60=" + RawFix.now() + "|38=7|40=2|44=2391|");
        assertNotNull(churner.readType("8", 10_000));

        String last = null;
        for (String m = watcher.read(2_000); m != null; m = watcher.read(2_000))
        {
            assertFalse(m.equals("EOF"), "the watcher was dropped as a slow consumer");
            last = m.contains("|35=W|") ? m : last;
        }
        assertNotNull(last);
        assertEquals("2391.00", field(last, 270), "the best bid of the latest book first: " + last);
        assertEquals("7.000", field(last, 271));
        watcher.send("D", "11=W1|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2500|");
        final String er = watcher.readType("8", 5_000);
        assertNotNull(er, "the watcher still trades");
        assertEquals("0", field(er, 150));
    }

    @Test
    void aSubscriberThatKeepsUpGetsEveryChange() throws Exception
    {
        gateway = new RawGateway(options()); // conflated from 256 KiB unwritten
        final RawFix watcher = watcher();
        final AtomicInteger snapshots = new AtomicInteger();
        final AtomicReference<String> lastBid = new AtomicReference<>();
        final Thread reader = new Thread(() -> readSnapshots(watcher.input(), snapshots, lastBid), "watcher");
        reader.setDaemon(true);
        reader.start();
        final RawFix churner = gateway.rawLoggedOn("TRADER-A");
        final RawFix seller = gateway.rawLoggedOn("TRADER-B");
        book(churner, seller);
        final int pairs = 3_000;
        final int before = 31; // after the first snapshot: the book
        waitFor(snapshots::get, before, 30_000);
        churn(churner, pairs, keepUpBurst(), () -> snapshots.get() - before);
        churner.send("D", "11=LAST|55=SMP|54=1|60=" + RawFix.now() + "|38=7|40=2|44=2391|");
        assertNotNull(churner.readType("8", 10_000));
        final int expected = before + 2 * pairs + 1; // the book, the churn, the last order
        waitFor(snapshots::get, expected, 30_000);
        Thread.sleep(200); // nothing more comes
        assertEquals(expected, snapshots.get(), "a snapshot per change");
        assertEquals("2391.00", lastBid.get());
        watcher.close();
        reader.join(5_000);
    }

    /** TRADER-C, logged on and subscribed to SMP's bids, offers and trades, a full refresh per change. */
    private RawFix watcher() throws Exception
    {
        final RawFix watcher = gateway.rawLoggedOn("TRADER-C");
        watcher.send("V", "262=W1|263=1|264=0|265=0|267=3|269=0|269=1|269=2|146=1|55=SMP|");
        assertNotNull(watcher.readType("W", 5_000), "the first snapshot");
        return watcher;
    }

    /**
     * Ten trades between {@code buyer} and {@code seller} at 22.00, then ten bids of the buyer's (23.00 to 23.09) and
     * ten offers of the seller's (24.00 to 24.09): 31 changes, after which each snapshot has 30 entries (about 1.5 KB).
     */
    private static void book(final RawFix buyer, final RawFix seller) throws IOException
    {
        buyer.send("D", "11=BIG|55=SMP|54=1|60=" + RawFix.now() + "|38=10|40=2|44=2200|");
        assertNotNull(buyer.readType("8", 5_000));
        for (int i = 0; i < 10; i++)
        {
            seller.send("D", "11=H" + i + "|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2200|");
            assertNotNull(seller.readType("8", 5_000));
            assertNotNull(seller.readType("8", 5_000));
            assertNotNull(buyer.readType("8", 5_000));
        }
        for (int i = 0; i < 10; i++)
        {
            buyer.send("D", "11=B" + i + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=" + (2300 + i) + "|");
            assertNotNull(buyer.readType("8", 5_000));
            seller.send("D", "11=S" + i + "|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=" + (2400 + i) + "|");
            assertNotNull(seller.readType("8", 5_000));
        }
    }

    /**
     * Pairs a write in the keep-up test. The native engine's: 200 (about 600 KB of snapshots), more than the 256 KiB
     * from which a session is conflated, so that only its writes during a batch keep the reader from being conflated.
     * QuickFIX/J's: 50 (about 150 KB), under it, so that a reader its threads keep off a loaded 2-vCPU machine for the
     * whole of a burst is not conflated either; its batching responder writes every 64 K characters.
     */
    private int keepUpBurst()
    {
        return options().fixEngine == FixEngine.QFJ ? 50 : 200;
    }

    /**
     * {@code pairs} times a bid at 23.50 and its cancel, {@code burst} pairs to a write; reads its own reports. Before
     * each write, waits until {@code received} says the changes of the earlier ones were read (or has not grown for
     * 2 s), so that a reader on a loaded machine keeps up with the whole of a burst, the gateway's batching alone
     * deciding whether it is conflated.
     */
    private static void churn(final RawFix churner, final int pairs, final int burst, final IntSupplier received)
        throws Exception
    {
        for (int i = 0; i < pairs; i += burst)
        {
            waitFor(received, 2 * i, 2_000);
            final StringBuilder out = new StringBuilder();
            for (int j = i; j < i + burst; j++)
            {
                out.append(RawFix.frame("FIX.4.4", churner.body("D", "11=C" + j + "|55=SMP|54=1|60=" + RawFix.now() +
                    "|38=1|40=2|44=2350|")));
                out.append(RawFix.frame("FIX.4.4", churner.body("F", "41=C" + j + "|11=X" + j + "|55=SMP|54=1|60=" +
                    RawFix.now() + "|")));
            }
            churner.sendText(out.toString());
            for (int k = 0; k < 2 * burst; k++)
            {
                assertNotNull(churner.readType("8", 10_000), "the churner's own reports");
            }
        }
    }

    /**
     * Waits until {@code count} reaches {@code atLeast}, or has not grown for {@code quietMillis} (what was conflated
     * never comes).
     */
    private static void waitFor(final IntSupplier count, final int atLeast, final long quietMillis)
        throws InterruptedException
    {
        int last = count.getAsInt();
        long lastGrew = System.currentTimeMillis();
        while (last < atLeast && System.currentTimeMillis() - lastGrew < quietMillis)
        {
            Thread.sleep(1);
            final int now = count.getAsInt();
            if (now > last)
            {
                last = now;
                lastGrew = System.currentTimeMillis();
            }
        }
    }

    /** Counts the snapshots arriving on {@code in} and keeps the best bid of the last, until the socket closes. */
    private static void readSnapshots(final InputStream in, final AtomicInteger snapshots,
        final AtomicReference<String> lastBid)
    {
        final byte[] buffer = new byte[1 << 20];
        final StringBuilder pending = new StringBuilder();
        try
        {
            while (true)
            {
                final int n;
                try
                {
                    n = in.read(buffer);
                }
                catch (final SocketTimeoutException ex)
                {
                    continue;
                }
                if (n < 0)
                {
                    return;
                }
                pending.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                int from = 0;
                int trailer;
                int stop;
                while ((trailer = pending.indexOf(RawFix.SOH + "10=", from)) >= 0 &&
                    (stop = pending.indexOf(String.valueOf(RawFix.SOH), trailer + 1) + 1) > 0)
                {
                    final String message = pending.substring(from, stop).replace(RawFix.SOH, '|');
                    if (message.contains("|35=W|"))
                    {
                        lastBid.set(field(message, 270));
                        snapshots.incrementAndGet();
                    }
                    from = stop;
                }
                pending.delete(0, from);
            }
        }
        catch (final IOException ex)
        {
            // closed by the test
        }
    }
}
