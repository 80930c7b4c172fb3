package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;

/**
 * What every I/O loop of the native FIX engine ({@link NativeIoLoop}) and its connections share: the options, the
 * sessions, the password check and the threads that run it, the count of connections not logged on, the bound on
 * the bytes all connections have queued, and the rate-limited log of refused and closed connections. Each part is
 * thread-safe.
 */
record NativeLoopContext(GatewayOptions options, NativeSessions sessions, Authenticator authenticator,
    LogonScheduler scheduler, UnauthenticatedConnections unauthenticated, OutboundBudget outbound, RateLimitedLog log)
{
}
