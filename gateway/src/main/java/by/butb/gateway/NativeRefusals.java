package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One I/O thread's refused Logons ({@link NativeIoLoop}): each is answered with its Logout no sooner than the refusal
 * delay ({@link GatewayOptions#logonRefusalDelayMillis}) after its Logon, then its connection is closed once written.
 * The loop's thread only.
 */
final class NativeRefusals
{
    private final List<Refusal> pending = new ArrayList<>();
    private final long delayNanos;
    private final RateLimitedLog log;

    NativeRefusals(final long delayMillis, final RateLimitedLog log)
    {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        this.log = log;
    }

    /** Refuses the Logon of {@code c} (still pending) for {@code verdict}'s reason. */
    void refuse(final NativeConnection c, final Authenticator.Verdict verdict)
    {
        if (c.state != NativeConnection.State.PENDING)
        {
            return;
        }
        c.state = NativeConnection.State.REFUSED;
        log.log(() -> "logon refused from " + c.address + " for SenderCompID " +
            Authenticator.printable(c.logon.senderCompId()) + ": " + verdict.reason());
        pending.add(new Refusal(c, c.logonNanos + delayNanos, LogonGate.logout(c.logon, verdict.reply())));
    }

    /** At {@code now} (System.nanoTime): answers the refusals whose delay has passed. */
    void answerDue(final long now)
    {
        for (final Iterator<Refusal> it = pending.iterator(); it.hasNext(); )
        {
            final Refusal r = it.next();
            if (now - r.dueNanos >= 0)
            {
                it.remove();
                if (r.connection.state == NativeConnection.State.CLOSED)
                {
                    continue;
                }
                final byte[] logout = r.logout.getBytes(StandardCharsets.ISO_8859_1);
                r.connection.append(logout, 0, logout.length);
                r.connection.closeAfterFlush();
            }
        }
    }

    private record Refusal(NativeConnection connection, long dueNanos, String logout)
    {
    }
}
