package by.butb.gateway;

/** {@link GatewayLoadTest} against the native FIX engine ({@link FixEngine#NATIVE}): the same load and checks. */
class NativeGatewayLoadTest extends GatewayLoadTest
{
    @Override
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.NATIVE);
    }
}
