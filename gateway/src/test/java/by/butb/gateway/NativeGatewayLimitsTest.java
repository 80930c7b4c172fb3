package by.butb.gateway;

/**
 * {@link GatewayLimitsTest} against the native FIX engine ({@link FixEngine#NATIVE}): the frame limits and the
 * market-data bounds.
 */
class NativeGatewayLimitsTest extends GatewayLimitsTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
