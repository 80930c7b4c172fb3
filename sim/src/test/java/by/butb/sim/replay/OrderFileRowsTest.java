package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.csv.CsvException;
import by.butb.engine.csv.CsvReader;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderFileRows} (bytes, plain rows read straight from them) against the character path it replaces in the
 * replay, {@link CsvReader#readAllowingExtraValues} and {@link OrderFileReader}: the same commands, rows, reasons,
 * order id numbers and names, and the same errors, for random order files of every kind of row.
 */
class OrderFileRowsTest
{
    private static final Catalog CATALOG = catalog();
    private static final LongToIntFunction INSTRUMENT_OF_EXCHANGE_ORDER = id -> id % 2 == 0 ? 0 : Command.UNKNOWN;
    private static final List<String> OPTIONAL = List.of("on_behalf_of", "new_order_id", "exchange_order_id",
        "counterparty", "counterparty_order_id", "bid_step", "close_time", "note");
    private static final String[] PARTICIPANTS = {"BY-SAVUSHKIN", "BY-LIDA", "BY-ROGACHEV", "CN-BROKER-01",
        "CN-BUYER-03", "by-lida", "NOBODY", " BY-LIDA ", ""};
    private static final String[] ACTIONS = {"NEW", "NEW", "NEW", "NEW", "CANCEL", "CANCEL", "CANCEL", "REPLACE",
        "LOT_OFFER", "LOT_BID", "new", "Cancel", "BUY", ""};
    private static final String[] IDS = {"O1", "O2", "O3", "O4", "O5", "A-17", "ордер-7", "\uD83D\uDE00x", "a,b",
        "q\"uote", " pad ", "tab\there", "#hash", "x".repeat(64), "y".repeat(65), "line\nbreak", "\u3000wide", ""};
    private static final String[] INSTRUMENTS = {"SUGAR", "SUGAR", "SMP", "TIMBER_SW", "sugar", "GOLD", ""};
    private static final String[] SIDES = {"BUY", "SELL", "BUY", "SELL", "buy", "HOLD", ""};
    private static final String[] TYPES = {"LIMIT", "LIMIT", "LIMIT", "MARKET", "limit", "STOP", ""};
    private static final String[] TIFS = {"GTC", "DAY", "IOC", "FOK", "GTC", "gtc", "NOW", ""};
    private static final String[] PRICES = {"625.50", "625.5", "625", "0625.00", "625.505", "625.500", "-5", "1e3",
        "abc", "1,5", "12345678901234567.5", " 626.00 ", ".5", "5.", ""};
    private static final String[] QUANTITIES = {"1", "10", "3", "1.5", "1.0001", "0", "x", ""};
    private static final String[] TIMES = {"", "garbage", "2024-02-30T09:00:00Z", "2024-03-01T09:00:00+01:00",
        "2024-03-01T09:00Z", "9999-01-01T00:00:00Z", "2024-03-01 09:00:00Z"};
    private static final String[] OTHERS = {"", "", "", "", "", "7", "8", "x", "O1", "BY-LIDA", "CN-BUYER-03",
        "2024-03-01T10:00:00Z", "0.50"};
    /** Byte sequences that are not UTF-8: overlong, stray continuation, surrogate, cut short, above U+10FFFF. */
    private static final byte[][] NOT_UTF8 = {{(byte)0xC0, (byte)0xAF}, {(byte)0x80}, {(byte)0xED, (byte)0xA0,
        (byte)0x80}, {(byte)0xE2, (byte)0x82}, {(byte)0xF5, (byte)0x80, (byte)0x80, (byte)0x80}, {(byte)0xF4,
        (byte)0x90, (byte)0x80, (byte)0x80}, {(byte)0xE0, (byte)0x80, (byte)0x80}, {(byte)0xEF, (byte)0xBB}};
    /** Stands in a value for one of {@link #NOT_UTF8}, put in place of it when the record is encoded. */
    private static final char NOT_UTF8_MARK = '\uE000';

    @Test
    void shouldReadRandomOrderFilesAsTheCsvReaderAndOrderFileReaderDo()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        int plainRows = 0;
        for (int file = 0; file < 150; file++)
        {
            final byte[] bytes = randomFile(random, file);
            final int chunk = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(50);
            final List<String> expected = readAsBefore(bytes);
            final List<String> actual = readWithBytes(bytes, chunk);
            final String where = "seed " + seed + ", file " + file + " (" + new String(bytes,
                StandardCharsets.UTF_8).lines().limit(3).toList() + " ...), chunks of " + chunk;
            assertEquals(expected.size(), actual.size(), where + ": " + expected + " / " + actual);
            for (int i = 0; i < expected.size(); i++)
            {
                assertEquals(expected.get(i), actual.get(i), where + ", row " + i);
            }
            plainRows += Collections.frequency(actual.stream().map(r -> r.contains("reason=null")).toList(), true);
        }
        assertTrue(plainRows > 1000, "the files have rows without problems: " + plainRows + "; seed " + seed);
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8AsTheUtf8ReaderDoes()
    {
        final String header = "time,participant,action,order_id,instrument,side,type,tif,price,quantity\n";
        for (final byte[] bad : NOT_UTF8)
        {
            final ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(header.getBytes(StandardCharsets.UTF_8));
            file.writeBytes("2024-03-01T09:00:00Z,BY-LIDA,NEW,O".getBytes(StandardCharsets.UTF_8));
            file.writeBytes(bad);
            file.writeBytes(",SUGAR,BUY,LIMIT,GTC,625.50,1\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("not UTF-8"), readAsBefore(file.toByteArray()));
            assertEquals(List.of("not UTF-8"), readWithBytes(file.toByteArray(), 3));
        }
    }

    @Test
    void shouldSkipAByteOrderMarkAndKeepCharactersThatOnlyStartLikeOne()
    {
        final String rest = "time,participant,action,order_id,instrument,side,type,tif,price,quantity\n" +
            "2024-03-01T09:00:00Z,BY-LIDA,NEW,O1,SUGAR,BUY,LIMIT,GTC,625.50,1\n";
        for (final String start : List.of("\uFEFF", "\uFEFE,", "\uFEFFtime2,"))
        {
            final byte[] bytes = (start + rest).getBytes(StandardCharsets.UTF_8);
            assertEquals(readAsBefore(bytes), readWithBytes(bytes, 1), start);
        }
    }

    /** The rows as the replay read them before: characters decoded strictly, then CsvReader and OrderFileReader. */
    private static List<String> readAsBefore(final byte[] bytes)
    {
        final List<String> rows = new ArrayList<>();
        final OrderIds ids = new OrderIds();
        final OrderFileReader reader = new OrderFileReader(CATALOG, ids, INSTRUMENT_OF_EXCHANGE_ORDER);
        final Reader text = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        try
        {
            CsvReader.readAllowingExtraValues("orders.csv", text, OrderFileReader.REQUIRED_COLUMNS, row ->
            {
                final Command cmd = new Command();
                rows.add(describe(reader.read(row, cmd), cmd, ids));
            });
            return rows;
        }
        catch (final RuntimeException ex)
        {
            return List.of(describe(ex));
        }
    }

    private static List<String> readWithBytes(final byte[] bytes, final int chunk)
    {
        final List<String> rows = new ArrayList<>();
        final OrderIds ids = new OrderIds();
        final OrderFileReader reader = new OrderFileReader(CATALOG, ids, INSTRUMENT_OF_EXCHANGE_ORDER);
        try
        {
            final PendingOrderIds pending = new PendingOrderIds();
            final OrderFileRows file = new OrderFileRows("orders.csv", new Chunked(bytes, chunk), CATALOG, ids,
                reader, pending);
            while (file.next())
            {
                final Command cmd = new Command();
                final RowInfo row = file.read(cmd);
                pending.number();
                rows.add(describe(row, cmd, ids));
            }
            return rows;
        }
        catch (final RuntimeException ex)
        {
            return List.of(describe(ex));
        }
    }

    /**
     * A plain row is shared by the lines alike: shown with its command's line, its order id as the name of the
     * command's client order id. Price and quantity texts are shown only for commands the event writer cannot scale
     * (it writes the texts for those alone), which a plain row never is.
     */
    private static String describe(final RowInfo row, final Command cmd, final OrderIds ids)
    {
        final boolean scaled = (cmd.type == CommandType.NEW_ORDER || cmd.type == CommandType.REPLACE) &&
            cmd.instrument >= 0;
        final RowInfo info = new RowInfo(cmd.userRef, row.participant(), row.onBehalfOf(), row.action(),
            row.orderId() != null ? row.orderId() : ids.nameOf(row.owner(), cmd.clientOrderId), row.exchangeOrderId(),
            row.instrument(), row.side(), row.type(), row.tif(), scaled ? "" : row.price(),
            scaled ? "" : row.quantity(), row.counterparty(), row.counterpartyOrderId(), row.reason());
        return cmd + " " + info + " names " + ids.nameOf(info.owner(), cmd.clientOrderId) + "/" +
            ids.nameOf(info.owner(), cmd.newClientOrderId) + "/" +
            ids.nameOf(info.counterparty(), cmd.counterpartyOrderId) + " instrument " +
            ids.instrumentOf(info.owner(), cmd.clientOrderId) + " lot side " +
            ids.lotSideOf(info.owner(), cmd.clientOrderId);
    }

    private static String describe(final RuntimeException ex)
    {
        if (ex instanceof UncheckedIOException && ex.getCause() instanceof CharacterCodingException)
        {
            return "not UTF-8";
        }
        if (ex instanceof CsvException)
        {
            return "CsvException " + ex.getMessage();
        }
        throw ex;
    }

    private static byte[] randomFile(final SplittableRandom random, final int file)
    {
        final List<String> columns = new ArrayList<>(OrderFileReader.REQUIRED_COLUMNS);
        for (final String optional : OPTIONAL)
        {
            if (random.nextInt(3) > 0)
            {
                columns.add(optional);
            }
        }
        Collections.shuffle(columns, new java.util.Random(random.nextLong()));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) == 0)
        {
            out.writeBytes("\uFEFF".getBytes(StandardCharsets.UTF_8));
        }
        write(out, random, columns, random.nextInt(4) == 0 ? "\r\n" : "\n");
        // Most files are mostly plain rows, which the byte reader reads itself; some are any mix.
        final boolean messy = file % 4 == 0;
        final int rows = random.nextInt(file % 10 == 0 ? 2_000 : 80);
        long time = 1_709_283_600L;
        for (int r = 0; r < rows; r++)
        {
            time += random.nextInt(3);
            if (random.nextInt(40) == 0)
            {
                out.writeBytes((random.nextBoolean() ? "# comment, with a comma\n" : " \t\n")
                    .getBytes(StandardCharsets.UTF_8));
            }
            final List<String> values = new ArrayList<>();
            for (final String column : columns)
            {
                values.add(value(random, column, messy || random.nextInt(8) == 0, time));
            }
            if (random.nextInt(30) == 0)
            {
                values.add("extra");
            }
            while (random.nextInt(25) == 0 && !values.isEmpty())
            {
                values.remove(values.size() - 1);
            }
            if (random.nextInt(60) == 0 && file % 8 == 1)
            {
                values.set(0, values.get(0) + NOT_UTF8_MARK);
            }
            write(out, random, values, switch (random.nextInt(12))
            {
                case 0 -> "\r\n";
                case 1 -> "\r";
                default -> "\n";
            });
        }
        if (random.nextInt(20) == 0)
        {
            out.writeBytes("2024-03-01T09:00:00Z,\"open".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String value(final SplittableRandom random, final String column, final boolean messy,
        final long time)
    {
        final String plain = switch (column)
        {
            case "time" -> java.time.Instant.ofEpochSecond(time, random.nextInt(4) == 0 ? random.nextInt(1000) *
                1_000_000L : 0).toString();
            case "participant" -> PARTICIPANTS[random.nextInt(3)];
            case "action" -> ACTIONS[random.nextInt(7)];
            case "order_id" -> IDS[random.nextInt(6)];
            case "instrument" -> INSTRUMENTS[random.nextInt(3)];
            case "side" -> SIDES[random.nextInt(4)];
            case "type" -> "LIMIT";
            case "tif" -> TIFS[random.nextInt(4)];
            case "price" -> PRICES[random.nextInt(4)];
            case "quantity" -> QUANTITIES[random.nextInt(3)];
            default -> "";
        };
        if (!messy || random.nextInt(3) > 0)
        {
            return plain;
        }
        return switch (column)
        {
            case "time" -> TIMES[random.nextInt(TIMES.length)];
            case "participant" -> PARTICIPANTS[random.nextInt(PARTICIPANTS.length)];
            case "action" -> ACTIONS[random.nextInt(ACTIONS.length)];
            case "order_id" -> IDS[random.nextInt(IDS.length)];
            case "instrument" -> INSTRUMENTS[random.nextInt(INSTRUMENTS.length)];
            case "side" -> SIDES[random.nextInt(SIDES.length)];
            case "type" -> TYPES[random.nextInt(TYPES.length)];
            case "tif" -> TIFS[random.nextInt(TIFS.length)];
            case "price" -> PRICES[random.nextInt(PRICES.length)];
            case "quantity" -> QUANTITIES[random.nextInt(QUANTITIES.length)];
            case "new_order_id", "counterparty_order_id" -> IDS[random.nextInt(IDS.length)];
            default -> OTHERS[random.nextInt(OTHERS.length)];
        };
    }

    /** Writes a record, quoting what needs it and sometimes what does not, with whitespace before some quotes. */
    private static void write(final ByteArrayOutputStream out, final SplittableRandom random, final List<String> values,
        final String lineEnd)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++)
        {
            final String v = values.get(i);
            line.append(i == 0 ? "" : ",");
            final boolean needs = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
            if (needs || random.nextInt(15) == 0)
            {
                line.append(random.nextInt(5) == 0 ? (random.nextBoolean() ? " " : "\u3000") : "")
                    .append('"').append(v.replace("\"", "\"\"")).append('"');
                if (random.nextInt(20) == 0)
                {
                    line.append("tail\"");
                }
            }
            else
            {
                line.append(v);
            }
        }
        final String text = line.append(lineEnd).toString();
        final int mark = text.indexOf(NOT_UTF8_MARK);
        if (mark < 0)
        {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        out.writeBytes(text.substring(0, mark).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(NOT_UTF8[random.nextInt(NOT_UTF8.length)]);
        out.writeBytes(text.substring(mark + 1).getBytes(StandardCharsets.UTF_8));
    }

    private static Catalog catalog()
    {
        try (Reader instruments = Source.DEFAULT_INSTRUMENTS.open();
             Reader participants = Source.DEFAULT_PARTICIPANTS.open())
        {
            return CatalogLoader.load(Source.DEFAULT_INSTRUMENTS.name(), instruments,
                Source.DEFAULT_PARTICIPANTS.name(), participants);
        }
        catch (final java.io.IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** An input stream that hands out at most {@code chunk} bytes a read, to split records across reads. */
    private static final class Chunked extends InputStream
    {
        private final byte[] bytes;
        private final int chunk;
        private int position;

        Chunked(final byte[] bytes, final int chunk)
        {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read()
        {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(final byte[] b, final int off, final int len)
        {
            if (position == bytes.length)
            {
                return -1;
            }
            final int n = Math.min(Math.min(len, chunk), bytes.length - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
