package by.butb.gateway;

/** {@link GatewayLogonStormTest} against the native FIX engine ({@link FixEngine#NATIVE}). */
class NativeGatewayLogonStormTest extends GatewayLogonStormTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
