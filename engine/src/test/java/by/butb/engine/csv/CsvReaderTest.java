package by.butb.engine.csv;

import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvReaderTest
{
    private static final String[] PIECES = {"a", "BY-SAVUSHKIN", "SUGAR", "625.50", " ", ",", "\"", "\n", "\r\n", "é",
        "日本", "\uD83D\uDE00", "#", "x y", ""};

    @Test
    void shouldReadEveryFieldOfRandomFilesWhateverTheQuotingLineEndsAndChunksOfInput()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int file = 0; file < 40; file++)
        {
            final int columns = 1 + random.nextInt(12);
            final List<List<String>> records = new ArrayList<>();
            final StringBuilder text = new StringBuilder();
            final List<String> header = new ArrayList<>();
            for (int c = 0; c < columns; c++)
            {
                header.add("c" + c);
            }
            write(text, header, random);
            final int rows = 1 + random.nextInt(file % 5 == 0 ? 6_000 : 50);
            for (int r = 0; r < rows; r++)
            {
                final List<String> record = new ArrayList<>();
                for (int c = 0; c < columns; c++)
                {
                    record.add(randomField(random, c));
                }
                if (columns == 1 && record.get(0).isBlank() || record.get(0).startsWith("#"))
                {
                    record.set(0, "v");
                }
                records.add(record);
                write(text, record, random);
            }
            final int chunk = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(9);
            final List<CsvRow> read = new ArrayList<>();
            CsvReader.read("f.csv", new ChunkedReader(text.toString(), chunk), header, read::add);
            assertEquals(records.size(), read.size(), "rows; seed " + seed + " file " + file);
            for (int r = 0; r < records.size(); r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    assertEquals(records.get(r).get(c).trim(), read.get(r).get("c" + c),
                        "row " + r + " column " + c + "; seed " + seed + " file " + file);
                }
            }
        }
    }

    @Test
    void shouldGiveTheSameStringForTextThatAColumnRepeats()
    {
        final StringBuilder text = new StringBuilder("participant,order_id\n");
        for (int i = 0; i < 3 * FieldStrings.TRIAL_ROWS; i++)
        {
            text.append(i % 2 == 0 ? "BY-SAVUSHKIN" : "CN-BUYER-01").append(",O").append(i).append('\n');
        }
        final List<CsvRow> rows = new ArrayList<>();
        CsvReader.read("f.csv", new StringReader(text.toString()), List.of("participant"), rows::add);
        final CsvRow last = rows.get(rows.size() - 1);
        assertEquals("CN-BUYER-01", last.get("participant"));
        assertSame(rows.get(1).get("participant"), last.get("participant"));
        assertEquals("O" + (rows.size() - 1), last.get("order_id"));
        assertNotSame(rows.get(0).get("participant"), last.get("participant"));
    }

    @Test
    void shouldNameTheLineOfAQuotedFieldThatIsNotClosed()
    {
        final CsvException ex = assertThrows(CsvException.class, () -> CsvReader.read("f.csv",
            new StringReader("a,b\n1,2\n3,\"4\n"), List.of("a"), row -> { }));
        assertEquals("f.csv:3: a quoted field is not closed", ex.getMessage());
    }

    private static String randomField(final SplittableRandom random, final int column)
    {
        if (column == 0 && random.nextInt(3) == 0)
        {
            return random.nextBoolean() ? "BY-SAVUSHKIN" : "CN-BUYER-01";
        }
        final StringBuilder field = new StringBuilder();
        final int pieces = random.nextInt(random.nextInt(20) == 0 ? 40 : 4);
        for (int i = 0; i < pieces; i++)
        {
            field.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return field.toString();
    }

    /** Quotes a field when it must be, and sometimes when it need not be; ends the record with LF or CRLF. */
    private static void write(final StringBuilder text, final List<String> record, final SplittableRandom random)
    {
        for (int i = 0; i < record.size(); i++)
        {
            final String field = record.get(i);
            final boolean must = field.contains(",") || field.contains("\"") || field.contains("\n") ||
                field.contains("\r") || field.trim().startsWith("\"");
            text.append(i == 0 ? "" : ",");
            if (must || random.nextInt(5) == 0)
            {
                text.append('"').append(field.replace("\"", "\"\"")).append('"');
            }
            else
            {
                text.append(field);
            }
        }
        text.append(random.nextBoolean() ? "\n" : "\r\n");
    }

    /** Gives at most {@code chunk} characters a read, so that fields straddle the parser's buffer fills. */
    private static final class ChunkedReader extends Reader
    {
        private final String text;
        private final int chunk;
        private int position;

        ChunkedReader(final String text, final int chunk)
        {
            this.text = text;
            this.chunk = chunk;
        }

        @Override
        public int read(final char[] buffer, final int offset, final int length)
        {
            if (position == text.length())
            {
                return -1;
            }
            final int n = Math.min(Math.min(length, chunk), text.length() - position);
            text.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close()
        {
        }
    }
}
