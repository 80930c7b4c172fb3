package by.butb.gateway;

import org.quickfixj.CharsetSupport;
import quickfix.MessageStore;

import java.io.Closeable;
import java.util.Collection;
import java.util.Date;

/**
 * A QuickFIX/J session's message store with {@code --fix-store DIR}: its sequence numbers and sent messages in the
 * gateway's session store file ({@link NativeSessionStore}, the native engine's format: the numbers memory-mapped, the
 * latest {@value NativeSessionStore#MAX_INDEXED} messages kept for resends, the older ones compacted away), named
 * {@code DIR/<SenderCompID>-<TargetCompID>}{@value #SUFFIX}. QuickFIX/J's own file store keeps every message a
 * session was ever sent, so a participant that makes the gateway send much could fill the disk; this one stays as
 * bounded as the native engine's. A resend of a message older than those kept is a SequenceReset-GapFill, as for one
 * never stored. A message is kept as the bytes QuickFIX/J writes it as (its charset). The creation time is when the
 * store was opened or last reset (the gateway's sessions never end by the clock). Thread-safe: QuickFIX/J calls it
 * from the session's thread and from the gateway's sending thread.
 */
final class QfjSessionStore implements MessageStore, Closeable
{
    static final String SUFFIX = ".qfj-fix-session";

    private final NativeSessionStore store;
    private final Object targetLock = new Object();
    private Date created = new Date();

    QfjSessionStore(final NativeSessionStore store)
    {
        this.store = store;
    }

    /**
     * Keeps an application message; an admin message (which a resend gap-fills) only takes its number, so that the
     * messages kept are the latest application messages, as on the native engine. QuickFIX/J keeps a message before
     * it counts its number, so the number is the next sender number; one that is not was taken before a reset of the
     * session (a Logon with ResetSeqNumFlag=Y, which QuickFIX/J handles without the lock its sending holds) and is not
     * kept, so that the numbers kept always rise (a resend gap-fills it). Returns whether it was kept.
     */
    @Override
    public boolean set(final int sequence, final String message)
    {
        if (isAdmin(message))
        {
            return false;
        }
        final byte[] bytes = message.getBytes(CharsetSupport.getCharsetInstance());
        synchronized (store)
        {
            if (sequence != store.nextSenderSeq())
            {
                return false; // numbered before a reset that came between (see the class comment)
            }
            store.append(sequence, bytes, 0, bytes.length);
        }
        return true;
    }

    /** Whether {@code message}'s MsgType(35) is a session-level one (0 to 5, A). */
    static boolean isAdmin(final String message)
    {
        final String type = field(message, 35); // none, or one of more than a character: an application message
        return type != null && type.length() == 1 && (type.charAt(0) >= '0' && type.charAt(0) <= '5' ||
            type.charAt(0) == 'A');
    }

    /** The value of the first field {@code tag} after BeginString in a message as QuickFIX/J keeps it, or null. */
    static String field(final String message, final int tag)
    {
        final String start = "\u0001" + tag + "=";
        final int at = message.indexOf(start);
        if (at < 0)
        {
            return null;
        }
        final int end = message.indexOf('\u0001', at + start.length());
        return message.substring(at + start.length(), end < 0 ? message.length() : end);
    }

    /**
     * Adds the messages of {@code [startSequence, endSequence]} still kept to {@code out}, in order. The store's lock
     * is taken for one message at a time, so that sending to the session (on the gateway's sending thread, which
     * serves every session) waits for one read at most, not for the whole resend.
     */
    @Override
    public void get(final int startSequence, final int endSequence, final Collection<String> out)
    {
        final int last = Math.min(endSequence, store.newestKept());
        for (int sequence = Math.max(startSequence, store.oldestKept()); sequence <= last && sequence > 0; sequence++)
        {
            final String message;
            synchronized (store)
            {
                final byte[] bytes = store.message(sequence);
                message = bytes == null ? null :
                    new String(bytes, 0, store.length(), CharsetSupport.getCharsetInstance());
            }
            if (message != null)
            {
                out.add(message);
            }
        }
    }

    @Override
    public int getNextSenderMsgSeqNum()
    {
        return store.nextSenderSeq();
    }

    @Override
    public int getNextTargetMsgSeqNum()
    {
        return store.nextTargetSeq();
    }

    /**
     * A number at or below one of the messages kept (nothing in the gateway lowers it; QuickFIX/J's JMX could) forgets
     * the messages kept, which a resend would otherwise give for numbers used again.
     */
    @Override
    public synchronized void setNextSenderMsgSeqNum(final int next)
    {
        if (next <= store.newestKept())
        {
            final int target = store.nextTargetSeq();
            store.reset();
            store.targetSeq(target);
        }
        store.senderSeq(next);
    }

    @Override
    public void setNextTargetMsgSeqNum(final int next)
    {
        synchronized (targetLock)
        {
            store.targetSeq(next);
        }
    }

    @Override
    public synchronized void incrNextSenderMsgSeqNum()
    {
        store.senderSeq(store.nextSenderSeq() + 1);
    }

    /** Under a lock of the target number's own, so that receiving does not wait for sending or a compaction. */
    @Override
    public void incrNextTargetMsgSeqNum()
    {
        synchronized (targetLock)
        {
            store.targetSeq(store.nextTargetSeq() + 1);
        }
    }

    @Override
    public synchronized Date getCreationTime()
    {
        return created;
    }

    @Override
    public synchronized void reset()
    {
        store.reset();
        created = new Date();
    }

    /** Nothing to read again: only this process writes the file. */
    @Override
    public void refresh()
    {
    }

    @Override
    public void close()
    {
        store.close();
    }
}
