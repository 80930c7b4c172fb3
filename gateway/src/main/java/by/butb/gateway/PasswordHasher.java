package by.butb.gateway;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Salted password hashes for gateway logins: PBKDF2 with HMAC-SHA256 from the JDK, a random 16-byte salt, stored
 * as {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>} in the participants file's
 * {@code password_hash} column. Only the hash is ever stored.
 */
public final class PasswordHasher
{
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 100_000;
    /** Upper bound accepted when verifying, so that a corrupt file cannot stall logons. */
    public static final int MAX_ITERATIONS = 5_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher()
    {
    }

    public static String hash(final char[] password)
    {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(final char[] password, final int iterations)
    {
        if (password == null || password.length == 0)
        {
            throw new IllegalArgumentException("the password is empty");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS)
        {
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS);
        }
        final byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        final byte[] hash = derive(password, salt, iterations, HASH_BITS);
        final Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + '$' + iterations + '$' + b64.encodeToString(salt) + '$' + b64.encodeToString(hash);
    }

    /** True when {@code stored} is a hash in the format above (it says nothing about any password). */
    public static boolean isWellFormed(final String stored)
    {
        return parse(stored) != null;
    }

    /** The iteration count of a well-formed hash, or 0. */
    public static int iterations(final String stored)
    {
        final Parsed parsed = parse(stored);
        return parsed == null ? 0 : parsed.iterations;
    }

    /** True when {@code password} matches {@code stored}; false for a wrong password or a malformed hash. */
    public static boolean verify(final char[] password, final String stored)
    {
        final Parsed parsed = parse(stored);
        if (parsed == null || password == null)
        {
            return false;
        }
        final byte[] actual = derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    private static Parsed parse(final String stored)
    {
        if (stored == null)
        {
            return null;
        }
        final String[] parts = stored.trim().split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0]))
        {
            return null;
        }
        try
        {
            final int iterations = Integer.parseInt(parts[1]);
            final byte[] salt = Base64.getDecoder().decode(parts[2]);
            final byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length < 8 || hash.length < 16 ||
                hash.length > 64)
            {
                return null;
            }
            return new Parsed(iterations, salt, hash);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static byte[] derive(final char[] password, final byte[] salt, final int iterations, final int bits)
    {
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try
        {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", ex);
        }
        finally
        {
            spec.clearPassword();
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash)
    {
    }
}
