package by.butb.engine.journal;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.EngineSnapshot;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands and their events survive being sent as messages, each message decoding on its own; a damaged message is
 * refused with its source named; the engine's snapshot written to a stream loads into an equal engine.
 */
class MessageCodecTest
{
    private static final long SEED = 5;

    @Test
    void shouldRoundTripEachCommandAndItsEventsAsSelfContainedMessages()
    {
        final Catalog catalog = TestMarket.catalog();
        final MatchingEngine engine = new MatchingEngine(catalog, MarketRules.DEFAULT);
        final CommandStream stream = new CommandStream(catalog, SEED);
        final MessageCodec sender = new MessageCodec("test");
        final MessageCodec receiver = new MessageCodec("test");
        final Command command = new Command();
        final Command decoded = new Command();
        final EventList events = new EventList();
        final EventList received = new EventList();
        final byte[] message = new byte[MessageCodec.MAX_COMMAND_LENGTH + 3];
        byte[] eventMessage = new byte[0];
        for (int i = 0; i < 5_000; i++)
        {
            stream.next(command.clear());
            final int length = sender.encodeCommand(command, message, 3);
            receiver.decodeCommand(Arrays.copyOfRange(message, 3, 3 + length), length, decoded);
            assertEquals(Fields.of(command), Fields.of(decoded), "command " + i + " (seed " + SEED + ")");

            events.clear();
            engine.process(decoded, events);
            eventMessage = Arrays.copyOf(eventMessage, 2 + MessageCodec.maxEventsLength(events.size()));
            final int eventsLength = sender.encodeEvents(events, eventMessage, 2);
            received.clear();
            receiver.decodeEvents(Arrays.copyOfRange(eventMessage, 2, 2 + eventsLength), eventsLength, received);
            assertEquals(events.size(), received.size());
            for (int e = 0; e < events.size(); e++)
            {
                assertEquals(Fields.of(events.get(e)), Fields.of(received.get(e)), "event " + e + " of command " + i);
            }
        }
    }

    @Test
    void shouldRefuseADamagedCommandMessageNamingItsSource()
    {
        final MessageCodec codec = new MessageCodec("cluster ingress");
        final byte[] message = new byte[MessageCodec.MAX_COMMAND_LENGTH + 1];
        final Command command = new Command().newOrder(1_000, 1, 7, 0, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, 100, 5);
        final int length = codec.encodeCommand(command, message, 0);
        final Command into = new Command();

        final JournalFormatException cut = assertThrows(JournalFormatException.class,
            () -> codec.decodeCommand(message, length - 1, into));
        assertTrue(cut.getMessage().startsWith("cluster ingress message "), cut.getMessage());

        assertThrows(JournalFormatException.class, () -> codec.decodeCommand(message, length + 1, into),
            "bytes after the command");

        message[0] = 9;
        final JournalFormatException version = assertThrows(JournalFormatException.class,
            () -> codec.decodeCommand(message, length, into));
        assertTrue(version.getMessage().contains("message format version 9"), version.getMessage());
    }

    @Test
    void shouldLoadASnapshotWrittenToAStreamIntoAnEqualEngine(@TempDir final Path dir) throws IOException
    {
        final Catalog catalog = TestMarket.catalog();
        final MatchingEngine engine = new MatchingEngine(catalog, MarketRules.DEFAULT);
        final CommandStream stream = new CommandStream(catalog, SEED);
        final Command command = new Command();
        final EventList events = new EventList();
        for (int i = 0; i < 3_000; i++)
        {
            events.clear();
            engine.process(stream.next(command.clear()), events);
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EngineSnapshot.write(engine, bytes);
        final Path file = dir.resolve("snapshot.bin");
        EngineSnapshot.write(engine, file);
        assertArrayEquals(Files.readAllBytes(file), bytes.toByteArray(), "the stream holds the file's bytes");

        final MatchingEngine copy = new MatchingEngine(catalog, MarketRules.DEFAULT);
        EngineSnapshot.read(new ByteArrayInputStream(bytes.toByteArray()), "test", copy);
        assertEquals(engine.stateHash(), copy.stateHash());
        assertEquals(engine.lastSequence(), copy.lastSequence());
    }
}
