package by.butb.cluster;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MessageSeal} against Java's own HMAC-SHA256 of the session id and the message, on random keys, sessions and
 * messages; and what a seal lets through.
 */
class MessageSealTest
{
    private static final long SEED = 20261206;

    @Test
    void theSealIsJavasHmacSha256OfTheSessionAndMessageForKeysOfEveryLength() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 2_000; round++)
        {
            final byte[] key = bytes(random, 16 + random.nextInt(200)); // shorter and longer than a block of 64
            final MessageSeal seal = new MessageSeal(key);
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int m = 0; m < 3; m++)
            {
                final byte[] message = bytes(random, random.nextInt(300));
                final int offset = message.length == 0 ? 0 : random.nextInt(message.length);
                final int length = message.length - offset;
                final long sessionId = random.nextLong();
                mac.update(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, sessionId)
                    .array());
                mac.update(message, offset, length);
                assertArrayEquals(mac.doFinal(), seal.hmac(sessionId, message, offset, length).clone(),
                    "seed " + SEED + ", round " + round);
            }
        }
    }

    @Test
    void aSealedMessageVerifiesInItsSessionAndNotInAnotherNorWithAChangedByteOrAnotherKey()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final byte[] key = bytes(random, 32);
        final MessageSeal seal = new MessageSeal(key);
        final byte[] message = Arrays.copyOf(bytes(random, 100), 100 + MessageSeal.LENGTH);
        seal.seal(7, message, 0, 100);
        assertTrue(seal.verifies(7, message, 0, message.length));
        assertFalse(seal.verifies(8, message, 0, message.length), "sealed for another session");
        for (int i = 0; i < message.length; i++)
        {
            final byte[] changed = message.clone();
            changed[i] ^= 1 << random.nextInt(8);
            assertFalse(seal.verifies(7, changed, 0, changed.length), "byte " + i + " changed");
        }
        final byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        assertFalse(new MessageSeal(otherKey).verifies(7, message, 0, message.length));
        assertFalse(seal.verifies(7, message, 0, MessageSeal.LENGTH - 1), "shorter than a seal");
    }

    @Test
    void sealingAndVerifyingAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        final MessageSeal seal = new MessageSeal(bytes(new SplittableRandom(SEED), 32));
        final byte[] message = new byte[120 + MessageSeal.LENGTH];
        for (int i = 0; i < 20_000; i++) // warm up
        {
            seal.seal(i, message, 0, 120);
            seal.verifies(i, message, 0, message.length);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        boolean all = true;
        for (int i = 0; i < 100_000; i++)
        {
            message[i % 120] = (byte)i;
            seal.seal(i, message, 0, 120);
            all &= seal.verifies(i, message, 0, message.length);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(all);
        assertEquals(0, allocated, "bytes allocated by 100,000 seals and checks");
    }

    private static byte[] bytes(final SplittableRandom random, final int n)
    {
        final byte[] b = new byte[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = (byte)random.nextInt(256);
        }
        return b;
    }
}
