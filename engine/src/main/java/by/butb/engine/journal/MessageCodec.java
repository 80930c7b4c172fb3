package by.butb.engine.journal;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;

/**
 * Commands and events as self-contained messages for a transport (e.g. a replicated log): a message is one
 * journal document, the format's version byte then the entries, coded as in the journal ({@link CompactCommandCodec}
 * for commands, {@link CompactEventCodec} for events) against the message's own earlier entries only, so every
 * message decodes on its own. A command message holds one command; an event message holds the events of one command.
 *
 * <p>An instance holds coding state and its reader: use one per thread. Allocation-free, errors aside; a malformed
 * message throws {@link JournalFormatException} naming {@code source}, the byte and the problem.
 */
public final class MessageCodec
{
    /** The longest command message. */
    public static final int MAX_COMMAND_LENGTH = 1 + CompactCommandCodec.MAX_LENGTH;

    private final CompactCommandCodec commands = new CompactCommandCodec();
    private final CompactEventCodec events = new CompactEventCodec();
    private final EntryReader reader;
    private long messages;

    /** @param source what the messages come from (e.g. "cluster ingress"), for error messages. */
    public MessageCodec(final String source)
    {
        reader = new EntryReader(source + " message ");
    }

    /** The longest message of {@code count} events. */
    public static int maxEventsLength(final int count)
    {
        return 1 + count * CompactEventCodec.MAX_LENGTH;
    }

    /**
     * Writes {@code c} as a message at {@code offset} of {@code b} (at least {@link #MAX_COMMAND_LENGTH} bytes free);
     * returns its length.
     */
    public int encodeCommand(final Command c, final byte[] b, final int offset)
    {
        commands.reset();
        b[offset] = CompactCommandCodec.VERSION;
        return commands.encode(c, b, offset + 1) - offset;
    }

    /** Reads the command message of {@code length} bytes at the start of {@code b} into {@code into}. */
    public void decodeCommand(final byte[] b, final int length, final Command into)
    {
        start(b, length, CompactCommandCodec.VERSION);
        commands.reset();
        commands.decode(reader, into);
        if (reader.hasMore())
        {
            throw reader.error("a command message holds one command; bytes follow it");
        }
    }

    /**
     * Writes the events of {@code list} as a message at {@code offset} of {@code b} (at least
     * {@link #maxEventsLength}{@code (list.size())} bytes free); returns its length.
     */
    public int encodeEvents(final EventList list, final byte[] b, final int offset)
    {
        return encodeEvents(list, 0, list.size(), b, offset);
    }

    /**
     * Writes the events {@code from} (inclusive) to {@code to} (exclusive) of {@code list} as a message at
     * {@code offset} of {@code b} (at least {@link #maxEventsLength}{@code (to - from)} bytes free); returns its
     * length. The message stands alone: {@link #decodeEvents} reads it without the others.
     */
    public int encodeEvents(final EventList list, final int from, final int to, final byte[] b, final int offset)
    {
        events.reset();
        b[offset] = CompactEventCodec.VERSION;
        int p = offset + 1;
        for (int i = from; i < to; i++)
        {
            p = events.encode(list.get(i), b, p);
        }
        return p - offset;
    }

    /** Reads the event message at the start of {@code b}, appending its events to {@code into}. */
    public void decodeEvents(final byte[] b, final int length, final EventList into)
    {
        start(b, length, CompactEventCodec.VERSION);
        events.reset();
        while (reader.hasMore())
        {
            final EngineEvent e = into.add();
            events.decode(reader, e);
        }
    }

    private void start(final byte[] b, final int length, final byte version)
    {
        reader.start(b, length, messages++);
        final int found = reader.readByte();
        if (found != version)
        {
            throw reader.error("message format version " + found + ", expected " + version);
        }
    }
}
