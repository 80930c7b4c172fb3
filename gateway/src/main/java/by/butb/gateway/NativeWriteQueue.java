package by.butb.gateway;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * With several I/O threads: the connections the gateway's sending thread encoded output for in its batch, for their
 * I/O thread ({@link NativeIoLoop}) to write, so that the socket writes are spread over the I/O threads instead of
 * all made by the one sending thread. {@link #writeSoon} from any thread, {@link #writeQueued} on the loop's thread.
 */
final class NativeWriteQueue
{
    private static final int CAPACITY = 1024;

    private final ManyToOneConcurrentArrayQueue<NativeConnection> queue = new ManyToOneConcurrentArrayQueue<>(CAPACITY);
    private final Runnable wakeLoop;

    /** {@code wakeLoop}: wakes the loop if it blocks in select. */
    NativeWriteQueue(final Runnable wakeLoop)
    {
        this.wakeLoop = wakeLoop;
    }

    /** {@code c} is to be written by its loop soon (written now, on the calling thread, when the queue is full). */
    void writeSoon(final NativeConnection c)
    {
        if (c.writeQueued.compareAndSet(false, true))
        {
            if (!queue.offer(c))
            {
                c.writeQueued.set(false);
                c.flush();
                return;
            }
            wakeLoop.run();
        }
    }

    /** The loop's thread: writes what each queued connection has; whether any was queued. */
    boolean writeQueued()
    {
        boolean wrote = false;
        NativeConnection c;
        while ((c = queue.poll()) != null)
        {
            c.writeQueued.set(false); // before the write: what is encoded after it queues c again
            c.flush();
            wrote = true;
        }
        return wrote;
    }
}
