package by.butb.gateway;

/** {@link MarketDataChurnTest} against the native FIX engine with three I/O threads. */
class NativeIoThreadsMarketDataChurnTest extends MarketDataChurnTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE).ioThreads(3);
    }
}
