package by.butb.gateway;

/** {@link GatewayRawSocketTest} against the native FIX engine ({@link FixEngine#NATIVE}). */
class NativeGatewayRawSocketTest extends GatewayRawSocketTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
