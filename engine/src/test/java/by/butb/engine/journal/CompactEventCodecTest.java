package by.butb.engine.journal;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactEventCodecTest
{
    private static final long[] LONGS = {0, 1, -1, 300, -300, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 62_500};
    private static final int[] INTS = {0, 1, -1, Command.NONE, Command.UNKNOWN, 999, Integer.MAX_VALUE,
        Integer.MIN_VALUE};

    @Test
    void shouldRoundTripEveryEventTypeWithEveryFieldAtItsExtremes()
    {
        final List<EngineEvent> events = new ArrayList<>();
        int k = 0;
        for (final EventType type : EventType.values())
        {
            for (int i = 0; i < LONGS.length; i++, k++)
            {
                final EngineEvent e = new EngineEvent();
                e.type = type;
                e.commandSequence = LONGS[i];
                e.userRef = LONGS[(i + 1) % LONGS.length];
                e.timeNanos = LONGS[(i + 2) % LONGS.length];
                e.code = ResultCode.values()[k % ResultCode.values().length];
                e.commandType = CommandType.values()[k % CommandType.values().length];
                e.instrument = INTS[i % INTS.length];
                e.side = Side.values()[k % 2];
                e.orderType = OrderType.values()[(k / 2) % 2];
                e.timeInForce = TimeInForce.values()[k % TimeInForce.values().length];
                e.price = LONGS[(i + 3) % LONGS.length];
                e.quantity = LONGS[(i + 4) % LONGS.length];
                e.owner = INTS[(i + 1) % INTS.length];
                e.submitter = INTS[(i + 2) % INTS.length];
                e.clientOrderId = LONGS[(i + 5) % LONGS.length];
                e.exchangeOrderId = LONGS[(i + 6) % LONGS.length];
                e.leaves = LONGS[(i + 7) % LONGS.length];
                e.filled = LONGS[(i + 8) % LONGS.length];
                e.tradeId = LONGS[(i + 9) % LONGS.length];
                e.buyOwner = INTS[(i + 3) % INTS.length];
                e.sellOwner = INTS[(i + 4) % INTS.length];
                e.buyClientOrderId = LONGS[(i + 10) % LONGS.length];
                e.sellClientOrderId = LONGS[i % LONGS.length];
                e.buyOrderId = LONGS[(i + 1) % LONGS.length];
                e.sellOrderId = LONGS[(i + 2) % LONGS.length];
                e.buyLeaves = LONGS[(i + 3) % LONGS.length];
                e.sellLeaves = LONGS[(i + 4) % LONGS.length];
                e.buyFee = LONGS[(i + 5) % LONGS.length];
                e.sellFee = LONGS[(i + 6) % LONGS.length];
                e.tradeKind = TradeKind.values()[k % TradeKind.values().length];
                e.section = INTS[(i + 5) % INTS.length];
                e.phase = Phase.values()[k % Phase.values().length];
                e.counterparty = INTS[(i + 6) % INTS.length];
                e.bidStep = LONGS[(i + 7) % LONGS.length];
                e.closeTimeNanos = LONGS[(i + 8) % LONGS.length];
                events.add(e);
            }
            events.add(CompactEventCodec.clearToDefaults(new EngineEvent()));
            events.add(new EngineEvent());
        }
        assertRoundTrip(events, events.size());
        assertRoundTrip(events, 3);
    }

    @Test
    void shouldRoundTripWhatTheEngineEmitsInDocumentsOfAnySize()
    {
        final List<EngineEvent> events = engineEvents(20_000);
        assertTrue(events.stream().filter(e -> e.type == EventType.TRADE).count() > 1_000, "trades in the stream");
        assertTrue(events.stream().filter(e -> e.type == EventType.EXPIRED).count() > 0, "day expiries in the stream");
        for (final int perDocument : new int[] {1, 2, 31, 256, events.size()})
        {
            assertRoundTrip(events, perDocument);
        }
    }

    @Test
    void shouldWriteTheEnginesEventsInAFractionOfTheFixedLayout()
    {
        final List<EngineEvent> events = engineEvents(20_000);
        final CompactEventCodec writer = new CompactEventCodec();
        final byte[] stage = new byte[256 * CompactEventCodec.MAX_LENGTH];
        long compact = 0;
        long fixed = 0;
        for (int from = 0; from < events.size(); from += 256)
        {
            writer.reset();
            int end = 0;
            for (int i = from; i < Math.min(events.size(), from + 256); i++)
            {
                end = writer.encode(events.get(i), stage, end);
                fixed += events.get(i).type == EventType.TRADE ? EventCodec.MAX_LENGTH : EventCodec.ORDER_LENGTH;
            }
            compact += end;
        }
        assertTrue(compact * 4 < fixed, "compact " + compact + " bytes, fixed layout " + fixed);
    }

    @Test
    void shouldReportAnEventCutShortAtEveryByteOfIt()
    {
        final List<EngineEvent> events = engineEvents(200);
        final EngineEvent trade = events.stream().filter(e -> e.type == EventType.TRADE).findFirst().orElseThrow();
        final CompactEventCodec writer = new CompactEventCodec();
        writer.reset();
        final byte[] stage = new byte[2 * CompactEventCodec.MAX_LENGTH];
        final int end = writer.encode(trade, stage, 0);
        for (int cut = 0; cut < end; cut++)
        {
            final EntryReader in = new EntryReader("events journal, document at index ");
            in.start(stage, cut, 5);
            final CompactEventCodec reader = new CompactEventCodec();
            reader.reset();
            final JournalFormatException error = assertThrows(JournalFormatException.class,
                () -> reader.decode(in, new EngineEvent()), "cut at " + cut);
            assertTrue(error.getMessage().contains("entry cut short"), error.getMessage());
        }
    }

    @Test
    void shouldRejectAnUnknownEventTypeCode()
    {
        final byte[] document = {2, 9};
        final EntryReader in = new EntryReader("events journal, document at index ");
        in.start(document, document.length, 0);
        final CompactEventCodec reader = new CompactEventCodec();
        reader.reset();
        final JournalFormatException error = assertThrows(JournalFormatException.class,
            () -> reader.decode(in, new EngineEvent()));
        assertTrue(error.getMessage().contains("unknown event type code 9"), error.getMessage());
    }

    static List<EngineEvent> engineEvents(final int commands)
    {
        final Catalog catalog = TestMarket.catalog();
        final MatchingEngine engine = new MatchingEngine(catalog, MarketRules.DEFAULT);
        final CommandStream stream = new CommandStream(catalog, 11);
        final EventList out = new EventList();
        final Command c = new Command();
        final List<EngineEvent> events = new ArrayList<>();
        for (int i = 0; i < commands; i++)
        {
            stream.next(c.clear());
            c.sequence = i;
            c.userRef = i + 1;
            out.clear();
            engine.process(c, out);
            for (int j = 0; j < out.size(); j++)
            {
                final EngineEvent copy = new EngineEvent();
                copy.copyFrom(out.get(j));
                events.add(copy);
            }
        }
        return events;
    }

    private static void assertRoundTrip(final List<EngineEvent> events, final int perDocument)
    {
        final CompactEventCodec writer = new CompactEventCodec();
        final CompactEventCodec reader = new CompactEventCodec();
        final byte[] stage = new byte[perDocument * CompactEventCodec.MAX_LENGTH];
        final EntryReader in = new EntryReader("events journal, document at index ");
        final EngineEvent decoded = new EngineEvent();
        for (int from = 0; from < events.size(); from += perDocument)
        {
            final int to = Math.min(events.size(), from + perDocument);
            writer.reset();
            int end = 0;
            for (int i = from; i < to; i++)
            {
                end = writer.encode(events.get(i), stage, end);
            }
            in.start(stage, end, from);
            reader.reset();
            for (int i = from; i < to; i++)
            {
                decoded.buyFee = 12_345;
                reader.decode(in, decoded);
                assertEquals(Fields.of(events.get(i)), Fields.of(decoded), "event " + i);
            }
            assertFalse(in.hasMore(), "document fully read");
        }
    }
}
