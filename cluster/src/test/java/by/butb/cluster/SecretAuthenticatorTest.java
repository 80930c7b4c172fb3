package by.butb.cluster;

import io.aeron.security.SessionProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SecretAuthenticator} driven as Aeron drives it (connect request, then calls on the connected session until
 * it is challenged, then the answer and calls on the challenged session until it is decided), with clients of
 * {@link ClusterSecret#credentials}.
 */
class SecretAuthenticatorTest
{
    private static final long NOW = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aClientThatHoldsTheSecretIsChallengedThenAdmitted() throws IOException
    {
        final ClusterSecret secret = secret();
        final SecretAuthenticator authenticator = authenticator(secret);
        assertEquals(Verdict.ADMITTED, connect(authenticator, 1, secret));
        assertEquals(0, authenticator.pending(), "nothing kept once decided");
    }

    @Test
    void aClientWithAnotherSecretOrNoneOrAnEarlierAnswerIsRejected() throws IOException
    {
        final ClusterSecret secret = secret();
        final SecretAuthenticator authenticator = authenticator(secret);
        assertEquals(Verdict.REJECTED, connect(authenticator, 1, secret("b", "0123456789abcdef0124")));
        assertEquals(Verdict.REJECTED, connect(authenticator, 2, ClusterSecret.NONE));

        final Session first = new Session(3);
        authenticator.onConnectRequest(3, secret.credentials().encodedCredentials(), NOW);
        authenticator.onConnectedSession(first, NOW);
        final byte[] earlierAnswer = secret.credentials().onChallenge(first.challenge);
        final Session second = new Session(4);
        authenticator.onConnectRequest(4, secret.credentials().encodedCredentials(), NOW);
        authenticator.onConnectedSession(second, NOW);
        authenticator.onChallengeResponse(4, earlierAnswer, NOW);
        authenticator.onChallengedSession(second, NOW);
        assertEquals(Verdict.REJECTED, second.verdict, "an answer to another session's challenge");
        assertFalse(Arrays.equals(first.challenge, second.challenge), "each session its own challenge");
    }

    @Test
    void aSecondAnswerCannotChangeTheFirstsVerdict() throws IOException
    {
        final ClusterSecret secret = secret();
        final SecretAuthenticator authenticator = authenticator(secret);
        final Session session = new Session(1);
        authenticator.onConnectRequest(1, secret.credentials().encodedCredentials(), NOW);
        authenticator.onConnectedSession(session, NOW);
        authenticator.onChallengeResponse(1, new byte[32], NOW);
        authenticator.onChallengeResponse(1, secret.credentials().onChallenge(session.challenge), NOW);
        authenticator.onChallengedSession(session, NOW);
        assertEquals(Verdict.REJECTED, session.verdict);
    }

    @Test
    void aChallengeThatCouldNotBeSentIsSentOnTheNextCallAndUndecidedSessionsWait() throws IOException
    {
        final ClusterSecret secret = secret();
        final SecretAuthenticator authenticator = authenticator(secret);
        final Session session = new Session(1);
        session.refuseNextChallenge = true;
        authenticator.onConnectRequest(1, secret.credentials().encodedCredentials(), NOW);
        authenticator.onConnectedSession(session, NOW);
        assertNull(session.challenge, "back-pressured");
        authenticator.onConnectedSession(session, NOW);
        assertNotNull(session.challenge);
        authenticator.onChallengedSession(session, NOW);
        assertNull(session.verdict, "no answer yet: no verdict");
        authenticator.onChallengeResponse(1, secret.credentials().onChallenge(session.challenge), NOW);
        authenticator.onChallengedSession(session, NOW);
        assertEquals(Verdict.ADMITTED, session.verdict);
    }

    @Test
    void connectionsThatNeverAnswerAreForgottenAfterAMinuteOrBeyondTheBoundAndThenRejected() throws IOException
    {
        final ClusterSecret secret = secret();
        final SecretAuthenticator authenticator = authenticator(secret);
        final byte[] hello = secret.credentials().encodedCredentials();
        for (int i = 0; i < SecretAuthenticator.MAX_PENDING * 3; i++)
        {
            authenticator.onConnectRequest(i, hello, NOW);
        }
        assertEquals(SecretAuthenticator.MAX_PENDING, authenticator.pending(), "bounded");
        final Session oldest = new Session(0);
        authenticator.onConnectedSession(oldest, NOW);
        assertEquals(Verdict.REJECTED, oldest.verdict, "forgotten, so rejected");

        authenticator.onConnectRequest(-1, hello, NOW + SecretAuthenticator.FORGET_AFTER_MS);
        assertEquals(1, authenticator.pending(), "the minute-old ones forgotten");
        assertEquals(Verdict.ADMITTED, connect(authenticator, -2, secret));
    }

    @Test
    void withoutASecretEveryConnectionIsAdmittedButOneThatAsksToBeChallenged()
    {
        final SecretAuthenticator open = authenticator(ClusterSecret.NONE);
        assertEquals(Verdict.ADMITTED, connect(open, 1, ClusterSecret.NONE));
        final Session hello = new Session(2);
        open.onConnectRequest(2, ClusterSecret.HELLO.clone(), NOW);
        open.onConnectedSession(hello, NOW);
        assertEquals(Verdict.REJECTED, hello.verdict, "a client with a secret: these nodes have none");
        assertEquals(Verdict.ADMITTED, connect(open, SecretAuthenticator.SHARED_SESSION_ID, ClusterSecret.NONE));
        assertEquals(0, open.pending());
    }

    @Test
    void aClientAnswersOnlyChallengesAsTheNodesMakeThemSoNoAnswerServesAsTheSealKey() throws IOException
    {
        final ClusterSecret secret = secret();
        final byte[] sealLabel = "butb-seal-v1".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, secret.credentials().onChallenge(sealLabel).length, "not a challenge of 32 bytes");
        final byte[] message = Arrays.copyOf(new byte[] {Protocol.PROBE, 1}, 9 + MessageSeal.LENGTH);
        new MessageSeal(secret.answer(sealLabel)).seal(3, message, 0, 9);
        assertFalse(secret.newSeal().verifies(3, message, 0, message.length),
            "the answer to a challenge is not the seal key, whatever the challenge");
    }

    @Test
    void theSessionIdThatAeronGivesEveryBackupAndHeartbeatRequestIsRejectedEvenWithTheSecret() throws IOException
    {
        final ClusterSecret secret = secret();
        assertEquals(Verdict.REJECTED, connect(authenticator(secret),
            SecretAuthenticator.SHARED_SESSION_ID, secret));
    }

    @Test
    void aSecretFileIsReadWithoutItsFinalNewlineAndRefusedWhenShortMissingOrTooLong() throws IOException
    {
        final ClusterSecret binary = secret("c", "0123456789abcdef0123\u001f");
        assertFalse(binary.verifies(new byte[32], secret("d", "0123456789abcdef0123").answer(new byte[32])),
            "a control character at the end is part of the secret");
        assertEquals(Verdict.ADMITTED, connect(authenticator(secret("m", "x".repeat(4096) + "\n\n\n")), 1,
            secret("m2", "x".repeat(4096))), "4,096 bytes and trailing line ends");
        final ClusterSecret withNewline = secret("n", "0123456789abcdef0123\r\n");
        final ClusterSecret without = secret("w", "0123456789abcdef0123");
        final byte[] challenge = new byte[32];
        assertArrayEquals(without.answer(challenge), withNewline.answer(challenge));
        assertTrue(without.verifies(challenge, withNewline.answer(challenge)));

        final Path shortFile = write("s", "0123456789abcde\n");
        assertRefused(shortFile, "holds 15 bytes, needs 16 to 4096");
        assertRefused(dir.resolve("missing"), "no such file (make one with 'butb cluster secret");
        assertRefused(write("l", "x".repeat(5000)), "longer than 4096 bytes");
    }

    @Test
    void aNewSecretFileIsRandomReadableByItsOwnerOnlyAndNeverOverwritten() throws IOException
    {
        final Path file = dir.resolve("new.secret");
        ClusterSecret.create(file);
        final String text = Files.readString(file);
        assertTrue(text.matches("[0-9a-f]{64}\n"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class,
            () -> ClusterSecret.create(file));
        assertTrue(ex.getMessage().contains("already exists; left as it was"), ex.getMessage());
        assertEquals(text, Files.readString(file));
        final Path other = dir.resolve("other.secret");
        ClusterSecret.create(other);
        assertNotEquals(text, Files.readString(other), "random");
        assertEquals(Verdict.ADMITTED, connect(authenticator(ClusterSecret.read(file)), 1, ClusterSecret.read(file)));
    }

    private void assertRefused(final Path file, final String problem)
    {
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class,
            () -> ClusterSecret.read(file));
        assertTrue(ex.getMessage().startsWith("secret file " + file + ": "), ex.getMessage());
        assertTrue(ex.getMessage().contains(problem), ex.getMessage());
    }

    /** Drives one session from its connect request to a verdict, as the client {@code holder} would answer. */
    private static Verdict connect(final SecretAuthenticator authenticator, final long sessionId,
        final ClusterSecret holder)
    {
        final Session session = new Session(sessionId);
        authenticator.onConnectRequest(sessionId, holder.credentials().encodedCredentials(), NOW);
        authenticator.onConnectedSession(session, NOW);
        if (session.verdict == null)
        {
            assertNotNull(session.challenge, "challenged");
            authenticator.onChallengeResponse(sessionId, holder.credentials().onChallenge(session.challenge), NOW);
            authenticator.onChallengedSession(session, NOW);
        }
        return session.verdict;
    }

    /** The secret most tests share. */
    private ClusterSecret secret() throws IOException
    {
        return secret("a", "0123456789abcdef0123");
    }

    private static SecretAuthenticator authenticator(final ClusterSecret secret)
    {
        return new SecretAuthenticator(secret, new SecureRandom());
    }

    private ClusterSecret secret(final String name, final String text) throws IOException
    {
        return ClusterSecret.read(write(name, text));
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.US_ASCII));
    }

    private enum Verdict
    {
        ADMITTED, REJECTED
    }

    /** What Aeron's proxy records: the challenge sent and the verdict. */
    private static final class Session implements SessionProxy
    {
        final long id;
        byte[] challenge;
        Verdict verdict;
        boolean refuseNextChallenge;

        Session(final long id)
        {
            this.id = id;
        }

        @Override
        public long sessionId()
        {
            return id;
        }

        @Override
        public boolean challenge(final byte[] encodedChallenge)
        {
            if (refuseNextChallenge)
            {
                refuseNextChallenge = false;
                return false;
            }
            challenge = encodedChallenge.clone();
            return true;
        }

        @Override
        public boolean authenticate(final byte[] encodedPrincipal)
        {
            verdict = Verdict.ADMITTED;
            return true;
        }

        @Override
        public void reject()
        {
            verdict = Verdict.REJECTED;
        }
    }
}
