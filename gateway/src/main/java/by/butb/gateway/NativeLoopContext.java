package by.butb.gateway;

/**
 * What every I/O loop of the native FIX engine ({@link NativeIoLoop}) and its connections share: the options, the
 * sessions, the password check and the threads that run it, the count of connections not logged on, and the
 * rate-limited log of refused and closed connections. Each part is thread-safe.
 */
record NativeLoopContext(GatewayOptions options, NativeSessions sessions, Authenticator authenticator,
    LogonScheduler scheduler, UnauthenticatedConnections unauthenticated, RateLimitedLog log)
{
}
