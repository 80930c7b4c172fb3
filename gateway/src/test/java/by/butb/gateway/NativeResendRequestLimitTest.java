package by.butb.gateway;

/** {@link ResendRequestLimitTest} against the native FIX engine ({@link FixEngine#NATIVE}). */
class NativeResendRequestLimitTest extends ResendRequestLimitTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
