package by.butb.gateway;

/**
 * {@link GatewayLimitsTest} against the native FIX engine with three I/O threads: the frame limits and the
 * market-data bounds hold whichever thread reads a connection.
 */
class NativeGatewayIoThreadsLimitsTest extends GatewayLimitsTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE).ioThreads(3);
    }
}
