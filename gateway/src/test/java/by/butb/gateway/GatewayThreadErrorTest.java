package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A gateway thread ended by an Error is told to {@link GatewayOptions#onFailure} (`serve` then stops with exit code
 * 1) instead of leaving its sessions silently unserved, and the server still closes.
 */
@Timeout(60)
class GatewayThreadErrorTest
{
    /** Ends the thread {@code on} picks with an injected StackOverflowError; returns what was told. */
    private static List<String> endWithAnError(final Function<GatewayServer, Runnable> on) throws Exception
    {
        final List<String> told = new CopyOnWriteArrayList<>();
        try (RawGateway gateway = new RawGateway(TestCatalog.options().fixEngine(FixEngine.NATIVE)
            .onFailure(told::add)))
        {
            gateway.rawLoggedOn("TRADER-A");
            on.apply(gateway.server()).run();
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (told.isEmpty() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
        }
        return told;
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
        final List<String> told = endWithAnError(server -> () ->
            server.nativeSession("TRADER-A").connection().loop().execute(injected()));
        assertEquals(List.of("the gateway's thread butb-gateway-fix-io ended: java.lang.StackOverflowError: injected"),
            told);
    }

    @Test
    void theSendingThreadEndedByAnErrorIsToldAndTheServerStillCloses() throws Exception
    {
        final List<String> told = endWithAnError(server -> () -> server.outbound().execute(injected()));
        assertEquals(List.of("the gateway's thread butb-gateway-out ended: java.lang.StackOverflowError: injected"),
            told);
    }
}
