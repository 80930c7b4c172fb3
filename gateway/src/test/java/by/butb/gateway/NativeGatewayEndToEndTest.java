package by.butb.gateway;

/**
 * {@link GatewayEndToEndTest} against the native FIX engine ({@link FixEngine#NATIVE}), with the same QuickFIX/J
 * clients and the same expectations (market data, brokers' clients, address deals and lots included).
 */
class NativeGatewayEndToEndTest extends GatewayEndToEndTest
{
    @Override
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.NATIVE);
    }
}
