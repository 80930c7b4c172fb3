package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvOutTest
{
    private static final String CHARACTERS = "abcXYZ019 ,\"\n\r#-.ж\u3000";

    @Test
    void textFromBytesIsWrittenAndQuotedAsTheSameTextFromAString()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 20_000; round++)
        {
            final StringBuilder text = new StringBuilder();
            for (int i = 0, n = random.nextInt(random.nextBoolean() ? 12 : 80); i < n; i++)
            {
                text.append(random.nextInt(4) == 0 ? CHARACTERS.charAt(random.nextInt(CHARACTERS.length())) :
                    (char)('a' + random.nextInt(26)));
            }
            final String value = text.toString();
            final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            final int offset = random.nextInt(9);
            final byte[] around = new byte[offset + utf8.length + random.nextInt(9)];
            System.arraycopy(utf8, 0, around, offset, utf8.length);

            final ByteArrayOutputStream fromString = new ByteArrayOutputStream();
            final CsvOut strings = new CsvOut("a.csv", fromString);
            strings.field("x").field(value).end().flush();
            final ByteArrayOutputStream fromBytes = new ByteArrayOutputStream();
            final CsvOut bytes = new CsvOut("b.csv", fromBytes);
            bytes.field("x").text(around, offset, utf8.length).end().flush();

            assertEquals(fromString.toString(StandardCharsets.UTF_8), fromBytes.toString(StandardCharsets.UTF_8),
                "'" + value + "', seed " + seed);
        }
    }
}
