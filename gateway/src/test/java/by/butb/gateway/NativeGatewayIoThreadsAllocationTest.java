package by.butb.gateway;

/**
 * {@link NativeGatewayAllocationTest} on two I/O threads, where the I/O threads also write the reports
 * ({@link NativeIoLoop#writeSoon}): the same limits per order.
 */
class NativeGatewayIoThreadsAllocationTest extends NativeGatewayAllocationTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().ioThreads(2);
    }
}
