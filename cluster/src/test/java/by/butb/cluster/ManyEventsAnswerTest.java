package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventType;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static by.butb.cluster.BundledCatalog.TIME;
import static by.butb.cluster.BundledCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command with more events than one reply message holds ({@link Protocol#EVENTS_PER_PART}) reaches the client's
 * listener whole, in one call, and the replies before and after it stay each with its own request (one node).
 */
class ManyEventsAnswerTest
{
    private static final long DAY = 86_400_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aNewDayThatExpiresManyOrdersReachesTheListenerAsOneAnswerWithEveryExpiry() throws Exception
    {
        final String members = "localhost:" + NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        try (NodeProcess node = NodeProcess.start(0, members, dir.resolve("node-0")))
        {
            final Map<Long, Integer> accepted = new HashMap<>();
            final Map<Long, Integer> expired = new HashMap<>();
            final ExchangeClient.Listener answers = (requestId, events) ->
            {
                for (int i = 0; i < events.size(); i++)
                {
                    final Map<Long, Integer> count = events.get(i).type == EventType.ACCEPTED ? accepted :
                        events.get(i).type == EventType.EXPIRED ? expired : null;
                    if (count != null)
                    {
                        count.merge(requestId, 1, Integer::sum);
                    }
                }
            };
            try (ExchangeClient client = NodeProcess.connect(members, 13, answers, node::output))
            {
                final int seller = CATALOG.participant("BY-SAVUSHKIN").index();
                final int smp = CATALOG.instrument("SMP").index();
                final int orders = 3 * Protocol.EVENTS_PER_PART + 7;
                for (int i = 1; i <= orders; i++)
                {
                    client.submit(new Command().newOrder(TIME, seller, i, smp, Side.SELL, OrderType.LIMIT,
                        TimeInForce.DAY, 259_000 + i % 10 * 500, 1_000));
                }
                final long newDay = client.submit(new Command().clock(TIME + DAY));
                final long after = client.submit(new Command().newOrder(TIME + DAY, seller, orders + 1, smp,
                    Side.SELL, OrderType.LIMIT, TimeInForce.DAY, 259_000, 1_000));
                assertTrue(NodeProcess.await(60, () ->
                {
                    client.poll();
                    return client.pending() == 0;
                }), "every request answered; unanswered " + client.pending() + ";" + node.output());

                assertEquals(orders, accepted.values().stream().mapToInt(Integer::intValue).sum() -
                    accepted.getOrDefault(after, 0), "every order accepted, each once");
                assertEquals(Map.of(newDay, orders), expired, "every expiry in the new day's one answer");
                assertEquals(1, accepted.get(after), "the order after it answered on its own");
                assertEquals(0, client.resendsAfterTimeout(), "nothing was lost and sent again");
            }
        }
    }
}
