package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.MessageCodec;
import by.butb.engine.model.Catalog;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on its own (no cluster): a command is applied and answered with its events, a resubmitted request is
 * answered "already applied" without changing the state, and a damaged command is answered "malformed" and changes
 * nothing.
 */
class ExchangeServiceTest
{
    private static final Catalog CATALOG = CatalogFiles.catalog(Path.of("../config/instruments.csv"),
        Path.of("../config/participants.csv"));

    @TempDir
    Path dir;

    private final List<byte[]> replies = new ArrayList<>();
    private MatchingEngine engine;
    private ExchangeService service;
    private ClientSession session;

    @BeforeEach
    void start()
    {
        engine = new MatchingEngine(CATALOG, MarketRules.DEFAULT);
        service = new ExchangeService(engine, dir, line -> { });
        service.onStart((Cluster)Proxy.newProxyInstance(Cluster.class.getClassLoader(),
            new Class<?>[] {Cluster.class}, (proxy, method, args) ->
                method.getName().equals("idleStrategy") ? NoOpIdleStrategy.INSTANCE : null), null);
        session = (ClientSession)Proxy.newProxyInstance(ClientSession.class.getClassLoader(),
            new Class<?>[] {ClientSession.class}, (proxy, method, args) ->
            {
                if (method.getName().equals("offer") && args.length == 3)
                {
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

    private void deliver(final byte[] message)
    {
        service.onSessionMessage(session, 0, new UnsafeBuffer(message), 0, message.length, null);
    }

    private static byte[] command(final long clientId, final long requestId, final Command command)
    {
        return Protocol.command(clientId, requestId, command, new MessageCodec("test"));
    }
}
