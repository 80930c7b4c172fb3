package by.butb.gateway;

import org.apache.mina.core.session.IoSession;
import quickfix.Responder;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's responder that turns the messages the gateway's sending thread sends to it during one batch into one
 * socket write (one MINA write request and one {@code write} system call instead of one per message); the bytes on
 * the wire are the same. Messages sent outside a batch (the session's own thread, QuickFIX/J's timer) go out at
 * once, after whatever is pending, so the order of the messages (their sequence numbers: QuickFIX/J calls
 * {@link #send} under the session's sender lock) is kept.
 *
 * <p>Threading: {@link #beginBatch} and {@link #endBatch} on the batching thread only; {@link #send} and
 * {@link #disconnect} from any thread. A batch is flushed at {@link #endBatch}, or earlier when it passes
 * {@value #MAX_PENDING_CHARS} characters. MINA's slow-consumer limit (MaxScheduledWriteRequests) counts writes, so
 * with batches it allows more messages.
 */
final class CoalescingResponder implements Responder
{
    static final int MAX_PENDING_CHARS = 64 * 1024;
    private static final ThreadLocal<Batch> BATCH = new ThreadLocal<>();

    private final Responder delegate;
    /** The connection {@link #delegate} writes to, or null when not known: for {@link #unwrittenBytes}. */
    private final IoSession connection;
    private final StringBuilder pending = new StringBuilder(1024);
    private boolean dirty;

    CoalescingResponder(final Responder delegate, final IoSession connection)
    {
        this.delegate = delegate;
        this.connection = connection;
    }

    /** Bytes held for the batch and bytes the connection has not written yet. Any thread. */
    synchronized long unwrittenBytes()
    {
        return pending.length() + (connection == null ? 0 : connection.getScheduledWriteBytes());
    }

    /** From now on, until {@link #endBatch}, this thread's sends are held and written together. */
    static void beginBatch()
    {
        Batch batch = BATCH.get();
        if (batch == null)
        {
            batch = new Batch();
            BATCH.set(batch);
        }
        batch.open = true;
    }

    /** Writes what this thread sent since {@link #beginBatch}, one write per session. */
    static void endBatch()
    {
        final Batch batch = BATCH.get();
        if (batch == null)
        {
            return;
        }
        batch.open = false;
        for (int i = 0; i < batch.dirty.size(); i++)
        {
            batch.dirty.get(i).flush();
        }
        batch.dirty.clear();
    }

    @Override
    public boolean send(final String data)
    {
        final Batch batch = BATCH.get();
        synchronized (this)
        {
            if (batch == null || !batch.open)
            {
                flushLocked();
                return delegate.send(data);
            }
            pending.append(data);
            if (!dirty)
            {
                dirty = true;
                batch.dirty.add(this);
            }
            if (pending.length() >= MAX_PENDING_CHARS)
            {
                writePending(); // still listed in the batch: no need to list it again
            }
            return true;
        }
    }

    synchronized void flush()
    {
        flushLocked();
    }

    private void flushLocked()
    {
        dirty = false;
        writePending();
    }

    private void writePending()
    {
        if (pending.length() == 0)
        {
            return;
        }
        final String data = pending.toString();
        pending.setLength(0);
        delegate.send(data);
    }

    @Override
    public void disconnect()
    {
        synchronized (this)
        {
            flushLocked();
        }
        delegate.disconnect();
    }

    @Override
    public String getRemoteAddress()
    {
        return delegate.getRemoteAddress();
    }

    /** The open batch of one thread and the responders it has written to. */
    private static final class Batch
    {
        boolean open;
        final List<CoalescingResponder> dirty = new ArrayList<>();
    }
}
