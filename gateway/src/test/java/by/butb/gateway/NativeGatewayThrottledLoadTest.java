package by.butb.gateway;

/**
 * {@link GatewayLoadTest} against the native FIX engine on three I/O threads with reading held back whenever more
 * than two items wait for the sending thread ({@link ReadThrottle}): the same load and checks, so a throttle that
 * lost an order or stalled a loop for good fails it, and reading must have been paused.
 */
class NativeGatewayThrottledLoadTest extends GatewayLoadTest
{
    @Override
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.NATIVE).ioThreads(3).maxReportBacklog(2);
    }

    @Override
    boolean readingHeldBack()
    {
        return true;
    }
}
