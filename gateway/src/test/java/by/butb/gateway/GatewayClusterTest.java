package by.butb.gateway;

import by.butb.cluster.ClusterConfigException;
import by.butb.cluster.ClusterSecret;
import by.butb.cluster.NodeConfig;
import by.butb.cluster.NodeProcess;
import by.butb.cluster.StateProbe;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecType;
import quickfix.field.MDEntryType;
import quickfix.field.MDUpdateAction;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.OrdStatus;
import quickfix.field.Side;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static by.butb.gateway.Fix.c;
import static by.butb.gateway.Fix.d;
import static by.butb.gateway.Fix.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway with its engine on a cluster ({@code serve --cluster}): three nodes, each its own JVM on the loopback,
 * and QuickFIX/J clients. A gateway with other rules or another catalog than the nodes' does not start; orders,
 * fills and market data work as with the engine in the process (QuickFIX/J), a restarted gateway (on the native FIX
 * engine) takes the cluster's state with its orders' ClOrdIDs, a second writer stops the gateway, and the orders
 * acknowledged to a client survive the kill of the leader's process in mid-stream, each exactly once (on either FIX
 * engine), with nodes that share a secret, which a gateway without it is refused for.
 */
class GatewayClusterTest
{
    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 1, 10, 0);
    private static final int ORDERS = 600;
    private static final int KILL_AT = 200;
    private static final int WINDOW = 50;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception
    {
        for (int i = open.size() - 1; i >= 0; i--)
        {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(final T closeable)
    {
        open.add(closeable);
        return closeable;
    }

    @Test
    void shouldCheckTheRulesTradeSurviveARestartAndStopWhenAnotherClientWrites() throws Exception
    {
        final TestCluster cluster = opened(new TestCluster());
        cluster.leader();
        final String otherRules = assertThrows(IllegalStateException.class, () -> GatewayServer.start(
            cluster.gatewayOptions().rules(new MarketRules(500, 10)))).getMessage();
        assertTrue(otherRules.startsWith("the cluster runs with guarantee-bps=1000 fee-bps=10 schedule=none, this " +
            "gateway with guarantee-bps=500 "), otherRules);
        final String otherCatalog = assertThrows(IllegalStateException.class, () -> GatewayServer.start(
            cluster.gatewayOptions().catalog(CatalogLoader.fromText(TestCatalog.INSTRUMENTS,
                TestCatalog.participantsCsv().replace("NOPW,", "NOPW2,"))))).getMessage();
        assertTrue(otherCatalog.contains("another instrument catalog or participants file"), otherCatalog);
        final GatewayServer server = opened(GatewayServer.start(cluster.gatewayOptions().fixEngine(FixEngine.QFJ)));
        assertTrue(server.engineDescription().startsWith("engine on the cluster "), server.engineDescription());
        final FixClient a = opened(FixClient.logon(server.port(), "TRADER-A"));
        final FixClient b = opened(FixClient.logon(server.port(), "TRADER-B"));
        final FixClient watcher = opened(FixClient.logon(server.port(), "TRADER-C"));

        a.send(Fix.limit("S1", "SMP", Side.SELL, "10", "2500"));
        assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        watcher.send(Fix.marketData("MD1", SubscriptionRequestType.SNAPSHOT_UPDATES, "SMP"));
        final Message snapshot = watcher.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        assertEquals(1, snapshot.getInt(NoMDEntries.FIELD));
        assertEquals(MDEntryType.OFFER, snapshot.getGroup(1, NoMDEntries.FIELD).getChar(MDEntryType.FIELD));

        b.send(Fix.limit("B1", "SMP", Side.BUY, "4", "2500"));
        assertEquals(ExecType.NEW, c(b.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        final Message fill = b.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.TRADE, c(fill, ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, c(fill, OrdStatus.FIELD));
        final Message sellerFill = a.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.TRADE, c(sellerFill, ExecType.FIELD));
        assertEquals(4.0, d(sellerFill, CumQty.FIELD));
        final Message update = watcher.next(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
        final Group trade = update.getGroup(2, NoMDEntries.FIELD);
        assertEquals(MDUpdateAction.NEW, trade.getChar(MDUpdateAction.FIELD));
        assertEquals(MDEntryType.TRADE, trade.getChar(MDEntryType.FIELD));

        server.drain();
        final StateProbe probe = cluster.probe(1);
        assertEquals(1, probe.sequence(), "two commands in the log");
        assertEquals(server.engineHost().engine().stateHash(), probe.hash(),
            "the gateway's engine equals the cluster's");
        assertEquals(1, probe.liveOrders());

        // A new gateway on the same data directory, on the native FIX engine this time, takes the cluster's state:
        // S1 is still live under its ClOrdID.
        List.of(a, b, watcher).forEach(FixClient::close);
        server.close();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final GatewayServer restarted = opened(GatewayServer.start(cluster.gatewayOptions()
            .fixEngine(FixEngine.NATIVE).onFailure(failures::add)));
        final FixClient again = opened(FixClient.logon(restarted.port(), "TRADER-A"));
        again.send(Fix.cancel("C1", "S1", "SMP", Side.SELL));
        final Message cancelled = again.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.CANCELED, c(cancelled, ExecType.FIELD));
        assertEquals("S1", s(cancelled, quickfix.field.OrigClOrdID.FIELD));
        assertEquals(4.0, d(cancelled, CumQty.FIELD), "the fill before the restart counts");

        // A second writer: the gateway's engine no longer equals the cluster's, and the gateway stops.
        final Catalog catalog = restarted.engineHost().engine().catalog();
        cluster.submitAsAnotherWriter(new Command().newOrder(nanos(START), catalog.participant("TRADER-C").index(), 1,
            catalog.instrument("SMP").index(), by.butb.engine.model.Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            240_000, 1_000));
        again.send(Fix.limit("S2", "SMP", Side.SELL, "1", "2600"));
        assertTrue(NodeProcess.await(60, () -> !failures.isEmpty()), "the gateway noticed");
        assertTrue(failures.get(0).startsWith("the gateway's engine and the cluster's differ at sequence 3"),
            failures.get(0));
    }

    @ParameterizedTest
    @EnumSource(FixEngine.class)
    void shouldKeepEveryAcknowledgedOrderExactlyOnceAcrossALeaderFailover(final FixEngine fixEngine) throws Exception
    {
        final TestCluster cluster = opened(new TestCluster(true));
        final int killed = cluster.leader();
        final String refused = assertThrows(ClusterConfigException.class, () -> GatewayServer.start(
            cluster.gatewayOptions().clusterSecret(ClusterSecret.NONE))).getMessage();
        assertTrue(refused.contains("refused this client") && refused.contains("this client has no secret"), refused);
        final GatewayServer server = opened(GatewayServer.start(cluster.gatewayOptions().clientTime(true)
            .fixEngine(fixEngine)));
        final FixClient a = opened(FixClient.logon(server.port(), "TRADER-A"));

        final Set<String> acknowledged = new HashSet<>();
        int sent = 0;
        long killedAt = 0;
        int acknowledgedAtKill = 0;
        long lastAcknowledged = 0;
        long longestWait = 0;
        while (acknowledged.size() < ORDERS)
        {
            while (sent < ORDERS && sent - acknowledged.size() < WINDOW)
            {
                a.send(buy(sent++));
                if (sent == KILL_AT)
                {
                    cluster.kill(killed);
                    killedAt = System.nanoTime();
                    acknowledgedAtKill = acknowledged.size();
                }
            }
            final Message m = a.received.poll(60, TimeUnit.SECONDS);
            assertNotNull(m, acknowledged.size() + " of " + ORDERS + " orders acknowledged" + cluster.outputs());
            assertEquals(ExecType.NEW, c(m, ExecType.FIELD), m.toString());
            assertTrue(acknowledged.add(s(m, ClOrdID.FIELD)), "acknowledged once: " + m);
            final long now = System.nanoTime();
            if (killedAt != 0)
            {
                longestWait = Math.max(longestWait, now - Math.max(lastAcknowledged, killedAt));
            }
            lastAcknowledged = now;
        }
        final int leader = cluster.leader();
        assertNotEquals(killed, leader, "another node leads");
        System.out.println("GatewayClusterTest (" + fixEngine.optionValue() + "): node " + killed + " killed with " +
            (KILL_AT - acknowledgedAtKill) + " orders unacknowledged; the longest wait for an acknowledgement after " +
            "it " + TimeUnit.NANOSECONDS.toMillis(longestWait) + " ms, node " + leader + " leading; " +
            ((ClusterMirror)server.engineHost()).alreadyApplied() + " commands answered as already applied");

        final FixClient b = opened(FixClient.logon(server.port(), "TRADER-B"));
        final NewOrderSingle sell = Fix.limit("SELL1", "SMP", Side.SELL, "3", "2300");
        sell.setField(new TransactTime(time(ORDERS)));
        b.send(sell);
        assertEquals(ExecType.NEW, c(b.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        final Message filled = b.next(m -> c(m, OrdStatus.FIELD) == OrdStatus.FILLED);
        assertEquals(3.0, d(filled, CumQty.FIELD), "the client trades after the failover");

        server.drain();
        final StateProbe probe = cluster.probe(1);
        final MatchingEngine expected = singleProcess(server.engineHost().engine().catalog());
        assertEquals(expected.lastSequence(), probe.sequence(), "each command once in the log");
        assertEquals(expected.liveOrderCount(), probe.liveOrders());
        assertEquals(expected.stateHash(), probe.hash(), "the cluster's state equals one engine fed the orders");
        assertEquals(expected.stateHash(), server.engineHost().engine().stateHash(),
            "and so does the gateway's engine");
        for (int node = 0; node < 3; node++)
        {
            if (node != killed)
            {
                assertEquals(probe, cluster.probeOf(node, 1), "survivor " + node + "'s state");
            }
        }
    }

    /** TRADER-A's order {@code i}: a GTC bid for 1 t of SMP, below the others' offers, at time {@code i} ms. */
    private static NewOrderSingle buy(final int i)
    {
        final NewOrderSingle m = Fix.order("A" + i, "SMP", Side.BUY, "1", String.valueOf(2300 + i % 100),
            quickfix.field.OrdType.LIMIT, quickfix.field.TimeInForce.GOOD_TILL_CANCEL);
        m.setField(new TransactTime(time(i)));
        return m;
    }

    private static LocalDateTime time(final int i)
    {
        return START.plusNanos(TimeUnit.MILLISECONDS.toNanos(i));
    }

    /** One engine in this process fed the commands the gateway made of the acknowledged orders, in order. */
    private static MatchingEngine singleProcess(final Catalog catalog)
    {
        final MatchingEngine engine = new MatchingEngine(catalog, MarketRules.DEFAULT, SessionSchedule.NONE,
            NodeConfig.EXPECTED_ORDERS);
        final int smp = catalog.instrument("SMP").index();
        final EventList events = new EventList();
        final Command command = new Command();
        for (int i = 0; i <= ORDERS; i++)
        {
            final boolean buy = i < ORDERS;
            command.clear();
            command.newOrder(nanos(time(i)), catalog.participant(buy ? "TRADER-A" : "TRADER-B").index(),
                buy ? i + 1 : 1, smp, buy ? by.butb.engine.model.Side.BUY : by.butb.engine.model.Side.SELL,
                OrderType.LIMIT, buy ? TimeInForce.GTC : TimeInForce.DAY, (buy ? 2300 + i % 100 : 2300) * 100L,
                (buy ? 1 : 3) * 1000L);
            command.sequence = engine.lastSequence() + 1;
            events.clear();
            engine.process(command, events);
        }
        return engine;
    }

    private static long nanos(final LocalDateTime utc)
    {
        return utc.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + utc.getNano();
    }
}
