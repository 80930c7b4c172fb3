package by.butb.cluster;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * The tag every ingress message of a cluster with a secret ends with: the first {@link #LENGTH} bytes of the
 * HMAC-SHA256, under the secret, of the message before it. Aeron Cluster admits a session once (the challenge of
 * {@link SecretAuthenticator}) but then takes any ingress message that names the session's id and the leadership term,
 * from whichever host sends it; the seal lets the service take only the messages of a client that holds the secret.
 * Not thread-safe: one per thread. Allocates nothing per message.
 */
final class MessageSeal
{
    /** Bytes of the seal at the end of each ingress message. */
    static final int LENGTH = 16;

    private final Mac mac;
    private final byte[] digest;

    MessageSeal(final Mac mac)
    {
        this.mac = mac;
        this.digest = new byte[mac.getMacLength()];
    }

    /** Writes the seal of {@code message[offset, offset + length)} into the {@link #LENGTH} bytes after it. */
    void seal(final byte[] message, final int offset, final int length)
    {
        compute(message, offset, length);
        System.arraycopy(digest, 0, message, offset + length, LENGTH);
    }

    /**
     * Whether {@code message[offset, offset + length)} ends with the seal of the bytes before its last
     * {@link #LENGTH}; compared in constant time.
     */
    boolean verifies(final byte[] message, final int offset, final int length)
    {
        if (length < LENGTH)
        {
            return false;
        }
        final int body = length - LENGTH;
        compute(message, offset, body);
        int difference = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            difference |= digest[i] ^ message[offset + body + i];
        }
        return difference == 0;
    }

    private void compute(final byte[] message, final int offset, final int length)
    {
        mac.update(message, offset, length);
        try
        {
            mac.doFinal(digest, 0);
        }
        catch (final ShortBufferException ex)
        {
            throw new IllegalStateException(ex); // the digest holds the whole MAC
        }
    }
}
