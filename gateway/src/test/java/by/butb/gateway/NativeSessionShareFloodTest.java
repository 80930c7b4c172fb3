package by.butb.gateway;

/** {@link SessionShareFloodTest} against the native FIX engine ({@link FixEngine#NATIVE}). */
class NativeSessionShareFloodTest extends SessionShareFloodTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
