package by.butb.gateway;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.pipeline.EngineListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway thread ended by an Error, or an in-process engine that stops taking commands, is told to
 * {@link GatewayOptions#onFailure} (`serve` then stops with exit code 1) instead of leaving its sessions silently
 * unserved, and the server still closes.
 */
@Timeout(60)
class GatewayThreadErrorTest
{
    /**
     * Ends the thread {@code on} picks with an injected StackOverflowError while TRADER-A is logged on; returns what
     * was told, and whether A's connection was closed then.
     */
    private static Told endWithAnError(final Function<GatewayServer, Runnable> on) throws Exception
    {
        final List<String> told = new CopyOnWriteArrayList<>();
        try (RawGateway gateway = new RawGateway(TestCatalog.options().fixEngine(FixEngine.NATIVE)
            .onFailure(told::add)))
        {
            final RawFix a = gateway.rawLoggedOn("TRADER-A");
            on.apply(gateway.server()).run();
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (told.isEmpty() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            return new Told(told, a.closedWithin(1_000));
        }
    }

    private record Told(List<String> reasons, boolean connectionClosed)
    {
    }

    private static Runnable injected()
    {
        return () ->
        {
            throw new StackOverflowError("injected");
        };
    }

    @Test
    void aFixIoThreadEndedByAnErrorIsToldAndTheServerStillCloses() throws Exception
    {
        final Told told = endWithAnError(server -> () ->
            server.nativeSession("TRADER-A").connection().loop().execute(injected()));
        assertEquals(List.of("the gateway's thread butb-gateway-fix-io ended: java.lang.StackOverflowError: injected"),
            told.reasons());
        assertTrue(told.connectionClosed(), "the connections of the thread that ended are closed");
    }

    @Test
    void anErrorThatCannotBeToldForWantOfMemoryEndsTheThreadWithTheErrorInsteadOfSilently()
    {
        final OutOfMemoryError first = new OutOfMemoryError("first");
        final Throwable thrown = assertThrows(OutOfMemoryError.class, () -> ThreadErrors.runTelling(() ->
        {
            throw first;
        }, reason ->
        {
            throw new OutOfMemoryError("again");
        }));
        assertSame(first, thrown);
        final List<String> told = new CopyOnWriteArrayList<>();
        ThreadErrors.runTelling(() ->
        {
            throw new OutOfMemoryError("told");
        }, told::add);
        assertEquals(List.of("the gateway's thread " + Thread.currentThread().getName() +
            " ended: java.lang.OutOfMemoryError: told"), told);
    }

    @Test
    void anEngineThatStopsTakingCommandsIsToldAndTheServerStillCloses() throws Exception
    {
        for (final FixEngine engine : FixEngine.values())
        {
            final List<String> told = new CopyOnWriteArrayList<>();
            final EngineListener failing = new EngineListener()
            {
                @Override
                public void onEvent(final EngineEvent event)
                {
                    throw new StackOverflowError("injected");
                }
            };
            try (RawGateway gateway = new RawGateway(TestCatalog.options().fixEngine(engine).listener(failing)
                .onFailure(told::add)))
            {
                final RawFix a = gateway.rawLoggedOn("TRADER-A");
                a.send("D", "11=X1|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
                while (told.isEmpty())
                {
                    Thread.sleep(1);
                }
            }
            assertEquals(List.of("the engine stopped: java.lang.StackOverflowError: injected"), told, engine.name());
        }
    }

    @Test
    void theSendingThreadEndedByAnErrorIsToldAndTheServerStillCloses() throws Exception
    {
        final Told told = endWithAnError(server -> () -> server.outbound().execute(injected()));
        assertEquals(List.of("the gateway's thread butb-gateway-out ended: java.lang.StackOverflowError: injected"),
            told.reasons());
    }
}
