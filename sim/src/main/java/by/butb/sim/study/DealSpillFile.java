package by.butb.sim.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file the plan's deals are spilled to ({@link DealStore}): appended to while planning, then read at
 * any position. It is opened with {@link StandardOpenOption#DELETE_ON_CLOSE}: on Unix its name is removed at once
 * (nothing is left behind, even when the process is killed) and its space is freed when the channel is closed, when
 * the file becomes unreachable (the channel's cleaner), or when the JVM exits.
 *
 * <p>Threading: {@link #append} from one thread before any read; then {@link #read} from any number of threads.
 * I/O failures are {@link UncheckedIOException}s naming the file.
 */
final class DealSpillFile
{
    private final Path path;
    private final FileChannel channel;
    private long size;

    private DealSpillFile(final Path path, final FileChannel channel)
    {
        this.path = path;
        this.channel = channel;
    }

    /** Creates an empty spill file in {@code dir}. */
    static DealSpillFile create(final Path dir)
    {
        Path path = dir.resolve("butb-plan.tmp");
        try
        {
            path = Files.createTempFile(dir, "butb-plan-", ".tmp");
            return new DealSpillFile(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE));
        }
        catch (final IOException ex)
        {
            throw failed("create", path, ex);
        }
    }

    /** Writes {@code bytes} (position to limit) at the end of the file. */
    void append(final ByteBuffer bytes)
    {
        try
        {
            while (bytes.hasRemaining())
            {
                size += channel.write(bytes, size);
            }
        }
        catch (final IOException ex)
        {
            throw failed("write", path, ex);
        }
    }

    /** Bytes written so far. */
    long size()
    {
        return size;
    }

    /** Reads {@code length} bytes at {@code position} (inside what was written) into {@code to[offset..]}. */
    void read(final long position, final byte[] to, final int offset, final int length)
    {
        if (position < 0 || position + length > size)
        {
            throw new IllegalArgumentException("read of " + length + " bytes at " + position + " in " + size);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(to, offset, length);
        try
        {
            while (buffer.hasRemaining())
            {
                final int n = channel.read(buffer, position + buffer.position() - offset);
                if (n < 0)
                {
                    throw new IOException("ends before byte " + (position + length));
                }
            }
        }
        catch (final IOException ex)
        {
            throw failed("read", path, ex);
        }
    }

    private static UncheckedIOException failed(final String what, final Path path, final IOException ex)
    {
        return new UncheckedIOException("cannot " + what + " the plan's temporary file " + path + ": " +
            ex.getMessage() + " (its directory is java.io.tmpdir: set another with -Djava.io.tmpdir=DIR)", ex);
    }
}
