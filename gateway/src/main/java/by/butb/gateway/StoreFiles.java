package by.butb.gateway;

import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The file operations of a {@link NativeSessionStore}: reading, its checks at open, its compaction. */
final class StoreFiles
{
    private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);

    private StoreFiles()
    {
    }

    private static final String COMPACTING = ".compacting";

    /** Where the compacted copy of {@code store} is written before it is renamed over it. */
    static Path compactingCopy(final Path store)
    {
        return store.resolveSibling(store.getFileName() + COMPACTING);
    }

    /** Whether the file named {@code name} is such a copy, of any session's store. */
    static boolean isCompactingCopy(final String name)
    {
        return name.endsWith(NativeSessionStore.SUFFIX + COMPACTING) ||
            name.endsWith(QfjSessionStore.SUFFIX + COMPACTING);
    }

    /**
     * Copies {@code source}'s bytes {@code [from, to)} to {@code target} at {@code at} (in the kernel, no copy through
     * the heap). An IOException when the source ends before {@code to} (a reset emptied it meanwhile).
     */
    static void transfer(final FileChannel source, final long from, final long to, final FileChannel target,
        final long at) throws IOException
    {
        target.position(at);
        long position = from;
        while (position < to)
        {
            final long n = source.transferTo(position, to - position, target);
            if (n <= 0)
            {
                throw new IOException("the file ended at byte " + position + ", before byte " + to);
            }
            position += n;
        }
    }

    /** So that a rename in {@code file}'s directory is on the disk too; a failure is logged, nothing more. */
    static void forceDirectoryOf(final Path file)
    {
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ))
        {
            directory.force(true);
        }
        catch (final IOException ex)
        {
            LOG.debug("cannot force the directory of {} to the disk", file, ex);
        }
    }

    /** Reads {@code into} full from {@code channel} at {@code at}; an IOException when the file ends before. */
    static void readFully(final FileChannel channel, final ByteBuffer into, final long at) throws IOException
    {
        long position = at;
        while (into.hasRemaining())
        {
            final int n = channel.read(into, position);
            if (n < 0)
            {
                throw new IOException("the file ends at byte " + position + ", inside a record");
            }
            position += n;
        }
    }

    /**
     * Unmaps {@code mapping} and closes {@code channel} (null: none), so that the blocks of a file renamed over or
     * deleted are freed now rather than when the mapping is garbage-collected; nothing may touch the mapping after.
     * A mapping that cannot be unmapped is left to the garbage collector (logged).
     */
    static void unmapAndClose(final MappedByteBuffer mapping, final FileChannel channel)
    {
        try
        {
            IoUtil.unmap(mapping);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            LOG.debug("cannot unmap a FIX store's header; the garbage collector will", ex);
        }
        finally
        {
            Closing.quietly(channel);
        }
    }

    static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            LOG.debug("cannot delete {}", path, ex);
        }
    }

    /** Whether {@code channel}'s bytes from {@code from} to {@code size} are all zero. */
    static boolean zerosFrom(final FileChannel channel, final long from, final long size) throws IOException
    {
        final ByteBuffer chunk = ByteBuffer.allocate(65_536);
        for (long at = from; at < size; at += chunk.capacity())
        {
            chunk.clear().limit((int)Math.min(chunk.capacity(), size - at));
            readFully(channel, chunk, at);
            if (!isZero(chunk, 0, chunk.limit()))
            {
                return false;
            }
        }
        return true;
    }

    static boolean isZero(final ByteBuffer bytes, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (bytes.get(i) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
