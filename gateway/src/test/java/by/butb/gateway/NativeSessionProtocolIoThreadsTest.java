package by.butb.gateway;

/**
 * {@link NativeSessionProtocolTest} on three I/O threads, where the I/O threads encode what the sending thread sends
 * ({@link NativeReportQueue}): the reset Logon and the Logout race those messages there.
 */
class NativeSessionProtocolIoThreadsTest extends NativeSessionProtocolTest
{
    @Override
    GatewayOptions engine(final GatewayOptions options)
    {
        return super.engine(options).ioThreads(3);
    }
}
