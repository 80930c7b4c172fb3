package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static by.butb.cluster.BundledCatalog.TIME;
import static by.butb.cluster.BundledCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node started with {@code --section AGRI} (one member, the bundled catalog: TIMBER is section 0, AGRI section 1)
 * refuses an order for an instrument of TIMBER with {@link ResultCode#SECTION_ELSEWHERE}, accepts one of AGRI with
 * an id of AGRI's numbering, and names its section in the state it sends a client.
 */
class SectionNodeTest
{

    @TempDir
    Path dir;

    @Test
    void aSectionsNodeRefusesAnotherSectionsInstrumentAndNumbersIdsFromItsSection() throws Exception
    {
        final String members = "localhost:" + NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        try (NodeProcess node = NodeProcess.start(0, members, dir.resolve("agri-0"), "--section", "agri"))
        {
            final Answers answers = new Answers();
            try (ExchangeClient client = NodeProcess.connect(members, 11, answers, node::output))
            {
                final int seller = CATALOG.participant("BY-SAVUSHKIN").index();
                final long timber = client.submit(new Command().newOrder(TIME, seller, 1,
                    CATALOG.instrument("TIMBER_SW").index(), Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 18_000,
                    1_000));
                final long smp = client.submit(new Command().newOrder(TIME, seller, 2,
                    CATALOG.instrument("SMP").index(), Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 250_000, 1_000));
                assertTrue(NodeProcess.await(30, () ->
                {
                    client.poll();
                    return answers.events.containsKey(smp);
                }), "answered" + node.output());
                assertEquals(EventType.REJECTED, answers.events.get(timber).type);
                assertEquals(ResultCode.SECTION_ELSEWHERE, answers.events.get(timber).code);
                assertEquals(EventType.ACCEPTED, answers.events.get(smp).type);
                assertEquals(2, answers.events.get(smp).exchangeOrderId, "AGRI's ids are 2, 4, 6, ...");
                assertTrue(NodeProcess.await(10, () -> node.printed("node 0 (AGRI): no --secret: any host that " +
                    "reaches this node's ports can submit commands")), "warned" + node.output());
                final Path secretFile = dir.resolve("c.secret");
                ClusterSecret.create(secretFile);
                final ClusterConfigException refused = assertThrows(ClusterConfigException.class, () ->
                    new ExchangeClient(ClusterMembers.parse(members), ClusterSecret.read(secretFile), "localhost", 12,
                    answers).close());
                assertTrue(refused.getMessage().contains("this client's secret is not the nodes', or the nodes " +
                    "have none"), "a client with a secret is told at once, not answered 'malformed' for every " +
                    "command: " + refused.getMessage());

                assertTrue(client.requestState(1));
                assertTrue(NodeProcess.await(30, () ->
                {
                    client.poll();
                    return answers.state != null;
                }), "state answered" + node.output());
                final String rules = new DataInputStream(new ByteArrayInputStream(answers.state)).readUTF();
                assertTrue(rules.endsWith(" section=AGRI"), rules);
            }
        }
    }


    /** The first event of each answered request, and the state. Polled on the test's thread. */
    private static final class Answers implements ExchangeClient.Listener
    {
        final Map<Long, EngineEvent> events = new ConcurrentHashMap<>();
        volatile byte[] state;

        @Override
        public void onEvents(final long requestId, final EventList list)
        {
            final EngineEvent copy = new EngineEvent();
            copy.copyFrom(list.get(0));
            events.put(requestId, copy);
        }

        @Override
        public void onState(final long requestId, final byte[] bytes)
        {
            state = bytes;
        }
    }
}
