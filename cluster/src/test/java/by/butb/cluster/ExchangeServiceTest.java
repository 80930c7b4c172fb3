package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineSnapshot;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.MessageCodec;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static by.butb.cluster.BundledCatalog.CATALOG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on its own (no cluster): a command is applied and answered with its events, a resubmitted request is
 * answered "already applied" without changing the state, a damaged command is answered "malformed" and changes
 * nothing, and a state request is answered with the rules and the engine's snapshot.
 */
class ExchangeServiceTest
{

    private static final String RULES = ClusterNode.rules(MarketRules.DEFAULT, SessionSchedule.NONE);
    private static final long SESSION = 5;

    @TempDir
    Path dir;

    private final List<byte[]> replies = new ArrayList<>();
    /** The session's offers so far, and whether it refuses them as back-pressured. */
    private int offers;
    private boolean refuseOffers;
    private MatchingEngine engine;
    private ExchangeService service;
    private ClientSession session;

    @BeforeEach
    void start()
    {
        start(null, line -> { });
    }

    private void start(final MessageSeal seal, final java.util.function.Consumer<String> log)
    {
        engine = new MatchingEngine(CATALOG, MarketRules.DEFAULT);
        service = new ExchangeService(engine, RULES, dir, log, seal, "none");
        service.onStart((Cluster)Proxy.newProxyInstance(Cluster.class.getClassLoader(),
            new Class<?>[] {Cluster.class}, (proxy, method, args) ->
                method.getName().equals("idleStrategy") ? NoOpIdleStrategy.INSTANCE :
                method.getName().equals("role") ? Cluster.Role.LEADER : null), null);
        session = (ClientSession)Proxy.newProxyInstance(ClientSession.class.getClassLoader(),
            new Class<?>[] {ClientSession.class}, (proxy, method, args) ->
            {
                if (method.getName().equals("id"))
                {
                    return SESSION;
                }
                if (method.getName().equals("offer") && args.length == 3)
                {
                    offers++;
                    if (refuseOffers)
                    {
                        return Publication.BACK_PRESSURED;
                    }
                    final byte[] copy = new byte[(int)args[2]];
                    ((DirectBuffer)args[0]).getBytes((int)args[1], copy);
                    replies.add(copy);
                    return 1L;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    @Test
    void shouldApplyARequestOnceAndAnswerItsResubmissionAsAlreadyApplied()
    {
        final List<Command> orders = OrderFlow.commands(CATALOG, 3, 1);
        final byte[] request = command(7, 1, orders.get(0));
        deliver(request);
        final long hash = engine.stateHash();
        deliver(request);

        assertEquals(2, replies.size());
        final UnsafeBuffer first = new UnsafeBuffer(replies.get(0));
        assertEquals(Protocol.EVENTS, first.getByte(Protocol.TYPE_OFFSET));
        assertEquals(1, first.getLong(Protocol.FIRST_OFFSET, Protocol.ORDER));
        final EventList events = new EventList();
        final byte[] body = Arrays.copyOfRange(replies.get(0), Protocol.REPLY_BODY_OFFSET, replies.get(0).length);
        new MessageCodec("test").decodeEvents(body, body.length, events);
        assertEquals(0, events.get(0).commandSequence);
        assertTrue(events.get(0).type == EventType.ACCEPTED || events.get(0).type == EventType.REJECTED);

        assertEquals(Protocol.DUPLICATE, replies.get(1)[Protocol.TYPE_OFFSET]);
        assertEquals(hash, engine.stateHash(), "the resubmission changed nothing");
        assertEquals(0, engine.lastSequence());
    }

    @Test
    void withASecretOnlyMessagesSealedUnderItAreTakenInAndTheOthersAreDroppedUnanswered() throws Exception
    {
        final ClusterSecret secret = ClusterSecret.read(Files.writeString(dir.resolve("a.secret"), "0123456789abcdef"));
        final ClusterSecret other = ClusterSecret.read(Files.writeString(dir.resolve("b.secret"), "0123456789abcdeF"));
        final List<String> lines = new ArrayList<>();
        start(secret.newSeal(), lines::add);
        final Command order = OrderFlow.commands(CATALOG, 3, 1).get(0);
        final MessageCodec codec = new MessageCodec("test");
        final byte[] unsealed = Protocol.command(7, 1, order, codec);
        final byte[] sealed = sealed(unsealed, secret, SESSION);
        final byte[] tampered = sealed.clone();
        tampered[Protocol.COMMAND_BODY_OFFSET + 3] ^= 1;
        deliver(unsealed);
        deliver(sealed(unsealed, other, SESSION));
        deliver(sealed(unsealed, secret, SESSION + 1));
        deliver(tampered);
        deliver(Arrays.copyOf(sealed, MessageSeal.LENGTH));
        deliver(Protocol.request(Protocol.STATE, 9));
        deliver(sealed(Protocol.request(Protocol.PROBE, 9), other, SESSION));
        assertEquals(0, replies.size(), "dropped unanswered: they may have been sent into another client's session");
        assertEquals(-1, engine.lastSequence(), "nothing applied");
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("dropped an ingress message of ") &&
            lines.get(0).endsWith(" in session 5: its seal is wrong or missing (sent by a client without the " +
            "cluster's secret)"), lines.get(0));

        deliver(sealed);
        assertEquals(1, replies.size());
        assertEquals(Protocol.EVENTS, replies.get(0)[Protocol.TYPE_OFFSET], "applied: the dropped copies did not " +
            "count as its first delivery");
        assertEquals(0, engine.lastSequence());
        deliver(sealed(Protocol.request(Protocol.PROBE, 9), secret, SESSION));
        assertEquals(Protocol.PROBED, replies.get(1)[Protocol.TYPE_OFFSET]);
    }

    @Test
    void shouldAnswerADamagedCommandAsMalformedAndApplyNothing()
    {
        final byte[] request = command(7, 1, OrderFlow.commands(CATALOG, 3, 1).get(0));
        final byte[] damaged = Arrays.copyOf(request, Protocol.COMMAND_BODY_OFFSET + 2);
        final long hash = engine.stateHash();
        deliver(damaged);

        assertEquals(1, replies.size());
        assertEquals(Protocol.MALFORMED, replies.get(0)[Protocol.TYPE_OFFSET]);
        final String problem = new String(replies.get(0), Protocol.REPLY_BODY_OFFSET,
            replies.get(0).length - Protocol.REPLY_BODY_OFFSET, StandardCharsets.UTF_8);
        assertTrue(problem.startsWith("cluster ingress message "), problem);
        assertEquals(hash, engine.stateHash());
        assertEquals(-1, engine.lastSequence());
    }

    @Test
    void shouldAnswerADamagedCommandSentAgainAsMalformedAgainNotAsAlreadyApplied()
    {
        final byte[] request = command(7, 1, OrderFlow.commands(CATALOG, 3, 1).get(0));
        final byte[] damaged = Arrays.copyOf(request, Protocol.COMMAND_BODY_OFFSET + 2);
        deliver(damaged);
        deliver(damaged); // its answer lost in a failover: the client sends it again

        assertEquals(2, replies.size());
        assertEquals(Protocol.MALFORMED, replies.get(1)[Protocol.TYPE_OFFSET],
            "a command never applied is not answered as already applied");
        assertEquals(-1, engine.lastSequence());
    }

    @Test
    void shouldAnswerAStateRequestWithTheRulesAndASnapshotInChunks() throws Exception
    {
        long requestId = 0;
        for (final Command order : OrderFlow.commands(CATALOG, 5, 3_000))
        {
            deliver(command(7, ++requestId, order));
        }
        replies.clear();
        final byte[] request = new byte[Protocol.STATE_LENGTH];
        request[Protocol.TYPE_OFFSET] = Protocol.STATE;
        new UnsafeBuffer(request).putLong(Protocol.FIRST_OFFSET, 42, Protocol.ORDER);
        deliver(request);

        assertTrue(replies.size() > 1, "the state comes in several chunks, got " + replies.size());
        final ByteArrayOutputStream state = new ByteArrayOutputStream();
        for (final byte[] chunk : replies)
        {
            final UnsafeBuffer b = new UnsafeBuffer(chunk);
            assertEquals(Protocol.STATE_CHUNK, b.getByte(Protocol.TYPE_OFFSET));
            assertEquals(42, b.getLong(Protocol.FIRST_OFFSET, Protocol.ORDER));
            assertEquals(state.size(), b.getInt(Protocol.STATE_CHUNK_OFFSET, Protocol.ORDER));
            state.write(chunk, Protocol.STATE_BODY_OFFSET, chunk.length - Protocol.STATE_BODY_OFFSET);
        }
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.toByteArray()));
        assertEquals(RULES, in.readUTF());
        final MatchingEngine copy = new MatchingEngine(CATALOG, MarketRules.DEFAULT);
        EngineSnapshot.read(in, "the state", copy);
        assertEquals(engine.stateHash(), copy.stateHash());
        assertEquals(engine.lastSequence(), copy.lastSequence());
    }

    @Test
    void shouldSendTheEventsOfACommandWithManyInPartsThatEachFitAMessageAndTogetherHoldThemAll()
    {
        final long time = BundledCatalog.TIME;
        final int seller = CATALOG.participant("BY-SAVUSHKIN").index();
        final int smp = CATALOG.instrument("SMP").index();
        final int orders = 2 * Protocol.EVENTS_PER_PART + 100;
        final MatchingEngine single = new MatchingEngine(CATALOG, MarketRules.DEFAULT);
        final EventList expected = new EventList();
        final List<Command> commands = new ArrayList<>();
        for (int i = 1; i <= orders; i++)
        {
            commands.add(new Command().newOrder(time, seller, i, smp, Side.SELL, OrderType.LIMIT, TimeInForce.DAY,
                259_000 + i % 10 * 500, 1_000));
        }
        commands.add(new Command().clock(time + 86_400_000_000_000L)); // a new day expires every DAY order
        for (int i = 0; i < commands.size(); i++)
        {
            replies.clear();
            deliver(command(7, i + 1, commands.get(i)));
            expected.clear();
            final Command copy = new Command().copyFrom(commands.get(i));
            copy.sequence = single.lastSequence() + 1;
            single.process(copy, expected);
        }
        assertTrue(expected.size() > 2 * Protocol.EVENTS_PER_PART, "expired " + expected.size());

        final EventList received = new EventList();
        final MessageCodec codec = new MessageCodec("test");
        for (int i = 0; i < replies.size(); i++)
        {
            final byte[] reply = replies.get(i);
            assertEquals(i == replies.size() - 1 ? Protocol.EVENTS : Protocol.EVENTS_PART, reply[Protocol.TYPE_OFFSET],
                "reply " + i + " of " + replies.size());
            assertEquals(commands.size(), new UnsafeBuffer(reply).getLong(Protocol.FIRST_OFFSET, Protocol.ORDER));
            assertTrue(reply.length <= Protocol.REPLY_BODY_OFFSET + MessageCodec.maxEventsLength(
                Protocol.EVENTS_PER_PART), "reply " + i + " is " + reply.length + " bytes");
            final byte[] body = Arrays.copyOfRange(reply, Protocol.REPLY_BODY_OFFSET, reply.length);
            codec.decodeEvents(body, body.length, received);
        }
        assertEquals((expected.size() + Protocol.EVENTS_PER_PART - 1) / Protocol.EVENTS_PER_PART, replies.size());
        assertEquals(expected.size(), received.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i).toString(), received.get(i).toString(), "event " + i);
        }
    }

    @Test
    void shouldWaitForABackPressuredClientOnceAndOfferItsNextRepliesOnceEachUntilOneGoesThrough()
    {
        final List<Command> orders = OrderFlow.commands(CATALOG, 3, 4);
        refuseOffers = true;
        deliver(command(7, 1, orders.get(0)));
        assertTrue(offers > 100, "the first reply waited for the client: " + offers + " offers");
        offers = 0;
        deliver(command(7, 2, orders.get(1)));
        assertEquals(1, offers, "the client has not read for a while: one offer, the engine goes on");
        refuseOffers = false;
        deliver(command(7, 3, orders.get(2)));
        refuseOffers = true;
        offers = 0;
        deliver(command(7, 4, orders.get(3)));
        assertTrue(offers > 100, "caught up: waited for again, " + offers + " offers");
        assertEquals(3, engine.lastSequence(), "every command applied, answered or not");
        assertEquals(1, replies.size());
        assertEquals(3, new UnsafeBuffer(replies.get(0)).getLong(Protocol.FIRST_OFFSET, Protocol.ORDER));
    }

    private void deliver(final byte[] message)
    {
        service.onSessionMessage(session, 0, new UnsafeBuffer(message), 0, message.length, null);
    }

    private static byte[] command(final long clientId, final long requestId, final Command command)
    {
        return Protocol.command(clientId, requestId, command, new MessageCodec("test"));
    }

    /** {@code message} sealed under {@code secret} for session {@code sessionId}. */
    private static byte[] sealed(final byte[] message, final ClusterSecret secret, final long sessionId)
    {
        final byte[] into = new byte[Protocol.MAX_INGRESS_LENGTH];
        return Arrays.copyOf(into, Protocol.sealed(message, secret.newSeal(), sessionId, into));
    }
}
