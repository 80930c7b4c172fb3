package by.butb.gateway;

/**
 * {@link GatewayRawSocketTest} against the native FIX engine with three I/O threads: malformed input, garbage and
 * session-level rejects are handled alike whichever thread reads a connection.
 */
class NativeGatewayIoThreadsRawSocketTest extends GatewayRawSocketTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE).ioThreads(3);
    }
}
