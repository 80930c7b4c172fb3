package by.butb.cluster;

import io.aeron.security.Authenticator;
import io.aeron.security.SessionProxy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admits a connection (to a node's ingress or archive) only when it answers a fresh random challenge with
 * {@link ClusterSecret#answer}: a connect request must carry {@link ClusterSecret#HELLO}, the session is sent
 * {@link ClusterSecret#CHALLENGE_BYTES} random bytes, and its answer decides. Without a secret
 * ({@link ClusterSecret#NONE}) it admits every connection but one that sends the hello, which it rejects so that a
 * client with a secret learns that the nodes have none. With a secret, anything else is rejected, and so is
 * every request of session id {@value #SHARED_SESSION_ID}, which Aeron gives all backup, standby and heartbeat
 * requests alike (a challenge to one of them could be answered by another); this project runs none.
 * Threading: Aeron calls one instance from one thread (the consensus module's or the archive's conductor).
 */
final class SecretAuthenticator implements Authenticator
{
    /** A connection that has not answered within this long is forgotten (and then rejected). */
    static final long FORGET_AFTER_MS = 60_000;
    /** At most this many connections being authenticated; the oldest are forgotten first. */
    static final int MAX_PENDING = 4_096;
    static final long SHARED_SESSION_ID = -1;
    private static final byte[] PRINCIPAL = new byte[0];

    private final ClusterSecret secret;
    private final SecureRandom random;
    private final LinkedHashMap<Long, Attempt> attempts = new LinkedHashMap<>();

    /**
     * One connection's progress: whether it sent the hello, its challenge (null when none is sent), then its answer's
     * verdict.
     */
    private static final class Attempt
    {
        final boolean hello;
        final byte[] challenge;
        final long startedMs;
        boolean answered;
        boolean passed;

        Attempt(final boolean hello, final byte[] challenge, final long startedMs)
        {
            this.hello = hello;
            this.challenge = challenge;
            this.startedMs = startedMs;
        }
    }

    SecretAuthenticator(final ClusterSecret secret, final SecureRandom random)
    {
        this.secret = secret;
        this.random = random;
    }

    @Override
    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        forgetOld(nowMs);
        if (secret.isNone() && sessionId == SHARED_SESSION_ID)
        {
            return; // shared by every backup and heartbeat request: nothing kept, each admitted (no record)
        }
        final boolean hello = Arrays.equals(encodedCredentials, ClusterSecret.HELLO);
        byte[] challenge = null;
        if (!secret.isNone() && hello && sessionId != SHARED_SESSION_ID)
        {
            challenge = new byte[ClusterSecret.CHALLENGE_BYTES];
            random.nextBytes(challenge);
        }
        attempts.put(sessionId, new Attempt(hello, challenge, nowMs));
    }

    @Override
    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final Attempt attempt = attempts.get(sessionProxy.sessionId());
        if (secret.isNone())
        {
            attempts.remove(sessionProxy.sessionId());
            if (attempt != null && attempt.hello)
            {
                sessionProxy.reject(); // a client with a secret: these nodes have none
            }
            else
            {
                sessionProxy.authenticate(PRINCIPAL);
            }
        }
        else if (attempt == null || attempt.challenge == null)
        {
            reject(sessionProxy);
        }
        else
        {
            sessionProxy.challenge(attempt.challenge); // not sent (false): asked again on the next call
        }
    }

    @Override
    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final Attempt attempt = attempts.get(sessionId);
        if (attempt != null && attempt.challenge != null && !attempt.answered)
        {
            attempt.answered = true;
            attempt.passed = secret.verifies(attempt.challenge, encodedCredentials);
        }
    }

    @Override
    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final Attempt attempt = attempts.get(sessionProxy.sessionId());
        if (attempt == null)
        {
            reject(sessionProxy);
        }
        else if (attempt.answered)
        {
            attempts.remove(sessionProxy.sessionId());
            if (attempt.passed)
            {
                sessionProxy.authenticate(PRINCIPAL);
            }
            else
            {
                sessionProxy.reject();
            }
        }
    }

    /** Connections being authenticated now (for tests). */
    int pending()
    {
        return attempts.size();
    }

    private void reject(final SessionProxy sessionProxy)
    {
        attempts.remove(sessionProxy.sessionId());
        sessionProxy.reject();
    }

    private void forgetOld(final long nowMs)
    {
        final Iterator<Map.Entry<Long, Attempt>> oldestFirst = attempts.entrySet().iterator();
        while (oldestFirst.hasNext())
        {
            final Attempt oldest = oldestFirst.next().getValue();
            if (nowMs - oldest.startedMs < FORGET_AFTER_MS && attempts.size() < MAX_PENDING)
            {
                return;
            }
            oldestFirst.remove();
        }
    }
}
