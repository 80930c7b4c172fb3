package by.butb.cluster;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The tag every ingress message of a cluster with a secret ends with: the first {@link #LENGTH} bytes of the
 * HMAC-SHA256 (RFC 2104), under a key derived from the secret ({@link ClusterSecret#newSeal}), of the cluster session
 * id (8 bytes, little-endian) followed by the message before the tag. Aeron Cluster admits a session once (the
 * challenge of {@link SecretAuthenticator}) but then takes any ingress message that names the session's id and the
 * leadership term, from whichever host sends it; the seal lets the service take only the messages that a client
 * holding the secret sealed for that session, so that one captured in one session is refused in another. The HMAC is
 * computed here on one reused SHA-256 digest, as {@code javax.crypto.Mac} would allocate for each message. Not
 * thread-safe: one per thread. Allocates nothing per message.
 */
final class MessageSeal
{
    /** Bytes of the seal at the end of each ingress message. */
    static final int LENGTH = 16;
    private static final int BLOCK = 64;
    private static final int DIGEST = 32;

    private final MessageDigest sha256;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[DIGEST];
    private final byte[] digest = new byte[DIGEST];
    private final byte[] session = new byte[Long.BYTES];

    /** @param key the secret; a key longer than SHA-256's block is hashed first, as RFC 2104 says. */
    MessageSeal(final byte[] key)
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is not available in this Java", ex);
        }
        final byte[] block = key.length > BLOCK ? sha256.digest(key) : key;
        for (int i = 0; i < BLOCK; i++)
        {
            final byte k = i < block.length ? block[i] : 0;
            innerPad[i] = (byte)(k ^ 0x36);
            outerPad[i] = (byte)(k ^ 0x5c);
        }
    }

    /**
     * Writes the seal of {@code message[offset, offset + length)}, sent in session {@code sessionId}, into the
     * {@link #LENGTH} bytes after it.
     */
    void seal(final long sessionId, final byte[] message, final int offset, final int length)
    {
        hmac(sessionId, message, offset, length);
        System.arraycopy(digest, 0, message, offset + length, LENGTH);
    }

    /**
     * Whether {@code message[offset, offset + length)}, received in session {@code sessionId}, ends with the seal of
     * the bytes before its last {@link #LENGTH}; compared in constant time.
     */
    boolean verifies(final long sessionId, final byte[] message, final int offset, final int length)
    {
        if (length < LENGTH)
        {
            return false;
        }
        final int body = length - LENGTH;
        hmac(sessionId, message, offset, body);
        int difference = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            difference |= digest[i] ^ message[offset + body + i];
        }
        return difference == 0;
    }

    /**
     * The whole HMAC-SHA256 of {@code sessionId} (little-endian) and {@code message[offset, offset + length)}, into
     * {@link #digest}; for tests.
     */
    byte[] hmac(final long sessionId, final byte[] message, final int offset, final int length)
    {
        for (int i = 0; i < Long.BYTES; i++)
        {
            session[i] = (byte)(sessionId >>> (8 * i));
        }
        try
        {
            sha256.reset();
            sha256.update(innerPad);
            sha256.update(session);
            sha256.update(message, offset, length);
            sha256.digest(inner, 0, DIGEST);
            sha256.update(outerPad);
            sha256.update(inner);
            sha256.digest(digest, 0, DIGEST);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex); // the arrays hold a whole SHA-256 digest
        }
        return digest;
    }
}
