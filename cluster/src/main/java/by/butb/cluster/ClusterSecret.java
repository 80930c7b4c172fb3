package by.butb.cluster;

import by.butb.engine.files.FileProblems;
import io.aeron.security.AuthenticatorSupplier;
import io.aeron.security.CredentialsSupplier;
import io.aeron.security.NullCredentialsSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secret a cluster's nodes share with their clients ({@code --secret FILE} on a node, {@code --cluster-secret
 * FILE} on a client). A node that has one admits to its ingress and to its archive only a connection that proves it
 * holds the same secret: the node sends 32 random bytes, the client answers with an HMAC-SHA256 of them under the
 * secret, so the secret itself never crosses the network ({@link SecretAuthenticator}); and its service takes only
 * ingress messages that end with their seal under the secret ({@link MessageSeal}). {@link #NONE}: no secret, every
 * connection and message taken (the node's default). Immutable, thread-safe.
 */
public final class ClusterSecret
{
    /** No secret: nodes admit every connection; clients send no credentials. */
    public static final ClusterSecret NONE = new ClusterSecret(null);
    /** The {@link #fingerprint} of {@link #NONE}. */
    static final String NO_FINGERPRINT = "none";

    /** A secret file's bytes, trailing spaces, tabs and line ends left out, must number at least this many. */
    public static final int MIN_BYTES = 16;
    static final int MAX_BYTES = 4096;
    /** Bytes of trailing white space read past {@link #MAX_BYTES} before a file is refused unread. */
    private static final int TRAILING_SLACK = 64;
    static final int CHALLENGE_BYTES = 32;
    /** What a client with a secret sends when it connects: it asks to be challenged. */
    static final byte[] HELLO = "butb-secret-v1".getBytes(StandardCharsets.US_ASCII);
    /** What an answer to a challenge is the HMAC of: this label, then the challenge (see {@link #answer}). */
    private static final byte[] CHALLENGE_LABEL = "butb-challenge-v1:".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";
    private static final byte[] SEAL_KEY_LABEL = "butb-seal-v1".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY =
        PosixFilePermissions.fromString("rw-------");

    private final byte[] key;

    private ClusterSecret(final byte[] key)
    {
        this.key = key;
    }

    /**
     * The secret in {@code file}: its bytes, trailing spaces, tabs and line ends (a final newline) left out.
     *
     * @throws ClusterConfigException naming the file when it cannot be read, or is shorter than {@link #MIN_BYTES}
     *                                or longer than 4,096 bytes.
     */
    public static ClusterSecret read(final Path file)
    {
        final byte[] bytes;
        try
        {
            if (Files.size(file) > MAX_BYTES + TRAILING_SLACK)
            {
                throw new ClusterConfigException("secret file " + file + ": longer than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ClusterConfigException("secret file " + file + ": no such file (make one with 'butb cluster " +
                "secret " + file + "' and give the same file to every node and client)");
        }
        catch (final IOException ex)
        {
            throw new ClusterConfigException("secret file " + file + ": cannot be read: " +
                FileProblems.reason(ex));
        }
        int length = bytes.length;
        while (length > 0 && isTrailingSpace(bytes[length - 1]))
        {
            length--;
        }
        if (length < MIN_BYTES || length > MAX_BYTES)
        {
            throw new ClusterConfigException("secret file " + file + ": holds " + length + " bytes, needs " +
                MIN_BYTES + " to " + MAX_BYTES + " (make one with 'butb cluster secret FILE')");
        }
        return new ClusterSecret(Arrays.copyOf(bytes, length));
    }

    /** {@link #read} of {@code file}, or {@link #NONE} when it is null (the option was not given). */
    public static ClusterSecret readOrNone(final Path file)
    {
        return file == null ? NONE : read(file);
    }

    /**
     * Writes a new random secret (64 hexadecimal digits and a newline) to {@code file}, readable by its owner only
     * where the file system has POSIX permissions.
     *
     * @throws ClusterConfigException when the file exists (it is left as it was) or cannot be written (nothing is
     *                                left behind).
     */
    public static void create(final Path file)
    {
        final byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        final ByteBuffer text = ByteBuffer.wrap((HexFormat.of().formatHex(random) + "\n")
            .getBytes(StandardCharsets.US_ASCII));
        final Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean created = false;
        try (SeekableByteChannel channel = file.getFileSystem().supportedFileAttributeViews().contains("posix") ?
            Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY)) :
            Files.newByteChannel(file, options))
        {
            created = true;
            while (text.hasRemaining())
            {
                channel.write(text);
            }
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new ClusterConfigException("secret file " + file + ": already exists; left as it was (its nodes " +
                "and clients may use it)");
        }
        catch (final IOException ex)
        {
            if (created)
            {
                try
                {
                    Files.deleteIfExists(file);
                }
                catch (final IOException ignored)
                {
                    // the message below names the file
                }
            }
            final Path parent = file.toAbsolutePath().getParent();
            throw new ClusterConfigException("secret file " + file + ": cannot be written: " +
                (ex instanceof NoSuchFileException && parent != null && !Files.isDirectory(parent) ?
                    "no such directory " + parent : FileProblems.reason(ex)));
        }
    }

    /** Spaces, tabs and line ends: what an editor may add after a secret, and is not part of it. */
    private static boolean isTrailingSpace(final byte b)
    {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** True for {@link #NONE}. */
    public boolean isNone()
    {
        return key == null;
    }

    /**
     * What a node's consensus module and archive authenticate with: each {@code get()} a new authenticator. Without a
     * secret it admits every connection but one that asks to be challenged ({@link #HELLO}): a client that holds a
     * secret is told at once that these nodes have none, instead of having every command found malformed.
     */
    AuthenticatorSupplier authenticator()
    {
        return () -> new SecretAuthenticator(this, new SecureRandom());
    }

    /** What a client (of the cluster, or of an archive) connects with: the hello, then the challenge's answer. */
    public CredentialsSupplier credentials()
    {
        if (isNone())
        {
            return new NullCredentialsSupplier();
        }
        return new CredentialsSupplier()
        {
            @Override
            public byte[] encodedCredentials()
            {
                return HELLO.clone();
            }

            @Override
            public byte[] onChallenge(final byte[] encodedChallenge)
            {
                // Only a challenge as the nodes make them: an answer to anything else could serve as a key.
                return encodedChallenge.length == CHALLENGE_BYTES ? answer(encodedChallenge) : new byte[0];
            }
        };
    }

    /**
     * The answer to {@code challenge}: the HMAC-SHA256, under this secret, of a label of its own and the challenge, so
     * that no answer is ever the seal key or the fingerprint (HMACs of other labels).
     */
    byte[] answer(final byte[] challenge)
    {
        final Mac mac = mac();
        mac.update(CHALLENGE_LABEL);
        return mac.doFinal(challenge);
    }

    /**
     * A new seal for ingress messages under this secret (one per thread); null for {@link #NONE}. Its key is derived
     * from the secret ({@code HMAC(secret, "butb-seal-v1")}), apart from the answers to challenges.
     */
    MessageSeal newSeal()
    {
        return isNone() ? null : new MessageSeal(mac().doFinal(SEAL_KEY_LABEL));
    }

    /**
     * What a node's data directory records of its secret, so that a restart with another one is refused:
     * {@link #NO_FINGERPRINT}, or
     * 16 hexadecimal digits of a digest of the secret (from which the secret cannot be found).
     */
    String fingerprint()
    {
        return isNone() ? NO_FINGERPRINT :
            HexFormat.of().formatHex(mac().doFinal("butb node identity".getBytes(StandardCharsets.US_ASCII)), 0, 8);
    }

    private Mac mac()
    {
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java", ex);
        }
    }

    /** Whether {@code answer} is this secret's answer to {@code challenge}, compared in constant time. */
    boolean verifies(final byte[] challenge, final byte[] answer)
    {
        return MessageDigest.isEqual(answer(challenge), answer);
    }

    @Override
    public String toString()
    {
        return isNone() ? "no secret" : "a secret of " + key.length + " bytes";
    }
}
