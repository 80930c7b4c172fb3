package by.butb.bench.gateway;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayRoundTripTest
{
    @Test
    void shouldAnswerEveryOrderThroughTheEchoFloorAndWriteItsHistograms(@TempDir final Path out) throws Exception
    {
        final String printed = run("--server", "echo", "--rates", "2000", "--seconds", "1",
            "--warmup-seconds", "0", "--label", "floor", "--out", out.toString());

        assertTrue(printed.startsWith("loopback floor (echo server: no FIX session, no engine, replies on its " +
            "reader thread), one connection,"), printed);
        assertTrue(printed.contains(" 2000/2000 "), printed);
        assertTrue(!printed.contains("per session"), printed);
        assertTrue(Files.size(out.resolve("floor-2000.hgrm")) > 0);
        assertTrue(Files.size(out.resolve("floor-2000-from-write.hgrm")) > 0);
    }

    @Test
    void shouldAnswerEveryOrderThroughTheGateway(@TempDir final Path out) throws Exception
    {
        final String printed = run("--rates", "1000", "--seconds", "1", "--warmup-seconds", "0",
            "--label", "gw", "--out", out.toString());

        assertTrue(printed.startsWith("gateway round trip (QuickFIX/J FIX engine)"), printed);
        assertEveryOrderAnswered(printed, 1000);
    }

    @Test
    void shouldAnswerEveryOrderThroughTheGatewayOnTheNativeFixEngine(@TempDir final Path out) throws Exception
    {
        final String printed = run("--server", "native", "--rates", "1000", "--seconds", "1", "--warmup-seconds", "0",
            "--label", "native", "--out", out.toString());

        assertTrue(printed.startsWith("gateway round trip (native FIX engine, 1 I/O thread)"), printed);
        assertEveryOrderAnswered(printed, 1000);
    }

    @Test
    void shouldRefuseTheOptionsOnlyQuickFixJHasWithTheNativeFixEngine()
    {
        assertEquals("--stored-messages all needs --server gateway (QuickFIX/J): the native engine keeps a number of " +
            "messages in memory", assertThrows(IllegalArgumentException.class, () -> GatewayRoundTrip.parse(
                new String[] {"--server", "native", "--stored-messages", "all"})).getMessage());
        assertEquals("--session-queue needs --server gateway (QuickFIX/J): the native engine has no queue per session",
            assertThrows(IllegalArgumentException.class, () -> GatewayRoundTrip.parse(
                new String[] {"--session-queue", "100", "--server", "native"})).getMessage());
    }

    @Test
    void shouldAnswerEveryOrderThroughAPlainQuickFixJAcceptor(@TempDir final Path out) throws Exception
    {
        final String printed = run("--server", "qfj", "--rates", "1000", "--seconds", "1", "--warmup-seconds", "0",
            "--label", "qfj", "--out", out.toString());

        assertTrue(printed.startsWith("QuickFIX/J floor"), printed);
        assertEveryOrderAnswered(printed, 1000);
        assertTrue(Files.size(out.resolve("qfj-1000.hgrm")) > 0);
    }

    @Test
    void shouldRefuseIoThreadsForAServerOtherThanTheNativeGateway()
    {
        assertEquals("--io-threads needs --server native", assertThrows(IllegalArgumentException.class,
            () -> GatewayRoundTrip.parse(new String[] {"--io-threads", "2", "--server", "echo"})).getMessage());
    }

    @Test
    void shouldRefuseAnUnknownServerByName()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> GatewayRoundTrip.parse(new String[] {"--server", "quickfix"}));
        assertEquals("--server must be gateway, native, echo or qfj, got 'quickfix'", ex.getMessage());
    }

    @Test
    void shouldAnswerEveryOrderInEachOfThreeSessionsThroughTheNativeGatewaysTwoIoThreads(@TempDir final Path out)
        throws Exception
    {
        final String printed = run("--server", "native", "--io-threads", "2", "--sessions", "3", "--rates", "1500",
            "--seconds", "1", "--warmup-seconds", "0", "--label", "three", "--out", out.toString());

        assertTrue(printed.startsWith("gateway round trip (native FIX engine, 2 I/O threads), 3 sessions,"), printed);
        assertEveryOrderAnswered(printed, 1500);
        assertThreeSessionsAnsweredInFull(printed);
        assertTrue(Files.size(out.resolve("three-1500.hgrm")) > 0);
        assertTrue(printed.lines().anyMatch(l -> l.matches("  CPU us/order by thread: .*butb-.* \\d+\\.\\d\\d.*")),
            "the busiest threads' CPU per order, the gateway's among them: " + printed);
    }

    @Test
    void shouldAnswerEveryOrderInEachOfThreeConnectionsToTheEchoFloor(@TempDir final Path out) throws Exception
    {
        final String printed = run("--server", "echo", "--sessions", "3", "--rates", "1000", "--seconds", "1",
            "--warmup-seconds", "0", "--label", "three", "--out", out.toString());

        assertTrue(printed.startsWith("loopback floor (echo server: no FIX session, no engine, replies on its " +
            "reader thread), 3 connections,"), printed);
        assertTrue(printed.contains(" 1000/1000 "), printed);
        assertThreeSessionsAnsweredInFull(printed);
    }

    @Test
    void shouldAnswerEveryOrderInEachOfTwoSessionsThroughAPlainQuickFixJAcceptor(@TempDir final Path out)
        throws Exception
    {
        final String printed = run("--server", "qfj", "--sessions", "2", "--rates", "600", "--seconds", "1",
            "--warmup-seconds", "0", "--label", "two", "--out", out.toString());

        assertEveryOrderAnswered(printed, 600);
        assertTrue(printed.lines().anyMatch(l -> l.matches("  per session achieved/s: \\d+ \\d+")), printed);
    }

    @Test
    void shouldRefuseASessionCountOutsideTheBenchCatalog()
    {
        assertEquals("--sessions must be at least 1, got 0", usageError("--sessions", "0"));
        assertEquals("--sessions must be at least 1, got -2", usageError("--sessions", "-2"));
        assertEquals("--sessions: 'many' is not a whole number", usageError("--sessions", "many"));
        assertEquals("--sessions must be at most 26 (the bench catalog's traders), got 27",
            usageError("--sessions", "27"));
        assertEquals("--sessions needs a value", usageError("--sessions"));
    }

    @Test
    void shouldRefuseARateOfLessThanOneOrderPerSecondPerSession()
    {
        assertEquals("--rates: 4 orders/s is less than one per session (--sessions 8)",
            usageError("--rates", "1000,4", "--sessions", "8"));
    }

    @Test
    void shouldGiveParticularRatesTheSecondsNamedForThem()
    {
        final GatewayRoundTrip.Settings s = GatewayRoundTrip.parse(new String[] {"--rates", "1000,10000,50000",
            "--seconds", "3", "--seconds-at", "1000=10,10000=10", "--rate-warmup-seconds", "2"});

        assertEquals(Map.of(1000, 10, 10000, 10), s.secondsAt);
        assertEquals("3 s per rate (1000/s: 10 s, 10000/s: 10 s), each after 2 s unrecorded",
            GatewayRoundTrip.secondsText(s));
        assertEquals("--seconds-at takes RATE=SECONDS pairs, got '1000'", usageError("--seconds-at", "1000"));
        assertEquals("--seconds-at must be at least 1, got 0", usageError("--seconds-at", "1000=0"));
    }

    @Test
    void shouldCallARoundSustainedOnlyWhenEveryOrderIsAnsweredWithin100MillisecondsOfTheLastIntendedSend()
    {
        assertTrue(round(1000, 1000, 100_000_000L, 0, false).sustained());
        assertFalse(round(1000, 1000, 100_000_001L, 0, false).sustained(), "tail over 100 ms");
        assertFalse(round(1000, 999, 1_000_000L, 0, false).sustained(), "an order unanswered");
    }

    @Test
    void shouldFlagARoundWhoseClientSentAnOrderMoreThanAMillisecondLate()
    {
        assertFalse(round(1000, 1000, 0, 1_000_000L, false).late());
        assertTrue(round(1000, 1000, 0, 1_000_001L, false).late());
        final String row = GatewayRoundTrip.row(1000, round(1000, 1000, 250_000_000L, 2_500_000L, true), 0.1, "");
        assertTrue(row.contains("  250.0        NO     2.50  "), row);
        assertTrue(row.endsWith("LATE: the client fell behind its schedule  CONNECTION DROPPED"), row);
    }

    private static SessionGroup.Round round(final int orders, final int answered, final long tailNanos,
        final long latenessNanos, final boolean dropped)
    {
        final Histogram h = new Histogram(60_000_000_000L, 3);
        return new SessionGroup.Round(orders, answered, 0, answered == orders, answered, h, h, new double[] {answered},
            new int[] {answered}, new int[] {orders}, tailNanos, latenessNanos, dropped);
    }

    /** The per-session line names three sessions, none missing answers. */
    private static void assertThreeSessionsAnsweredInFull(final String printed)
    {
        assertTrue(printed.lines().anyMatch(l -> l.matches("  per session achieved/s: \\d+ \\d+ \\d+")), printed);
    }

    private static String usageError(final String... args)
    {
        return assertThrows(IllegalArgumentException.class, () -> GatewayRoundTrip.parse(args)).getMessage();
    }

    /** The run's row shows {@code orders} of {@code orders} answered, none rejected, nothing INCOMPLETE. */
    private static void assertEveryOrderAnswered(final String printed, final int orders)
    {
        assertTrue(printed.contains(" " + orders + "/" + orders + " "), printed);
        assertTrue(!printed.contains("INCOMPLETE") && !printed.contains("rejected"), printed);
    }

    private static String run(final String... args) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GatewayRoundTrip.run(GatewayRoundTrip.parse(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
