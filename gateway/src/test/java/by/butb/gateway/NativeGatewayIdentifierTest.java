package by.butb.gateway;

/** {@link GatewayIdentifierTest} against the native FIX engine ({@link FixEngine#NATIVE}). */
class NativeGatewayIdentifierTest extends GatewayIdentifierTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
