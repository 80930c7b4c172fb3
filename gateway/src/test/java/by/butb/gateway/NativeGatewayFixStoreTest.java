package by.butb.gateway;

/** {@link GatewayFixStoreTest} against the native FIX engine ({@link FixEngine#NATIVE}) and its store. */
class NativeGatewayFixStoreTest extends GatewayFixStoreTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
