package by.butb.gateway;

import quickfix.MemoryStore;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * An in-memory FIX message store that keeps only the last {@code capacity} messages a session sent (sequence
 * numbers are kept as by {@link MemoryStore}). QuickFIX/J's own memory store keeps every message for the life of the
 * server, so a busy session fills the heap and the garbage collector copies ever more of it; with this store the
 * heap stays bounded. Trade-off: a resend request for messages older than the last {@code capacity} is answered with
 * a SequenceReset-GapFill for them (the reports are lost to that participant), exactly as QuickFIX/J answers for
 * messages it never stored. Thread-safe (QuickFIX/J sends from the gateway's sending thread and the session thread).
 */
final class RecentMessageStore extends MemoryStore
{
    private final String[] messages;
    private final int[] sequences;

    private RecentMessageStore(final SessionID sessionId, final int capacity) throws IOException
    {
        super(sessionId);
        messages = new String[capacity];
        sequences = new int[capacity];
    }

    static MessageStoreFactory factory(final int capacity)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("the store must keep at least one message, got " + capacity);
        }
        return sessionId ->
        {
            try
            {
                return new RecentMessageStore(sessionId, capacity);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        };
    }

    @Override
    public synchronized boolean set(final int sequence, final String message)
    {
        final int slot = Math.floorMod(sequence, messages.length);
        final boolean fresh = sequences[slot] != sequence || messages[slot] == null;
        messages[slot] = message;
        sequences[slot] = sequence;
        return fresh;
    }

    @Override
    public synchronized void get(final int startSequence, final int endSequence, final Collection<String> out)
    {
        for (int sequence = startSequence; sequence <= endSequence && sequence > 0; sequence++)
        {
            final int slot = Math.floorMod(sequence, messages.length);
            if (sequences[slot] == sequence && messages[slot] != null)
            {
                out.add(messages[slot]);
            }
        }
    }

    @Override
    public synchronized void reset() throws IOException
    {
        super.reset();
        if (messages != null)
        {
            java.util.Arrays.fill(messages, null);
            java.util.Arrays.fill(sequences, 0);
        }
    }

    @Override
    public synchronized int getNextSenderMsgSeqNum() throws IOException
    {
        return super.getNextSenderMsgSeqNum();
    }

    @Override
    public synchronized void setNextSenderMsgSeqNum(final int next) throws IOException
    {
        super.setNextSenderMsgSeqNum(next);
    }

    @Override
    public synchronized int getNextTargetMsgSeqNum() throws IOException
    {
        return super.getNextTargetMsgSeqNum();
    }

    @Override
    public synchronized void setNextTargetMsgSeqNum(final int next) throws IOException
    {
        super.setNextTargetMsgSeqNum(next);
    }

    @Override
    public synchronized void incrNextSenderMsgSeqNum() throws IOException
    {
        super.incrNextSenderMsgSeqNum();
    }

    @Override
    public synchronized void incrNextTargetMsgSeqNum() throws IOException
    {
        super.incrNextTargetMsgSeqNum();
    }

    /** For tests: a store on its own. */
    static MessageStore create(final SessionID sessionId, final int capacity) throws IOException
    {
        return new RecentMessageStore(sessionId, capacity);
    }
}
