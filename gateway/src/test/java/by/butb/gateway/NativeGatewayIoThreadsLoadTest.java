package by.butb.gateway;

/** {@link GatewayLoadTest} against the native FIX engine with three I/O threads: the same load and checks. */
class NativeGatewayIoThreadsLoadTest extends GatewayLoadTest
{
    @Override
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.NATIVE).ioThreads(3);
    }
}
