package by.butb.gateway;

import by.butb.engine.pipeline.WaitStrategyName;

/**
 * {@link GatewayLoadTest} against the native FIX engine with the YIELDING wait strategy, whose engine, sending and I/O
 * threads poll instead of blocking ({@link IdleWait}): the same load and checks.
 */
class NativeGatewayPollingLoadTest extends GatewayLoadTest
{
    @Override
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.NATIVE).waitStrategy(WaitStrategyName.YIELDING);
    }
}
