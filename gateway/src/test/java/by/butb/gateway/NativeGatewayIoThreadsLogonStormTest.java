package by.butb.gateway;

/**
 * {@link GatewayLogonStormTest} against the native FIX engine with three I/O threads: the attackers' connections and
 * the owner's land on different threads, and a wrong password still never opens the session.
 */
class NativeGatewayIoThreadsLogonStormTest extends GatewayLogonStormTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE).ioThreads(3);
    }
}
