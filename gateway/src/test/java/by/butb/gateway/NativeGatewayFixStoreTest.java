package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GatewayFixStoreTest} against the native FIX engine ({@link FixEngine#NATIVE}) and its store; and what only
 * the native engine does: a resend in chunks ({@link NativeResend}).
 */
class NativeGatewayFixStoreTest extends GatewayFixStoreTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }

    /**
     * TRADER-A's resting sell is filled {@code fills} times, one lot at a time, while A is away; returns A logged on
     * again with its numbers going on (the server's ahead of what A has seen).
     */
    private RawFix missFills(final int fills) throws Exception
    {
        gateway.restart(stored().maxScheduledWrites(64)); // 64 KiB may wait on a socket
        RawFix a = gateway.rawLoggedOn("TRADER-A");
        a.send("D", "11=S1|55=SMP|54=2|60=" + RawFix.now() + "|38=" + fills + "|40=2|44=2500|59=1|");
        assertEquals("0", field(a.readType("8", 5_000), 150));
        a.send("5", "");
        assertNotNull(a.readType("5", 5_000));
        a.close();
        gateway.forget(a);
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        for (int i = 0; i < fills; i++)
        {
            b.send("D", "11=B" + i + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2500|59=3|");
            assertEquals("0", field(b.readType("8", 5_000), 150));
            assertEquals("F", field(b.readType("8", 5_000), 150), "B's IOC buy " + i + " fills against A's sell");
        }
        gateway.server().drain();
        a = gateway.raw("TRADER-A");
        a.seq = 4;
        a.logon(TestCatalog.password("TRADER-A"));
        assertNotNull(a.readType("A", 5_000));
        return a;
    }

    @Test
    void aResendLongerThanTheSlowConsumerBoundArrivesWhole() throws Exception
    {
        final int fills = 1_000; // about 300 KB of reports
        final RawFix a = missFills(fills);
        a.send("2", "7=1|16=0|");
        assertEquals("S1", field(a.readType("8", 5_000), 11), "the acknowledgement again");
        for (int i = 1; i <= fills; i++)
        {
            final String fill = a.readType("8", 5_000);
            assertNotNull(fill, "resent fill " + i + " of " + fills + " (the connection must not be dropped)");
            assertEquals("Y", field(fill, 43));
            assertEquals(i, Double.parseDouble(field(fill, 14)), "CumQty, in order");
        }
        a.send("D", "11=S2|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2600|");
        assertEquals("S2", field(a.readType("8", 5_000), 11), "the session goes on");
    }

    @Test
    void aSecondResendRequestDuringALongResendDoesNotCutItShort() throws Exception
    {
        final int fills = 600;
        final RawFix a = missFills(fills);
        a.send("2", "7=1|16=0|");
        a.send("2", "7=3|16=4|"); // while the first is still being answered
        final java.util.BitSet seen = new java.util.BitSet();
        while (seen.cardinality() < fills)
        {
            final String report = a.readType("8", 5_000);
            assertNotNull(report, "fills resent so far: " + seen.cardinality() + " of " + fills);
            if ("F".equals(field(report, 150)) || "1".equals(field(report, 150)))
            {
                seen.set((int)Double.parseDouble(field(report, 14)));
            }
        }
    }

    @Test
    void aCloseSendsNothingMoreToASessionWhoseLogoutIsStillBeingWritten() throws Exception
    {
        final RawFix a = gateway.rawLoggedOn("TRADER-A");
        final int heartbeats = 200;
        final String testReqId = "T".repeat(50_000);
        for (int i = 0; i < heartbeats; i++)
        {
            a.send("1", "112=" + testReqId + "|"); // A reads none of the 10 MB of Heartbeats: they wait on its socket
        }
        a.send("5", "");
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!gateway.server().nativeSession("TRADER-A").connection().closing() &&
            System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertTrue(gateway.server().nativeSession("TRADER-A").connection().closing(),
            "A's Logout answered and waiting behind the Heartbeats");
        gateway.restart(stored()); // with A still connected
        a.close();
        gateway.forget(a);

        final RawFix again = gateway.raw("TRADER-A");
        again.seq = a.seq;
        again.logon(TestCatalog.password("TRADER-A"));
        final String logon = again.readType("A", 5_000);
        assertNotNull(logon);
        assertEquals(heartbeats + 3, Integer.parseInt(field(logon, 34)),
            "after the Logon, the Heartbeats and one Logout: " + logon);
    }

    @Test
    void theLogoutAnsweringTheOneACloseSendsIsCountedSoTheNextLogonShowsNoGap() throws Exception
    {
        gateway.restart(stored().logoutTimeoutMillis(30_000)); // a close that waits for A's answer however slow
        final RawFix a = gateway.rawLoggedOn("TRADER-A"); // A's next number is 2
        final Thread restart = new Thread(() -> gateway.restart(stored()), "restart");
        restart.start();
        try
        {
            assertNotNull(a.readType("5", 5_000), "the close's Logout");
            a.send("5", ""); // the answer, number 2
        }
        finally
        {
            restart.join();
        }
        a.close();
        gateway.forget(a);

        final RawFix again = gateway.raw("TRADER-A");
        again.seq = 3;
        again.logon(TestCatalog.password("TRADER-A"));
        assertNotNull(again.readType("A", 5_000));
        again.send("1", "112=NEXT|");
        final String next = again.read(5_000);
        assertEquals("0", field(next, 35), "a Heartbeat, and no ResendRequest before it: " + next);
    }

    /** What {@link #twoCommandsUnreported} leaves: the fill's reports, where each side's numbers went on. */
    private record Unreported(String aFill, String bFill, int aNext, int bNext, long last, Path reported)
    {
    }

    /**
     * A's resting sell, B's buy filling it (B1) and B's resting buy (B2); then the server stopped and its record of
     * the last command reported put back before B1 and B2, as a kill -9 leaves it when their commands were journaled
     * but their reports never reached the store.
     */
    private Unreported twoCommandsUnreported() throws Exception
    {
        final RawFix a = gateway.rawLoggedOn("TRADER-A");
        a.send("D", "11=S1|55=SMP|54=2|60=" + RawFix.now() + "|38=5|40=2|44=2500|59=1|");
        assertEquals("0", field(a.readType("8", 5_000), 150));
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        b.send("D", "11=B1|55=SMP|54=1|60=" + RawFix.now() + "|38=2|40=2|44=2500|");
        assertEquals("0", field(b.readType("8", 5_000), 150));
        final String bFill = b.readType("8", 5_000);
        final String aFill = a.readType("8", 5_000);
        assertEquals("F", field(aFill, 150));
        b.send("D", "11=B2|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|59=1|");
        assertEquals("0", field(b.readType("8", 5_000), 150));
        gateway.server().drain();
        gateway.server().close();
        final Path reported = dir.resolve("journal").resolve(ReportedCommands.FILE);
        final long last = readReported(reported);
        try (FileChannel channel = FileChannel.open(reported, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(8).putLong(0, last - 2), 8);
        }
        return new Unreported(aFill, bFill, a.seq, b.seq, last, reported);
    }

    static long readReported(final Path reported) throws Exception
    {
        try (FileChannel channel = FileChannel.open(reported, StandardOpenOption.READ))
        {
            final ByteBuffer sequence = ByteBuffer.allocate(8);
            channel.read(sequence, 8);
            return sequence.getLong(0);
        }
    }

    @Test
    void theReportsOfCommandsJournaledAfterTheLastOneReportedAreMadeAgainAtTheNextStart() throws Exception
    {
        final Unreported u = twoCommandsUnreported();
        gateway.restart(stored());

        final List<String> toB = resentReports("TRADER-B", u.bNext());
        assertEquals(2, count(toB, field(u.bFill(), 17)), "B1's fill, once as sent and once made again: " + toB);
        final String again = toB.get(toB.size() - 2);
        assertEquals("B1", field(again, 11), "with its ClOrdID from the ClOrdID journal");
        assertEquals("B2", field(toB.get(toB.size() - 1), 11), "and B2's acknowledgement");
        assertEquals(2, count(resentReports("TRADER-A", u.aNext()), field(u.aFill(), 17)), "A's side of the fill too");
        assertEquals(u.last(), readReported(u.reported()), "reported through the last command again");
    }

    @Test
    void ordersOfTheCommandsMadeAgainKeepTheirIdsFromNewOrdersEvenWithoutClOrdIdRecords() throws Exception
    {
        final Unreported u = twoCommandsUnreported();
        deleteTree(dir.resolve("journal").resolve("clordids"));
        gateway.restart(stored());

        final List<String> toB = resentReports("TRADER-B", u.bNext());
        final String b2 = toB.get(toB.size() - 1);
        assertEquals("0", field(b2, 150), "B2's acknowledgement made again: " + b2);
        final String b2ClOrdId = field(b2, 11);
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (gateway.server().connected("TRADER-B") && System.nanoTime() < deadline)
        {
            Thread.sleep(1); // the server lets the closed connection go
        }
        final RawFix b = gateway.raw("TRADER-B");
        b.seq = u.bNext() + 2;
        b.logon(TestCatalog.password("TRADER-B"));
        assertNotNull(b.readType("A", 5_000));
        for (final String clOrdId : new String[] {"B3", "B4", "B5"})
        {
            b.send("D", "11=" + clOrdId + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2300|59=1|");
            final String ack = b.readType("8", 5_000);
            assertEquals("0", field(ack, 150), "a new order is not given B2's engine id: " + ack);
        }
        b.send("F", "41=" + b2ClOrdId + "|11=C2|55=SMP|54=1|60=" + RawFix.now() + "|");
        assertEquals("4", field(b.readType("8", 5_000), 150), "B2 cancelled by the ClOrdID it was reported under");
    }

    @Test
    void copiesLeftByAKillDuringACompactionAreDeletedAtStartWhoeverTheyWereFor() throws Exception
    {
        final Path fix = Files.createDirectories(dir.resolve("fix"));
        final List<Path> copies = new ArrayList<>();
        for (final String participant : List.of("TRADER-A", "NO-LONGER-LISTED"))
        {
            final Path copy = StoreFiles.compactingCopy(fix.resolve(GatewayOptions.DEFAULT_COMP_ID + "-" +
                participant + NativeSessionStore.SUFFIX));
            Files.writeString(copy, "half a copy");
            copies.add(copy);
        }
        gateway.restart(stored());
        for (final Path copy : copies)
        {
            assertTrue(Files.notExists(copy), copy + " is still there");
        }
        gateway.rawLoggedOn("TRADER-A");
    }

    private static void deleteTree(final Path root) throws Exception
    {
        try (var paths = Files.walk(root))
        {
            for (final Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }

    /** Every ExecutionReport the server sent {@code participant} so far, resent on its next logon. */
    private List<String> resentReports(final String participant, final int nextSeq) throws Exception
    {
        final RawFix r = gateway.raw(participant);
        r.seq = nextSeq;
        r.logon(TestCatalog.password(participant));
        final String logon = r.readType("A", 5_000);
        assertNotNull(logon);
        final int last = Integer.parseInt(field(logon, 34)) - 1;
        r.send("2", "7=1|16=0|");
        final List<String> reports = new ArrayList<>();
        for (int seq = 0; seq < last; )
        {
            final String m = r.read(5_000);
            assertNotNull(m, "resent up to " + last + ", got " + seq);
            seq = Integer.parseInt(field(m, 34)) + ("4".equals(field(m, 35)) ? Integer.parseInt(field(m, 36)) -
                Integer.parseInt(field(m, 34)) - 1 : 0);
            if ("8".equals(field(m, 35)))
            {
                reports.add(m);
            }
        }
        r.close();
        gateway.forget(r);
        return reports;
    }

    private static long count(final List<String> reports, final String execId)
    {
        return reports.stream().filter(m -> execId.equals(field(m, 17))).count();
    }
}
