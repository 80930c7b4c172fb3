package by.butb.sim.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Writes the blocks of bytes a table fills to its stream on a thread of its own, so that the filling thread does not
 * wait for the file system or the compressor: {@link #swap} hands over a full block and gives back an empty one. A
 * few blocks go round; the filling thread waits only when all of them are waiting to be written. Blocks are written
 * in the order they are handed over, the stream is flushed on {@link #flush} and closed on {@link #close}.
 *
 * <p>A write error ends the writing (later blocks are dropped) and is thrown by the next {@link #swap},
 * {@link #flush} or {@link #close}, so the filling thread learns of it and no output is silently short.
 *
 * <p>Threading: one filling thread calls every method; the stream is used by this writer's own thread only (a
 * daemon). No allocation per block.
 */
final class BlockWriter implements Closeable
{
    /** Blocks going round: one being filled, the others queued or being written. */
    private static final int BLOCKS = 4;

    private final OutputStream out;
    private final ArrayBlockingQueue<Block> full = new ArrayBlockingQueue<>(BLOCKS + 2);
    private final ArrayBlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final Block flushMark = new Block(null);
    private final Block endMark = new Block(null);
    private final Semaphore flushed = new Semaphore(0);
    private final Thread thread;
    /** The block being filled. */
    private Block current;
    private volatile IOException error;

    /**
     * Starts the writing thread, named after {@code name}.
     *
     * @param blockSize bytes of each block.
     */
    BlockWriter(final String name, final OutputStream out, final int blockSize)
    {
        this.out = out;
        current = new Block(new byte[blockSize]);
        for (int i = 1; i < BLOCKS; i++)
        {
            free.add(new Block(new byte[blockSize]));
        }
        thread = new Thread(this::write, "butb-writer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The block to fill first. */
    byte[] first()
    {
        return current.bytes;
    }

    /**
     * Hands over {@code bytes[0, length)} to be written and returns the block to fill next. {@code bytes} is the
     * block last returned, or one that replaces it (a bigger one): it then goes round in its place.
     */
    byte[] swap(final byte[] bytes, final int length) throws IOException
    {
        checkError();
        current.bytes = bytes;
        current.length = length;
        try
        {
            full.put(current);
            current = free.take();
        }
        catch (final InterruptedException ex)
        {
            throw interrupted();
        }
        return current.bytes;
    }

    /** Returns once every block handed over is written and the stream flushed. */
    void flush() throws IOException
    {
        checkError();
        try
        {
            full.put(flushMark);
            flushed.acquire();
        }
        catch (final InterruptedException ex)
        {
            throw interrupted();
        }
        checkError();
    }

    /** Writes every block handed over, closes the stream and ends the writing thread. */
    @Override
    public void close() throws IOException
    {
        try
        {
            full.put(endMark);
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            throw interrupted();
        }
        checkError();
    }

    private void write()
    {
        try
        {
            while (true)
            {
                final Block block = full.take();
                if (block == endMark)
                {
                    break;
                }
                if (block == flushMark)
                {
                    run(null);
                    flushed.release();
                    continue;
                }
                run(block);
                free.add(block);
            }
        }
        catch (final InterruptedException ex)
        {
            error = new InterruptedIOException("the writing thread was interrupted");
        }
        finally
        {
            try
            {
                out.close();
            }
            catch (final IOException ex)
            {
                if (error == null)
                {
                    error = ex;
                }
            }
        }
    }

    /** Writes {@code block}, or flushes the stream when it is null, unless an earlier write failed. */
    private void run(final Block block)
    {
        if (error != null)
        {
            return;
        }
        try
        {
            if (block == null)
            {
                out.flush();
            }
            else
            {
                out.write(block.bytes, 0, block.length);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            error = ex instanceof IOException io ? io : new IOException(ex.getMessage(), ex);
        }
    }

    private void checkError() throws IOException
    {
        final IOException failure = error;
        if (failure != null)
        {
            throw failure;
        }
    }

    private static InterruptedIOException interrupted()
    {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while waiting for the writing thread");
    }

    private static final class Block
    {
        private byte[] bytes;
        private int length;

        Block(final byte[] bytes)
        {
            this.bytes = bytes;
        }
    }
}
