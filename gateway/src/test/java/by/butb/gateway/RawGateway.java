package by.butb.gateway;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gateway started for a test, and the raw connections the test opens to it; closing closes them all. */
final class RawGateway implements AutoCloseable
{
    private GatewayServer server;
    private final List<AutoCloseable> open = new ArrayList<>();

    RawGateway(final GatewayOptions options)
    {
        server = GatewayServer.start(options);
    }

    GatewayServer server()
    {
        return server;
    }

    /** Closes the server and starts another with {@code options}; the connections kept so far stay kept. */
    GatewayServer restart(final GatewayOptions options)
    {
        server.close();
        server = GatewayServer.start(options);
        return server;
    }

    /** Closes {@code closeable} with the gateway (after the test). */
    <T extends AutoCloseable> T keep(final T closeable)
    {
        open.add(closeable);
        return closeable;
    }

    /** No longer closes {@code closeable} with the gateway (the test closed it). */
    void forget(final AutoCloseable closeable)
    {
        open.remove(closeable);
    }

    /** A raw connection that will send as {@code sender}. */
    RawFix raw(final String sender) throws Exception
    {
        return keep(new RawFix(server.port(), sender));
    }

    /** A raw connection logged on as {@code sender} with its password. */
    RawFix rawLoggedOn(final String sender) throws Exception
    {
        final RawFix r = raw(sender);
        r.logon(TestCatalog.password(sender));
        final String reply = r.read(5_000);
        assertNotNull(reply);
        assertTrue(reply.contains("|35=A|"), reply);
        return r;
    }

    @Override
    public void close() throws Exception
    {
        for (final AutoCloseable c : open)
        {
            c.close();
        }
        server.close();
    }
}
