package by.butb.gateway;

/** {@link MarketDataChurnTest} against the native FIX engine ({@link FixEngine#NATIVE}). */
class NativeMarketDataChurnTest extends MarketDataChurnTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
