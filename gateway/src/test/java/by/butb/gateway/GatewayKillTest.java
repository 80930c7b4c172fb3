package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.journal.Journal;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a gateway process ({@code --fix-store}) with SIGKILL while two clients stream crossing orders at it, starts
 * a gateway on its directories (which makes again the reports the kill caught, {@link ReportRecovery}) and stops
 * it; or closes a gateway in the middle of such a stream. Then every order the engine journaled must have a report
 * in its owner's FIX store, and every trade a report in both sides' stores, so that each gets it at its next logon.
 * The native engine with one I/O thread and with three ({@link StoredReports}), and QuickFIX/J.
 */
class GatewayKillTest
{
    private static final int ORDERS_PER_CLIENT = 3_000;

    @TempDir
    Path dir;

    static GatewayOptions options(final Path dir, final FixEngine engine, final int ioThreads)
    {
        return TestCatalog.options().fixEngine(engine).ioThreads(ioThreads)
            .dataDirectory(dir.resolve("journal")).fixStoreDirectory(dir.resolve("fix"));
    }

    @ParameterizedTest(name = "{0}, {1} I/O threads")
    @CsvSource({"NATIVE, 1", "NATIVE, 3", "QFJ, 1"})
    @Timeout(120)
    void everyJournaledOrderHasItsReportsInTheStoresAfterAKill(final FixEngine engine, final int ioThreads)
        throws Exception
    {
        final Process child = startChild(engine, ioThreads);
        final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(child::destroyForcibly, 90, TimeUnit.SECONDS); // a hung child ends blocked reads and writes
        try
        {
            final int port = port(child);
            try (RawFix a = loggedOn(port, "TRADER-A"); RawFix b = loggedOn(port, "TRADER-B"))
            {
                stream(a, b);
                child.destroyForcibly(); // while the gateway is still working through the stream
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the gateway process ended");
            }
        }
        finally
        {
            child.destroyForcibly();
            watchdog.shutdownNow();
        }

        GatewayServer.start(options(dir, engine, ioThreads)).close(); // recovers, makes reports again, stores them
        assertEveryJournaledOrderReported(engine);
    }

    @ParameterizedTest(name = "{0}, {1} I/O threads")
    @CsvSource({"NATIVE, 1", "NATIVE, 3", "QFJ, 1"})
    @Timeout(120)
    void everyJournaledOrderHasItsReportsInTheStoresAfterACloseInMidStream(final FixEngine engine,
        final int ioThreads) throws Exception
    {
        final GatewayServer server = GatewayServer.start(options(dir, engine, ioThreads));
        try (RawFix a = loggedOn(server.port(), "TRADER-A"); RawFix b = loggedOn(server.port(), "TRADER-B"))
        {
            stream(a, b);
            server.close(); // drains the commands in flight: their reports are stored before the sessions end
        }
        finally
        {
            server.close();
        }
        assertEveryJournaledOrderReported(engine);
    }

    /**
     * A's resting sells and B's IOC buys against them, as fast as the socket takes them; returns once B's have gone
     * out, with the gateway still at work on them.
     */
    private static void stream(final RawFix a, final RawFix b) throws Exception
    {
        for (int i = 0; i < ORDERS_PER_CLIENT; i++)
        {
            a.send("D", "11=S" + i + "|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2500|59=1|");
            b.send("D", "11=B" + i + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2500|59=3|");
            if (i == ORDERS_PER_CLIENT / 2)
            {
                assertNotNull(a.readType("8", 30_000), "the gateway reports while the stream goes on");
            }
        }
    }

    /**
     * Every order the engine journaled has a report in its owner's store (its acknowledgement, at least), and every
     * fill either side's store holds is in the other side's store too (a trade is reported to both).
     */
    private void assertEveryJournaledOrderReported(final FixEngine engine) throws Exception
    {
        final Map<Long, String> journaled = journaledOrders();
        assertTrue(journaled.size() > 0, "the gateway journaled orders");
        final Map<String, Set<Long>> reported = new HashMap<>();
        final Map<String, Set<Long>> filled = new HashMap<>();
        for (final String participant : new String[] {"TRADER-A", "TRADER-B"})
        {
            reported.put(participant, new HashSet<>());
            filled.put(participant, new HashSet<>());
            readReports(engine, participant, reported.get(participant), filled.get(participant));
        }
        final TreeSet<Long> missing = new TreeSet<>();
        journaled.forEach((sequence, owner) ->
        {
            if (!reported.get(owner).contains(sequence))
            {
                missing.add(sequence);
            }
        });
        assertTrue(missing.isEmpty(), missing.size() + " of " + journaled.size() + " journaled orders have no report " +
            "stored for their owner, among them commands " + missing.stream().limit(10).toList());
        final TreeSet<Long> oneSided = new TreeSet<>(filled.get("TRADER-A"));
        oneSided.addAll(filled.get("TRADER-B"));
        oneSided.removeIf(c -> filled.get("TRADER-A").contains(c) && filled.get("TRADER-B").contains(c));
        assertTrue(oneSided.isEmpty(), oneSided.size() + " trades are in one side's store only, among them " +
            "commands " + oneSided.stream().limit(10).toList());
    }

    private Process startChild(final FixEngine engine, final int ioThreads) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KillableGatewayMain.class.getName());
        command.add(dir.toString());
        command.add(engine.name());
        command.add(Integer.toString(ioThreads));
        return new ProcessBuilder(command).redirectError(dir.resolve("gateway.err").toFile()).start();
    }

    private int port(final Process child) throws Exception
    {
        final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null)
        {
            if (line.startsWith("PORT "))
            {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("the gateway process ended before it listened: " +
            Files.readString(dir.resolve("gateway.err")));
    }

    private static RawFix loggedOn(final int port, final String participant) throws Exception
    {
        final RawFix r = new RawFix(port, participant);
        r.logon(TestCatalog.password(participant));
        assertNotNull(r.readType("A", 10_000), participant + " logged on");
        return r;
    }

    /** The engine journal's new orders: command sequence to owner. */
    private Map<Long, String> journaledOrders()
    {
        final Map<Long, String> orders = new HashMap<>();
        try (Journal journal = new Journal(dir.resolve("journal")))
        {
            journal.readCommands(new Command(), c ->
            {
                if (c.type == CommandType.NEW_ORDER)
                {
                    orders.put(c.sequence, TestCatalog.catalog().participant(c.submitter).id());
                }
            });
        }
        return orders;
    }

    /**
     * Reads {@code participant}'s store: the commands it holds an ExecutionReport of (ExecID: command sequence, '-',
     * index) into {@code reported}, those of fills into {@code filled}.
     */
    private void readReports(final FixEngine engine, final String participant, final Set<Long> reported,
        final Set<Long> filled) throws Exception
    {
        for (final String message : storedMessages(engine, participant))
        {
            final String text = message.replace(RawFix.SOH, '|');
            if ("8".equals(field(text, 35)))
            {
                final String execId = field(text, 17);
                final long command = Long.parseLong(execId.substring(0, execId.indexOf('-')));
                reported.add(command);
                if ("F".equals(field(text, 150)))
                {
                    filled.add(command);
                }
            }
        }
    }

    /** What the gateway stored as sent to {@code participant}, read from its engine's store. */
    private List<String> storedMessages(final FixEngine engine, final String participant) throws Exception
    {
        final List<String> messages = new ArrayList<>();
        final Path file = engine == FixEngine.QFJ ?
            QfjSessionStores.file(dir.resolve("fix"), GatewayOptions.DEFAULT_COMP_ID, participant) :
            dir.resolve("fix").resolve(GatewayOptions.DEFAULT_COMP_ID + "-" + participant + NativeSessionStore.SUFFIX);
        try (NativeSessionStore store = NativeSessionStore.open(file))
        {
            for (int seq = 1; seq < store.nextSenderSeq(); seq++)
            {
                final byte[] message = store.message(seq);
                if (message != null)
                {
                    messages.add(new String(message, 0, store.length(), StandardCharsets.US_ASCII));
                }
            }
        }
        return messages;
    }
}
