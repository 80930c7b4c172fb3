package by.butb.gateway;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a second gateway off the directories a running one writes ({@code --data}, {@code --fix-store}): an exclusive
 * lock on a file of each ({@link #DATA_LOCK}, {@link #FIX_STORE_LOCK}), taken before anything in them is opened and
 * held until the server is closed; the operating system drops it when the process ends, kill -9 included. Without
 * it, a second server started on them by mistake would cut off the record the first is appending to its FIX store,
 * or delete the copy of a compaction under way, before failing on the port.
 */
final class DirectoryLocks implements AutoCloseable
{
    /** The lock file in the data directory. */
    static final String DATA_LOCK = "gateway.lock";
    /** The lock file in the FIX store directory. */
    static final String FIX_STORE_LOCK = "gateway-fix-store.lock";

    private final List<FileChannel> held = new ArrayList<>();

    private DirectoryLocks()
    {
    }

    /**
     * Locks {@code o}'s data and FIX store directories, those it has (creating them when absent). Throws
     * IllegalArgumentException, one line naming the directory, when another process (or another server of this
     * one) holds one.
     */
    static DirectoryLocks acquire(final GatewayOptions o)
    {
        final DirectoryLocks locks = new DirectoryLocks();
        try
        {
            locks.lock(o.dataDirectory, DATA_LOCK, "data directory");
            locks.lock(o.fixStoreDirectory, FIX_STORE_LOCK, "FIX store");
            return locks;
        }
        catch (final RuntimeException ex)
        {
            locks.close();
            throw ex;
        }
    }

    private void lock(final Path directory, final String name, final String what)
    {
        if (directory == null)
        {
            return;
        }
        FileChannel channel = null;
        try
        {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (tryLock(channel) == null)
            {
                throw new IllegalArgumentException(what + " " + directory + " is in use by another running gateway " +
                    "(it holds " + directory.resolve(name) + ")");
            }
            held.add(channel);
            channel = null;
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot lock the " + what + " " + directory + ": " + ex.getMessage(),
                ex);
        }
        finally
        {
            Closing.quietly(channel);
        }
    }

    /** The lock, or null when another process holds it, or another channel of this one. */
    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            return null;
        }
    }

    /** Releases the locks (closing their files). Idempotent. */
    @Override
    public void close()
    {
        held.forEach(Closing::quietly);
        held.clear();
    }
}
