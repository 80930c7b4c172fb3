package by.butb.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's login secrets: each participant's salted password hash ({@link PasswordHasher} format), by
 * participant id. Read from the participants file's {@code password_hash} column ({@link ParticipantsFile}); the
 * engine's catalog does not carry them. Immutable and thread-safe.
 */
public final class Credentials
{
    /** Nobody has a password: nobody can log on. */
    public static final Credentials NONE = new Credentials(Map.of());

    private final Map<String, String> hashes;
    private volatile String dummyHash;

    /** {@code hashes}: participant id to hash; blank hashes are left out (no password). */
    public Credentials(final Map<String, String> hashes)
    {
        final Map<String, String> copy = new HashMap<>();
        for (final Map.Entry<String, String> e : hashes.entrySet())
        {
            final String hash = Objects.requireNonNull(e.getValue(), "hash").trim();
            if (!hash.isEmpty())
            {
                copy.put(Objects.requireNonNull(e.getKey(), "participant id"), hash);
            }
        }
        this.hashes = Map.copyOf(copy);
    }

    /** The participant's hash, or an empty string when it has none. */
    public String hash(final String participantId)
    {
        return hashes.getOrDefault(participantId, "");
    }

    public boolean hasPassword(final String participantId)
    {
        return hashes.containsKey(participantId);
    }

    /** How many participants have a password hash. */
    public int size()
    {
        return hashes.size();
    }

    /**
     * A well-formed hash of a random password with the iteration count most of the stored hashes use, for
     * verifying a logon that has no hash to verify against with the same work as one that has (created once).
     */
    String dummyHash()
    {
        String dummy = dummyHash;
        if (dummy == null)
        {
            final Map<Integer, Integer> counts = new HashMap<>();
            for (final String hash : hashes.values())
            {
                final int iterations = PasswordHasher.iterations(hash);
                if (iterations > 0)
                {
                    counts.merge(iterations, 1, Integer::sum);
                }
            }
            int iterations = PasswordHasher.DEFAULT_ITERATIONS;
            int most = 0;
            for (final Map.Entry<Integer, Integer> e : counts.entrySet())
            {
                if (e.getValue() > most)
                {
                    most = e.getValue();
                    iterations = e.getKey();
                }
            }
            dummy = PasswordHasher.hash(Long.toHexString(System.nanoTime()).toCharArray(), iterations);
            dummyHash = dummy;
        }
        return dummy;
    }
}
