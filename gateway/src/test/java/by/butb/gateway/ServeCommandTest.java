package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.Side;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static by.butb.gateway.Fix.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeCommandTest
{
    @TempDir
    Path dir;

    @Test
    void servesUntilStoppedAndKeepsItsJournal() throws Exception
    {
        final Serving serving = serve();
        final ServeCommand serve = serving.command();
        final ByteArrayOutputStream out = serving.out();
        try (FixClient a = FixClient.logon(serve.server().port(), "TRADER-A"))
        {
            a.send(Fix.limit("S1", "SMP", Side.SELL, "1", "2500"));
            assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        }
        assertEquals(0, serving.stop(), out.toString());
        final String log = out.toString();
        assertTrue(log.contains("listening on 127.0.0.1:"), log);
        assertTrue(log.contains("stopped"), log);
        try (Stream<Path> files = Files.list(dir.resolve("journal")))
        {
            assertTrue(files.anyMatch(f -> !f.getFileName().toString().equals(DirectoryLocks.DATA_LOCK)),
                "journal written");
        }
    }

    @Test
    void shouldTakeTheEngineTimeFromTransactTimeWithClientTime() throws Exception
    {
        final Serving serving = serve("--client-time");
        final ServeCommand serve = serving.command();
        final ByteArrayOutputStream out = serving.out();
        final java.time.LocalDateTime simulated = java.time.LocalDateTime.of(2024, 3, 1, 10, 0);
        try (FixClient a = FixClient.logon(serve.server().port(), "TRADER-A"))
        {
            final quickfix.fix44.NewOrderSingle order = Fix.limit("S1", "SMP", Side.SELL, "1", "2500");
            order.setField(new quickfix.field.TransactTime(simulated));
            a.send(order);
            final quickfix.Message er = a.next(MsgType.EXECUTION_REPORT);
            assertEquals(ExecType.NEW, c(er, ExecType.FIELD));
            assertEquals(simulated, er.getUtcTimeStamp(quickfix.field.TransactTime.FIELD));
        }
        assertEquals(0, serving.stop(), out.toString());
        assertTrue(out.toString().contains("client time mode"), out.toString());
    }

    @Test
    void shouldCloseALotAtItsExpireTimeWithoutAnotherOrder() throws Exception
    {
        final Serving serving = serve("--timer-ms", "100");
        final ServeCommand serve = serving.command();
        final ByteArrayOutputStream out = serving.out();
        try (FixClient a = FixClient.logon(serve.server().port(), "TRADER-A"))
        {
            final quickfix.fix44.NewOrderSingle offer = Fix.order("LOT1", "SMP", Side.SELL, "5", "2500",
                quickfix.field.OrdType.LIMIT, quickfix.field.TimeInForce.GOOD_TILL_CANCEL);
            offer.setChar(ButbTags.LOT_ACTION, ButbTags.LOT_OFFER);
            offer.setString(ButbTags.BID_STEP, "5");
            offer.setField(new quickfix.field.ExpireTime(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .plusSeconds(1)));
            a.send(offer);
            assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
            final quickfix.Message expired = a.next(MsgType.EXECUTION_REPORT);
            assertEquals(ExecType.EXPIRED, c(expired, ExecType.FIELD), "the timer closed the lot");
            assertTrue(Fix.s(expired, quickfix.field.Text.FIELD).startsWith("608 "));
        }
        assertEquals(0, serving.stop(), out.toString());
    }

    @Test
    void shouldCloseAConnectionAnnouncingAMessageAboveMaxMessageSize() throws Exception
    {
        final Serving serving = serve("--max-message-size", "1024");
        try (RawFix r = new RawFix(serving.command().server().port(), "TRADER-A"))
        {
            r.logon(TestCatalog.password("TRADER-A"));
            final String reply = r.read(5_000);
            assertTrue(reply != null && reply.contains("|35=A|"), reply);
            r.send("1", "112=" + "x".repeat(600) + "|");
            assertNotNull(r.readType("0", 5_000), "a message under the limit is answered");
            r.send("1", "112=" + "x".repeat(1_100) + "|");
            assertTrue(r.closedWithin(5_000), "a message over the limit closes the connection");
        }
        assertEquals(0, serving.stop(), serving.out().toString());
    }

    /** Writes the test catalog's files and gives the options that name them. */
    private List<String> testCatalog() throws IOException
    {
        final Path instruments = dir.resolve("instruments.csv");
        final Path participants = dir.resolve("participants.csv");
        Files.writeString(instruments, TestCatalog.INSTRUMENTS);
        Files.writeString(participants, TestCatalog.participantsCsv());
        return List.of("--instruments", instruments.toString(), "--participants", participants.toString());
    }

    /** Runs {@code serve} on a free loopback port with the test catalog and {@code args}; returns its exit code. */
    private int serveUntilError(final ByteArrayOutputStream err, final String... args) throws IOException
    {
        final List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1"));
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("--port")))
        {
            all.addAll(List.of("--port", "0"));
        }
        all.addAll(testCatalog());
        all.addAll(List.of(args));
        return new CommandLine(new ServeCommand(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true))).execute(all.toArray(String[]::new));
    }

    /** {@code serve} on a free loopback port with the test catalog, running on its own thread. */
    private Serving serve(final String... extraArgs) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ServeCommand serve = new ServeCommand(new PrintStream(out, true), new PrintStream(out, true));
        final List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--data",
            dir.resolve("journal").toString()));
        args.addAll(testCatalog());
        args.addAll(List.of(extraArgs));
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread runner = new Thread(() -> exit.set(new CommandLine(serve).execute(args.toArray(String[]::new))));
        runner.start();
        final long deadline = System.currentTimeMillis() + 20_000;
        while (serve.server() == null && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
        }
        assertNotNull(serve.server(), out.toString());
        return new Serving(serve, out, runner, exit);
    }

    private record Serving(ServeCommand command, ByteArrayOutputStream out, Thread runner, AtomicInteger exit)
    {
        /** Stops the server as Ctrl-C does and returns the command's exit code. */
        int stop() throws InterruptedException
        {
            command.requestStop();
            runner.join(20_000);
            return exit.get();
        }
    }

    @Test
    void withoutFixEngineItServesOrdersWithTheNativeEngineWhoseStoreQuickFixJRefusesNamingTheFix() throws Exception
    {
        final Path store = dir.resolve("fix");
        final Serving serving = serve("--fix-store", store.toString());
        assertEquals(FixEngine.NATIVE, serving.command().server().fixEngine());
        try (FixClient a = FixClient.logon(serving.command().server().port(), "TRADER-A"))
        {
            a.send(Fix.limit("S1", "SMP", Side.SELL, "1", "2500"));
            assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        }
        assertEquals(0, serving.stop(), serving.out().toString());
        final String log = serving.out().toString();
        assertTrue(log.contains("(TargetCompID=BUTB, FIX engine native, 1 I/O thread, wait strategy BLOCKING)"), log);
        assertTrue(Files.size(store.resolve("BUTB-TRADER-A" + NativeSessionStore.SUFFIX)) > 64, "the native store");

        // Its store, given to serve --fix-engine qfj: QuickFIX/J's engine refuses it and names the fix.
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, serveUntilError(err, "--data", dir.resolve("journal").toString(), "--fix-engine", "qfj",
            "--fix-store", store.toString()));
        assertEquals("serve: FIX store " + store + " holds the native FIX engine's store (BUTB-TRADER-A" +
            NativeSessionStore.SUFFIX + "): QuickFIX/J keeps its own (*.qfj-fix-session); use it without " +
            "--fix-engine qfj (the native engine is the default), or another directory" + System.lineSeparator(),
            err.toString());
    }

    @Test
    void servesOrdersWithQuickFixJWithFixEngineQfjWhoseStoreTheDefaultEngineRefusesNamingTheFix() throws Exception
    {
        final Path store = dir.resolve("fix");
        final Serving serving = serve("--fix-engine", "qfj", "--fix-store", store.toString());
        assertEquals(FixEngine.QFJ, serving.command().server().fixEngine());
        try (FixClient a = FixClient.logon(serving.command().server().port(), "TRADER-A"))
        {
            a.send(Fix.limit("S1", "SMP", Side.SELL, "1", "2500"));
            assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        }
        assertEquals(0, serving.stop(), serving.out().toString());
        assertTrue(serving.out().toString().contains("(TargetCompID=BUTB, FIX engine qfj, wait strategy BLOCKING)"),
            serving.out().toString());
        assertTrue(Files.size(store.resolve("BUTB-TRADER-A" + QfjSessionStore.SUFFIX)) > 64, "QuickFIX/J's store");

        // Its store, given to serve without --fix-engine: the native engine refuses it and names the fix.
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, serveUntilError(err, "--data", dir.resolve("journal").toString(), "--fix-store",
            store.toString()));
        assertEquals("serve: FIX store " + store + " holds QuickFIX/J's store (BUTB-TRADER-A.qfj-fix-session): " +
            "the native FIX engine keeps its own (*.native-fix-session); use --fix-engine qfj with it, or another " +
            "directory" + System.lineSeparator(), err.toString());
    }

    @Test
    void anUnknownFixEngineIsAUsageError() throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, serveUntilError(err, "--fix-engine", "artio"));
        assertEquals("serve: --fix-engine must be qfj or native, got 'artio'" + System.lineSeparator(),
            err.toString());
    }

    @Test
    void anUnknownWaitStrategyIsAUsageError() throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, serveUntilError(err, "--wait-strategy", "spin"));
        assertEquals("serve: --wait-strategy must be BLOCKING, SLEEPING, YIELDING or BUSY_SPIN, got 'spin'" +
            System.lineSeparator(), err.toString());
    }

    @Test
    void ioThreadsOutsideOneTo64OrWithQuickFixJAreUsageErrors() throws Exception
    {
        for (final String bad : new String[] {"0", "65"})
        {
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, serveUntilError(err, "--io-threads", bad));
            assertEquals("serve: --io-threads must be 1 to 64, got " + bad + System.lineSeparator(), err.toString());
        }
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, serveUntilError(err, "--io-threads", "2", "--fix-engine", "qfj"));
        assertEquals("serve: --io-threads is for the native FIX engine; QuickFIX/J has a thread per session" +
            System.lineSeparator(), err.toString());
    }

    /** Its threads poll instead of blocking: orders are still answered, and the server stops cleanly. */
    @Test
    void servesOrdersWithAYieldingWaitStrategyOnTwoIoThreads() throws Exception
    {
        final Serving serving = serve("--wait-strategy", "yielding", "--io-threads", "2");
        try (RawFix r = new RawFix(serving.command().server().port(), TestCatalog.TRADERS[0]))
        {
            r.logon(TestCatalog.password(TestCatalog.TRADERS[0]));
            assertNotNull(r.readType("A", 5_000), "logged on");
            r.send("D", "11=Y1|55=SMP|54=1|38=1|40=2|44=2490|59=3|60=" + RawFix.now() + "|");
            final String report = r.readType("8", 5_000);
            assertNotNull(report, "the order is answered");
            assertEquals("Y1", RawFix.field(report, 11), report);
        }
        assertEquals(0, serving.stop(), serving.out().toString());
        assertTrue(serving.out().toString().contains(
            "(TargetCompID=BUTB, FIX engine native, 2 I/O threads, wait strategy YIELDING)"), serving.out().toString());
    }

    @Test
    void aForeignFileInTheNativeFixStoreIsAOneLineErrorWithExitCode1() throws Exception
    {
        final Path store = Files.createDirectories(dir.resolve("fix"));
        final Path foreign = store.resolve("BUTB-TRADER-A" + NativeSessionStore.SUFFIX);
        Files.writeString(foreign, "not a session store, but long enough to have a header of 64 bytes.......");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, serveUntilError(err, "--data", dir.resolve("journal").toString(), "--fix-engine", "native",
            "--fix-store", store.toString()));
        assertEquals("serve: FIX store " + foreign + " is not a FIX session store (version 1): it does not " +
            "start with BUTB-FIX-SESSION" + System.lineSeparator(), err.toString());
    }

    @Test
    void aSecondServeOnTheDataDirectoryOfARunningOneIsAOneLineErrorWithExitCode1() throws Exception
    {
        final Serving first = serve();
        try
        {
            final Path data = dir.resolve("journal");
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(1, serveUntilError(err, "--data", data.toString()));
            assertEquals("serve: data directory " + data + " is in use by another running gateway (it holds " +
                data.resolve(DirectoryLocks.DATA_LOCK) + ")" + System.lineSeparator(), err.toString());
        }
        finally
        {
            assertEquals(0, first.stop(), first.out().toString());
        }
    }

    @Test
    void sectionClustersThatDoNotFitTheCatalogAreUsageErrorsInOneLine() throws Exception
    {
        assertServeError(2, "serve: give --cluster or --section-cluster, not both", "--cluster", "localhost:9100",
            "--section-cluster", "AGRI=localhost:9200");
        assertServeError(2, "serve: --cluster-secret needs --cluster or --section-cluster", "--cluster-secret",
            "s.secret");
        assertServeError(1, "serve: secret file " + Path.of("missing.secret") + ": no such file (make one with " +
            "'butb cluster secret missing.secret' and give the same file to every node and client)", "--cluster",
            "localhost:9100", "--cluster-secret", "missing.secret");
        assertServeError(2, "serve: --section-cluster 'AGRI': expected SECTION=MEMBERS, e.g. TIMBER=localhost:9100," +
            "localhost:9110,localhost:9120", "--section-cluster", "AGRI");
        assertServeError(2, "serve: --section-cluster 'wood=localhost:9100': WOOD is not a section of the instrument" +
            " catalog [AGRI, TIMBER]", "--section-cluster", "wood=localhost:9100");
        assertServeError(2, "serve: --section-cluster: section AGRI is given twice", "--section-cluster",
            "AGRI=localhost:9100", "--section-cluster", "agri=localhost:9200");
        assertServeError(2, "serve: --section-cluster: no cluster for section TIMBER; give one --section-cluster " +
            "SECTION=MEMBERS for each section of the catalog [AGRI, TIMBER]", "--section-cluster",
            "AGRI=localhost:9100");
        assertServeError(1, "serve: --section-cluster AGRI entry 1 'localhost': expected host:port, e.g. 10.0.0.1:9100",
            "--section-cluster", "AGRI=localhost", "--section-cluster", "TIMBER=localhost:9110");
    }

    private void assertServeError(final int exit, final String line, final String... args) throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(exit, serveUntilError(err, args), err.toString());
        assertEquals(line + System.lineSeparator(), err.toString());
    }

    @Test
    void numbersOutOfTheirRangesAreUsageErrorsNamingTheOption() throws Exception
    {
        assertServeError(2, "serve: --max-message-size must be at least 256 bytes, got 100", "--max-message-size",
            "100");
        assertServeError(2, "serve: --port must be 0 to 65535, got -1", "--port=-1");
        assertServeError(2, "serve: --port must be 0 to 65535, got 65536", "--port", "65536");
        assertServeError(2, "serve: --timer-ms must be 0 (off) or positive, got -5", "--timer-ms=-5");
        assertServeError(2, "serve: --stored-messages must be 0 or positive, got -1", "--stored-messages=-1");
        assertServeError(2, "serve: --max-in-flight must be at least 2, got 1", "--max-in-flight=1");
    }

    @Test
    void badCatalogIsAClearErrorWithExitCode1() throws Exception
    {
        final Path instruments = dir.resolve("instruments.csv");
        Files.writeString(instruments, "symbol,name\nX,Y\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = new CommandLine(new ServeCommand(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true))).execute("--port", "0", "--instruments", instruments.toString(),
            "--participants", dir.resolve("missing.csv").toString());
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("serve: "), err.toString());
    }

    @Test
    void aMalformedClusterMembersListIsAOneLineErrorWithExitCode1() throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = new CommandLine(new ServeCommand(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true))).execute("--port", "0", "--host", "127.0.0.1", "--data",
            dir.resolve("journal").toString(), "--cluster", "localhost:9100,localhost");
        assertEquals(1, code);
        assertEquals("serve: --cluster entry 2 'localhost': expected host:port, e.g. 10.0.0.1:9100" +
            System.lineSeparator(), err.toString());
    }

    @Test
    void aDamagedFileOfKnownLogonAddressesIsAOneLineErrorWithExitCode1AndStaysAsItWas() throws Exception
    {
        final Path data = dir.resolve("known");
        Files.createDirectories(data);
        final Path file = data.resolve(KnownAddresses.FILE);
        Files.writeString(file, "CN-BUYER-01,10.0.0.1\nCN-BUYER-01\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = serveUntilError(err, "--data", data.toString());
        assertEquals(1, code);
        assertEquals("serve: " + file + " line 2: expected CompID,address (the gateway writes this file; delete it " +
            "to forget the addresses)" + System.lineSeparator(), err.toString());
        assertEquals("CN-BUYER-01,10.0.0.1\nCN-BUYER-01\n", Files.readString(file));
    }
}
