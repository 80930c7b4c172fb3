package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static by.butb.cluster.BundledCatalog.TIME;
import static by.butb.cluster.BundledCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An answer the leader could not deliver (it gives up after about a second of back-pressure) is not waited for for
 * ever: once the oldest unanswered request has waited {@link ExchangeClient#RESEND_AFTER_NS}, the client sends it
 * again and the node answers it "already applied" (one node; the lost answer is dropped as it arrives).
 */
class LostAnswerTest
{

    @TempDir
    Path dir;

    @Test
    void aRequestWhoseAnswerWasLostIsSentAgainAndAnsweredAsAlreadyApplied() throws Exception
    {
        final String members = "localhost:" + NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        try (NodeProcess node = NodeProcess.start(0, members, dir.resolve("node-0")))
        {
            final Set<Long> withEvents = ConcurrentHashMap.newKeySet();
            final Set<Long> alreadyApplied = ConcurrentHashMap.newKeySet();
            final AtomicInteger leaders = new AtomicInteger();
            final ExchangeClient.Listener answers = new ExchangeClient.Listener()
            {
                @Override
                public void onEvents(final long requestId, final EventList events)
                {
                    withEvents.add(requestId);
                }

                @Override
                public void onAlreadyApplied(final long requestId)
                {
                    alreadyApplied.add(requestId);
                }

                @Override
                public void onLeader(final int leaderMemberId)
                {
                    leaders.incrementAndGet();
                }
            };
            try (ExchangeClient client = NodeProcess.connect(members, 13, answers, node::output))
            {
                final int seller = CATALOG.participant("BY-SAVUSHKIN").index();
                final int smp = CATALOG.instrument("SMP").index();
                final long warmUp = client.submit(new Command().newOrder(TIME, seller, 9, smp, Side.SELL,
                    OrderType.LIMIT, TimeInForce.GTC, 259_000, 1_000));
                assertTrue(NodeProcess.await(30, () ->
                {
                    client.poll();
                    return withEvents.contains(warmUp) || alreadyApplied.contains(warmUp);
                }), "a first request answered;" + node.output());
                withEvents.clear();
                alreadyApplied.clear();
                final int leadersBefore = leaders.get();
                client.answersToLose = 1;
                final long first = client.submit(new Command().newOrder(TIME, seller, 1, smp, Side.SELL,
                    OrderType.LIMIT, TimeInForce.GTC, 250_000, 1_000));
                final long second = client.submit(new Command().newOrder(TIME, seller, 2, smp, Side.SELL,
                    OrderType.LIMIT, TimeInForce.GTC, 251_000, 1_000));
                assertTrue(NodeProcess.await(30, () ->
                {
                    client.poll();
                    return client.pending() == 0;
                }), "every request answered; unanswered " + client.pending() + ";" + node.output());
                assertEquals(Set.of(second), withEvents, "the second answered with its events");
                assertEquals(Set.of(first), alreadyApplied, "the first, whose answer was lost, sent again");
                assertEquals(1, client.resendsAfterTimeout());
                assertEquals(leadersBefore, leaders.get(), "no leader change sent it again");
            }
        }
    }

    @Test
    void anIdleClientKeepsItsSessionInsteadOfOpeningAnotherWhenTheClusterClosesIt() throws Exception
    {
        final String members = "localhost:" + NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        try (NodeProcess node = NodeProcess.start(0, members, dir.resolve("node-0")))
        {
            final AtomicInteger sessions = new AtomicInteger();
            final ExchangeClient.Listener answers = new ExchangeClient.Listener()
            {
                @Override
                public void onEvents(final long requestId, final EventList events)
                {
                }

                @Override
                public void onLeader(final int leaderMemberId)
                {
                    sessions.incrementAndGet();
                }
            };
            try (ExchangeClient client = NodeProcess.connect(members, 13, answers, node::output))
            {
                final int opened = sessions.get();
                final long idleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(13);
                while (System.nanoTime() < idleUntil)
                {
                    client.poll(); // nothing to send for longer than the cluster's 10 s session timeout
                    Thread.sleep(1);
                }
                assertEquals(opened, sessions.get(), "the same session all along;" + node.output());
            }
        }
    }

}
