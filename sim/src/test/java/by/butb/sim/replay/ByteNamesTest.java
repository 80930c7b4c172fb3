package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteNamesTest
{
    @Test
    void findsEachNameByItsBytesWhereverTheyLieAndNothingElse()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int set = 0; set < 200; set++)
        {
            final List<String> names = new ArrayList<>();
            final Map<String, Integer> reference = new HashMap<>();
            for (int i = 0, n = random.nextInt(40); i < n; i++)
            {
                final String name = name(random);
                names.add(name);
                reference.putIfAbsent(name, i);
            }
            final ByteNames byteNames = new ByteNames(names);
            for (int look = 0; look < 500; look++)
            {
                final String text = !names.isEmpty() && random.nextBoolean() ? names.get(random.nextInt(names.size())) :
                    name(random);
                final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                // Somewhere in a bigger array, or at its very end, with other bytes around it.
                final int from = random.nextInt(10);
                final byte[] around = new byte[from + utf8.length + (random.nextBoolean() ? 0 : random.nextInt(10))];
                for (int i = 0; i < around.length; i++)
                {
                    around[i] = (byte)('A' + random.nextInt(3));
                }
                System.arraycopy(utf8, 0, around, from, utf8.length);
                assertEquals(reference.getOrDefault(text, -1), byteNames.indexOf(around, from, from + utf8.length),
                    "'" + text + "' among " + names + ", seed " + seed);
            }
        }
    }

    /** Names alike in their first or last bytes and of every length to 30, sometimes not ASCII. */
    private static String name(final SplittableRandom random)
    {
        final String[] parts = {"CN-BUYER-", "BY-", "A", "B", "-0", "1", "ж", ""};
        final StringBuilder s = new StringBuilder();
        for (int i = 0, n = random.nextInt(6); i < n; i++)
        {
            s.append(parts[random.nextInt(parts.length)]);
        }
        return s.length() > 30 ? s.substring(0, 30) : s.toString();
    }
}
