package by.butb.gateway;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterSecret;
import by.butb.cluster.LeaderProbe;
import by.butb.cluster.NodeConfig;
import by.butb.cluster.NodeProcess;
import by.butb.cluster.StateProbe;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrderID;
import quickfix.field.Side;
import quickfix.field.TransactTime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static by.butb.gateway.Fix.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway over a cluster per section ({@code serve --section-cluster}): AGRI (section 0 of the test catalog) and
 * TIMBER (section 1) each on a one-node cluster of its own, their nodes started with {@code --section}. Orders of both
 * sections trade, each on its section's cluster, with TRADER-A's deposit share for TIMBER; cancels find their order's
 * cluster (one while its order may still be on its way); the exchange's clock reaches both; ExecIDs and OrderIDs are
 * unique across the clusters; each cluster's state equals one engine of its section fed that section's commands; and a
 * restarted gateway adopts the live orders of both clusters. Swapped sections, and one section's cluster given as the
 * whole engine's ({@code serve --cluster}), are refused at start naming the sections. With one section's cluster
 * down, the other section's orders still get through, even behind more orders for the section that is down than may
 * wait unanswered for one cluster, and the exchange's timer goes on for the other section.
 */
class GatewaySectionClusterTest
{
    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 1, 10, 0);
    /** TRADER-A: 1,000,000.00 of which 300,000.00 for TIMBER (so 700,000.00 for AGRI); TRADER-B: half each. */
    private static final String SHARES_OF_A = "TIMBER=300000.00";

    private final List<AutoCloseable> open = new ArrayList<>();
    private Path root;

    @AfterEach
    void stop() throws Exception
    {
        for (int i = open.size() - 1; i >= 0; i--)
        {
            open.get(i).close();
        }
        if (root != null)
        {
            try (Stream<Path> files = Files.walk(root))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String participantsCsv()
    {
        return "id,name,country,resident,role,clients,sections,status,deposit,currency,password_hash,deposit_shares\n" +
            "TRADER-A,A,BY,true,TRADER,,AGRI;TIMBER,ACTIVE,1000000.00,USD," + TestCatalog.hash("TRADER-A") + "," +
            SHARES_OF_A + "\n" +
            "TRADER-B,B,BY,true,TRADER,,AGRI;TIMBER,ACTIVE,1000000.00,USD," + TestCatalog.hash("TRADER-B") + ",\n";
    }

    @Test
    void theGatewayRoutesEachSectionToItsClusterWithUniqueIdsAndEachClusterEqualsOneEngineOfItsSection()
        throws Exception
    {
        final Sections sections = startSections();
        final String agri = sections.agri();
        final String timber = sections.timber();
        final NodeProcess agriNode = sections.agriNode();
        final NodeProcess timberNode = sections.timberNode();
        final Catalog catalog = CatalogLoader.fromText(TestCatalog.INSTRUMENTS, participantsCsv());
        final GatewayOptions options = new GatewayOptions().catalog(catalog)
            .credentials(ParticipantsFile.credentialsFromText(participantsCsv())).host("127.0.0.1").port(0)
            .clientTime(true).clusterStartTimeoutMillis(60_000).dataDirectory(root.resolve("gateway"))
            .fixEngine(FixEngine.QFJ);

        final String swapped = assertThrows(IllegalStateException.class, () -> GatewayServer.start(options
            .sectionClusters(Map.of("AGRI", members(timber), "TIMBER", members(agri)), "localhost"))).getMessage();
        assertTrue(swapped.startsWith("the cluster runs with guarantee-bps=1000 fee-bps=10 schedule=none " +
            "section=TIMBER, this gateway with guarantee-bps=1000 fee-bps=10 schedule=none section=AGRI"), swapped +
            agriNode.output() + timberNode.output());

        final String oneSection = assertThrows(IllegalStateException.class, () -> GatewayServer.start(
            new GatewayOptions().catalog(catalog).credentials(ParticipantsFile.credentialsFromText(participantsCsv()))
                .host("127.0.0.1").port(0).clientTime(true).clusterStartTimeoutMillis(60_000)
                .dataDirectory(root.resolve("gateway-one")).fixEngine(FixEngine.QFJ)
                .cluster(members(agri), "localhost"))).getMessage();
        assertTrue(oneSection.contains("the cluster trades section AGRI only (its nodes started with --section AGRI):" +
            " a gateway on one cluster needs a cluster of every section, whose nodes start without --section; for a" +
            " cluster per section give --section-cluster SECTION=MEMBERS for each"), oneSection);

        final GatewayServer server = opened(GatewayServer.start(options
            .sectionClusters(Map.of("AGRI", members(agri), "TIMBER", members(timber)), "localhost")));
        assertTrue(server.engineDescription().startsWith("section AGRI on the cluster "), server.engineDescription());
        final FixClient a = opened(FixClient.logon(server.port(), "TRADER-A"));
        final FixClient b = opened(FixClient.logon(server.port(), "TRADER-B"));
        final List<Message> reports = new ArrayList<>();

        a.send(at(0, Fix.limit("S1", "SMP", Side.SELL, "10", "2500")));
        reports.add(expect(a, ExecType.NEW));
        b.send(at(1, Fix.limit("B1", "SMP", Side.BUY, "4", "2500")));
        reports.add(expect(b, ExecType.NEW));
        reports.add(expect(b, ExecType.TRADE));
        reports.add(expect(a, ExecType.TRADE));
        a.send(at(2, Fix.limit("S2", "TIMBER_SW", Side.SELL, "5", "180")));
        reports.add(expect(a, ExecType.NEW));
        b.send(at(3, Fix.limit("B2", "TIMBER_SW", Side.BUY, "5", "180")));
        reports.add(expect(b, ExecType.NEW));
        reports.add(expect(b, ExecType.TRADE));
        reports.add(expect(a, ExecType.TRADE));
        // 20,000 m3 at 180.00 blocks 360,000.00: more than A's TIMBER share; 1,440 t at 2,400.00 (345,600.00) fits
        // in its AGRI share.
        a.send(at(4, Fix.limit("S3", "TIMBER_SW", Side.BUY, "20000", "180")));
        final Message rejected = expect(a, ExecType.REJECTED);
        assertEquals(OrdRejReason.ORDER_EXCEEDS_LIMIT, rejected.getInt(OrdRejReason.FIELD), rejected.toString());
        reports.add(rejected);
        a.send(at(5, Fix.limit("S4", "SMP", Side.BUY, "1440", "2400")));
        reports.add(expect(a, ExecType.NEW));
        a.send(at(6, Fix.cancel("C1", "S1", "SMP", Side.SELL)));
        reports.add(expect(a, ExecType.CANCELED));
        a.send(at(7, Fix.limit("S5", "TIMBER_SW", Side.SELL, "1", "200")));
        a.send(at(8, Fix.cancel("C2", "S5", "TIMBER_SW", Side.SELL)));
        reports.add(expect(a, ExecType.NEW));
        reports.add(expect(a, ExecType.CANCELED));

        final Set<String> execIds = new HashSet<>();
        for (final Message r : reports)
        {
            assertTrue(execIds.add(r.getString(ExecID.FIELD)), "ExecIDs unique: " + r);
            if (r.isSetField(OrderID.FIELD) && !"NONE".equals(r.getString(OrderID.FIELD)) &&
                r.isSetField(quickfix.field.Symbol.FIELD))
            {
                final long orderId = Long.parseLong(r.getString(OrderID.FIELD));
                final boolean timberOrder = r.getString(quickfix.field.Symbol.FIELD).equals("TIMBER_SW");
                assertEquals(timberOrder ? 1 : 0, SectionScope.sectionOfId(orderId, 2), "OrderID of its section: " + r);
            }
        }

        server.advanceClock(nanos(9));
        server.drain();
        final MatchingEngine[] expected = singleEngines(catalog);
        final String[] clusters = {agri, timber};
        for (int s = 0; s < 2; s++)
        {
            final StateProbe probe = LeaderProbe.ask(members(clusters[s]), ClusterSecret.NONE, "localhost", 1,
                TimeUnit.SECONDS.toNanos(60));
            assertEquals(expected[s].lastSequence(), probe.sequence(), catalog.sections().get(s) + "'s log");
            assertEquals(expected[s].stateHash(), probe.hash(), catalog.sections().get(s) + "'s cluster equals one" +
                " engine of its section fed its commands");
            assertEquals(expected[s].stateHash(), server.engines().get(s).stateHash(), "and so does its mirror");
        }

        // A new gateway on the same data directory, on the native FIX engine this time, adopts the live orders of
        // both clusters with their ClOrdIDs.
        List.of(a, b).forEach(FixClient::close);
        server.close();
        final GatewayServer restarted = opened(GatewayServer.start(options.fixEngine(FixEngine.NATIVE)));
        final FixClient again = opened(FixClient.logon(restarted.port(), "TRADER-A"));
        again.send(at(10, Fix.cancel("C3", "S4", "SMP", Side.BUY)));
        final Message cancelled = expect(again, ExecType.CANCELED);
        assertEquals("S4", cancelled.getString(quickfix.field.OrigClOrdID.FIELD));
    }

    @Test
    void theOtherSectionsOrdersAndClockGoOnWhileOneSectionsClusterIsDown() throws Exception
    {
        final Sections sections = startSections();
        final String agri = sections.agri();
        final String timber = sections.timber();
        final NodeProcess agriNode = sections.agriNode();
        final Catalog catalog = CatalogLoader.fromText(TestCatalog.INSTRUMENTS, participantsCsv());
        final GatewayServer server = opened(GatewayServer.start(new GatewayOptions().catalog(catalog)
            .credentials(ParticipantsFile.credentialsFromText(participantsCsv())).host("127.0.0.1").port(0)
            .clientTime(true).clusterStartTimeoutMillis(60_000).dataDirectory(root.resolve("gateway"))
            .sectionClusters(Map.of("AGRI", members(agri), "TIMBER", members(timber)), "localhost")));
        final FixClient a = opened(FixClient.logon(server.port(), "TRADER-A"));
        a.send(at(0, Fix.limit("S1", "TIMBER_SW", Side.SELL, "5", "180"))); // a DAY order, resting
        expect(a, ExecType.NEW);
        a.send(at(0, Fix.limit("S0", "SMP", Side.SELL, "5", "2500")));
        expect(a, ExecType.NEW);
        server.advanceClock(nanos(0) - 1_000); // raised to the orders' time (client time); applied before it returns
        assertEquals(1, server.engines().get(1).lastSequence(), "TIMBER's mirror applied the order, then the clock");
        assertEquals(1, server.engines().get(0).lastSequence(), "and so did AGRI's");

        agriNode.kill(); // AGRI's cluster has no leader from now on
        // more of AGRI's orders than may wait unanswered for one cluster: TIMBER's orders still get through
        for (int i = 0; i < ClusterLink.MAX_IN_FLIGHT + 100; i++)
        {
            a.send(at(0, Fix.limit("A" + i, "SMP", Side.SELL, "1", "2500")));
        }
        a.send(at(0, Fix.limit("S2", "TIMBER_SW", Side.SELL, "5", "180")));
        assertEquals("S2", expect(a, ExecType.NEW).getString(quickfix.field.ClOrdID.FIELD));
        final AtomicInteger ticks = new AtomicInteger();
        final Thread timer = new Thread(() ->
        {
            // as ServeCommand's timer: a tick every 100 ms, the first still on the order's day, then the next day's
            for (int i = 1; i <= 100 && !Thread.currentThread().isInterrupted(); i++)
            {
                try
                {
                    Thread.sleep(100);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                server.advanceClock(i == 1 ? nanos(1_000) : nanos(0) + TimeUnit.DAYS.toNanos(1) + i);
                ticks.incrementAndGet();
            }
        }, "test-timer");
        timer.setDaemon(true);
        timer.start();
        open.add(timer::interrupt);

        assertEquals(Set.of("S1", "S2"), Set.of(expect(a, ExecType.EXPIRED).getString(quickfix.field.ClOrdID.FIELD),
            expect(a, ExecType.EXPIRED).getString(quickfix.field.ClOrdID.FIELD)), "TIMBER's DAY orders expire");
        final int before = ticks.get();
        assertTrue(NodeProcess.await(10, () -> ticks.get() >= before + 10), "the timer goes on: " + ticks.get() +
            " ticks, " + before + " when the order expired");
    }

    /** The members of AGRI's and TIMBER's one-node clusters, and their nodes. */
    private record Sections(String agri, String timber, NodeProcess agriNode, NodeProcess timberNode)
    {
    }

    /** Starts a one-node cluster of AGRI and one of TIMBER on the test catalog, in a new {@link #root}. */
    private Sections startSections() throws Exception
    {
        root = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of("target"), "gateway-sections-");
        final Path instruments = Files.writeString(root.resolve("instruments.csv"), TestCatalog.INSTRUMENTS);
        final Path participants = Files.writeString(root.resolve("participants.csv"), participantsCsv());
        final int base = NodeProcess.freePorts(20);
        final String agri = "localhost:" + base;
        final String timber = "localhost:" + (base + 10);
        return new Sections(agri, timber, opened(NodeProcess.start(0, agri, root.resolve("agri-0"), instruments,
            participants, "--section", "AGRI")), opened(NodeProcess.start(0, timber, root.resolve("timber-0"),
            instruments, participants, "--section", "TIMBER")));
    }

    /** One engine per section in this process, fed the commands the gateway made of the messages above. */
    private static MatchingEngine[] singleEngines(final Catalog catalog)
    {
        final int a = catalog.participant("TRADER-A").index();
        final int b = catalog.participant("TRADER-B").index();
        final int smp = catalog.instrument("SMP").index();
        final int timber = catalog.instrument("TIMBER_SW").index();
        final MatchingEngine agriEngine = engine(catalog, "AGRI");
        final MatchingEngine timberEngine = engine(catalog, "TIMBER");
        final by.butb.engine.model.Side sell = by.butb.engine.model.Side.SELL;
        final by.butb.engine.model.Side buy = by.butb.engine.model.Side.BUY;
        apply(agriEngine, order(0, a, 1, smp, sell, 2500, 10));
        apply(agriEngine, order(1, b, 1, smp, buy, 2500, 4));
        apply(timberEngine, order(2, a, 2, timber, sell, 180, 5));
        apply(timberEngine, order(3, b, 2, timber, buy, 180, 5));
        apply(timberEngine, order(4, a, 3, timber, buy, 180, 20_000));
        apply(agriEngine, order(5, a, 4, smp, buy, 2400, 1440));
        apply(agriEngine, new Command().cancel(nanos(6), a, 1));
        apply(timberEngine, order(7, a, 5, timber, sell, 200, 1));
        apply(timberEngine, new Command().cancel(nanos(8), a, 5));
        apply(agriEngine, new Command().clock(nanos(9)));
        apply(timberEngine, new Command().clock(nanos(9)));
        return new MatchingEngine[] {agriEngine, timberEngine};
    }

    private static MatchingEngine engine(final Catalog catalog, final String section)
    {
        return new MatchingEngine(catalog, MarketRules.DEFAULT, SessionSchedule.NONE, NodeConfig.EXPECTED_ORDERS,
            SectionScope.of(catalog, section));
    }

    private static Command order(final int i, final int owner, final long clientOrderId, final int instrument,
        final by.butb.engine.model.Side side, final long price, final long quantity)
    {
        return new Command().newOrder(nanos(i), owner, clientOrderId, instrument, side, OrderType.LIMIT,
            TimeInForce.DAY, price * 100, quantity * 1000);
    }

    private static void apply(final MatchingEngine engine, final Command command)
    {
        command.sequence = engine.lastSequence() + 1;
        engine.process(command, new EventList());
    }

    private static ClusterMembers members(final String list)
    {
        return ClusterMembers.parse(list);
    }

    /** {@code m} with TransactTime {@code START + i} ms: the engine's time in client time mode. */
    private static <M extends Message> M at(final int i, final M m)
    {
        m.setField(new TransactTime(START.plusNanos(TimeUnit.MILLISECONDS.toNanos(i))));
        return m;
    }

    private static long nanos(final int i)
    {
        final LocalDateTime t = START.plusNanos(TimeUnit.MILLISECONDS.toNanos(i));
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
    }

    private static Message expect(final FixClient client, final char execType) throws Exception
    {
        final Message m = client.next(MsgType.EXECUTION_REPORT);
        assertEquals(execType, c(m, ExecType.FIELD), m.toString());
        return m;
    }

    private <T extends AutoCloseable> T opened(final T closeable)
    {
        open.add(closeable);
        return closeable;
    }
}
