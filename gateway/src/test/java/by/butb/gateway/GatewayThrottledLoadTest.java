package by.butb.gateway;

/**
 * {@link GatewayLoadTest} against the QuickFIX/J FIX engine with reading suspended whenever more than two items wait
 * for the sending thread ({@link QfjReadThrottle}): the same load and checks, so a throttle that lost an order or left
 * a connection suspended fails it, and reading must have been suspended.
 */
class GatewayThrottledLoadTest extends GatewayLoadTest
{
    @Override
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ).maxReportBacklog(2);
    }

    @Override
    boolean readingHeldBack()
    {
        return true;
    }
}
