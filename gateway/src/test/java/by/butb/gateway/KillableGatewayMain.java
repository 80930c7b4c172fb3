package by.butb.gateway;

import java.nio.file.Path;

/**
 * The gateway of {@link GatewayKillTest} in a process of its own: args are the test's directory, the FIX engine and
 * the number of I/O threads. Prints {@code PORT n} once it listens, then runs until killed (or its standard input
 * ends: the test's JVM is gone).
 */
final class KillableGatewayMain
{
    private KillableGatewayMain()
    {
    }

    public static void main(final String[] args)
    {
        try
        {
            final GatewayServer server = GatewayServer.start(GatewayKillTest.options(Path.of(args[0]),
                FixEngine.valueOf(args[1]), Integer.parseInt(args[2])));
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0)
            {
                // runs until killed, or until the test's JVM (the other end of stdin) is gone
            }
        }
        catch (final Exception ex)
        {
            ex.printStackTrace();
        }
        System.exit(1);
    }
}
