package by.butb.engine.journal;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactCommandCodecTest
{
    private static final long[] LONGS = {0, 1, -1, 2, 127, 128, -129, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
    private static final int[] INTS = {0, 1, -1, Command.NONE, Command.UNKNOWN, 1_000, Integer.MAX_VALUE,
        Integer.MIN_VALUE};

    @Test
    void shouldRoundTripEveryCommandTypeWithEveryFieldAtItsExtremes()
    {
        final List<Command> commands = new ArrayList<>();
        for (final CommandType type : CommandType.values())
        {
            for (int i = 0; i < LONGS.length; i++)
            {
                final Command c = new Command();
                c.type = type;
                c.sequence = LONGS[i];
                c.timeNanos = LONGS[(i + 1) % LONGS.length];
                c.submitter = INTS[i % INTS.length];
                c.onBehalfOf = INTS[(i + 3) % INTS.length];
                c.clientOrderId = LONGS[(i + 2) % LONGS.length];
                c.newClientOrderId = LONGS[(i + 3) % LONGS.length];
                c.exchangeOrderId = LONGS[(i + 4) % LONGS.length];
                c.instrument = INTS[(i + 1) % INTS.length];
                c.side = Side.values()[i % 2];
                c.orderType = OrderType.values()[(i / 2) % 2];
                c.timeInForce = TimeInForce.values()[i % TimeInForce.values().length];
                c.price = LONGS[(i + 5) % LONGS.length];
                c.quantity = LONGS[(i + 6) % LONGS.length];
                c.rejectCode = ResultCode.values()[(i * 7) % ResultCode.values().length];
                c.userRef = LONGS[(i + 7) % LONGS.length];
                c.counterparty = INTS[(i + 5) % INTS.length];
                c.counterpartyOrderId = LONGS[(i + 8) % LONGS.length];
                c.bidStep = LONGS[(i + 9) % LONGS.length];
                c.closeTimeNanos = LONGS[(i + 10) % LONGS.length];
                commands.add(c);
            }
            commands.add(new Command().clear());
        }
        assertRoundTrip(commands, commands.size());
    }

    @Test
    void shouldRoundTripTheCommandsOfATradingStreamInDocumentsOfAnySize()
    {
        final CommandStream stream = new CommandStream(TestMarket.catalog(), 7);
        final SplittableRandom random = new SplittableRandom(7);
        final List<Command> commands = new ArrayList<>();
        for (int i = 0; i < 20_000; i++)
        {
            final Command c = stream.next(new Command());
            c.sequence = i;
            c.userRef = random.nextInt(10) == 0 ? random.nextLong() : i + 1;
            commands.add(c);
        }
        for (final int perDocument : new int[] {1, 2, 17, 256, 20_000})
        {
            assertRoundTrip(commands, perDocument);
        }
    }

    @Test
    void shouldWriteANearTouchNewOrderInTwelveBytesAndACancelInEight()
    {
        final CompactCommandCodec codec = new CompactCommandCodec();
        codec.reset();
        final byte[] stage = new byte[256 * CompactCommandCodec.MAX_LENGTH];
        final Command c = new Command();
        int end = codec.encode(c.newOrder(1_704_099_600_000_000_000L, 500, 1_234_567, 0, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, 62_500, 3_000), stage, 0);
        final int first = end;
        for (int i = 1; i <= 100; i++)
        {
            c.newOrder(1_704_099_600_000_000_000L + i, 500 + i, 1_234_567 + i, 0, Side.SELL, OrderType.LIMIT,
                TimeInForce.DAY, 62_500 + i % 5 * 50, 1_000 * (1 + i % 9));
            c.sequence = i;
            end = codec.encode(c, stage, end);
        }
        final double perCommand = (end - first) / 100.0;
        assertTrue(perCommand <= 12, "bytes per new order after the first: " + perCommand);
        c.cancel(1_704_099_600_000_000_200L, 777, 1_234_000);
        c.sequence = 101;
        final int cancel = codec.encode(c, stage, end) - end;
        assertTrue(cancel <= 8, "bytes per cancel: " + cancel);
    }

    @Test
    void shouldReportAnEntryCutShortAtEveryByteOfIt()
    {
        final CompactCommandCodec writer = new CompactCommandCodec();
        writer.reset();
        final byte[] stage = new byte[4 * CompactCommandCodec.MAX_LENGTH];
        final Command c = new Command();
        final int firstEnd = writer.encode(c.newOrder(5, 1, 2, 0, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100, 3),
            stage, 0);
        c.lotOffer(9, 2, 3, 1, Side.SELL, 200, 7, 10, 1_000);
        c.sequence = 1;
        c.userRef = 42;
        final int end = writer.encode(c, stage, firstEnd);
        for (int cut = firstEnd + 1; cut < end; cut++)
        {
            final EntryReader in = new EntryReader("commands journal, document at index ");
            in.start(stage, cut, 12);
            final CompactCommandCodec reader = new CompactCommandCodec();
            reader.reset();
            reader.decode(in, new Command());
            final JournalFormatException error = assertThrows(JournalFormatException.class,
                () -> reader.decode(in, new Command()), "cut at " + cut);
            assertTrue(error.getMessage().startsWith("commands journal, document at index 12, byte " + cut + " of " +
                cut + ": entry cut short"), error.getMessage());
        }
    }

    @Test
    void shouldRejectAnUnknownCommandTypeCode()
    {
        final byte[] document = {7, 0, 0, 0};
        final EntryReader in = new EntryReader("commands journal, document at index ");
        in.start(document, document.length, 3);
        final CompactCommandCodec reader = new CompactCommandCodec();
        reader.reset();
        final JournalFormatException error = assertThrows(JournalFormatException.class,
            () -> reader.decode(in, new Command()));
        assertTrue(error.getMessage().contains("unknown command type code 7"), error.getMessage());
    }

    @Test
    void shouldRejectAVarintLongerThanTenBytes()
    {
        final byte[] document = {0, (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80,
            (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, 1, 0, 0};
        final EntryReader in = new EntryReader("commands journal, document at index ");
        in.start(document, document.length, 0);
        final CompactCommandCodec reader = new CompactCommandCodec();
        reader.reset();
        final JournalFormatException error = assertThrows(JournalFormatException.class,
            () -> reader.decode(in, new Command()));
        assertTrue(error.getMessage().contains("varint longer than 10 bytes"), error.getMessage());
    }

    /** Encodes {@code commands} in documents of {@code perDocument} entries and checks every field decodes equal. */
    private static void assertRoundTrip(final List<Command> commands, final int perDocument)
    {
        final CompactCommandCodec writer = new CompactCommandCodec();
        final CompactCommandCodec reader = new CompactCommandCodec();
        final byte[] stage = new byte[perDocument * CompactCommandCodec.MAX_LENGTH];
        final EntryReader in = new EntryReader("commands journal, document at index ");
        final Command decoded = new Command();
        for (int from = 0; from < commands.size(); from += perDocument)
        {
            final int to = Math.min(commands.size(), from + perDocument);
            writer.reset();
            int end = 0;
            for (int i = from; i < to; i++)
            {
                end = writer.encode(commands.get(i), stage, end);
            }
            in.start(stage, end, from);
            reader.reset();
            for (int i = from; i < to; i++)
            {
                decoded.type = CommandType.INVALID;
                decoded.userRef = -99;
                reader.decode(in, decoded);
                assertEquals(Fields.of(commands.get(i)), Fields.of(decoded), "command " + i);
            }
            assertFalse(in.hasMore(), "document fully read");
        }
    }
}
