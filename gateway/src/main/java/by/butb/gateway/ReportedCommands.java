package by.butb.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The last engine command whose reports are all in the sessions' stores, in {@code DIR/reported} of the data
 * directory, so that the next start reports again what a kill -9 caught between the engine journal and the FIX
 * store ({@link EngineBridge#reportAgainAfter}). The file is memory-mapped: each number is in the kernel's page the
 * moment it is written, so a kill -9 of the server never loses one (a crash of the machine may, like the FIX
 * store's numbers: a stale number reports more again; a page that never reached the disk is read as {@link #NONE},
 * and then nothing is reported again).
 *
 * <pre>
 *   16 bytes: "BUTB-REP" (8 ASCII bytes), the command sequence (long, big-endian; -1: none reported yet;
 *             Long.MIN_VALUE: not known)
 * </pre>
 *
 * Threading: {@link #through(long)} on the gateway's sending thread; the rest at start and stop.
 */
final class ReportedCommands implements AutoCloseable
{
    static final String FILE = "reported";
    /** {@link #through()} of a new record: nothing known (not even that no command was reported). */
    static final long NONE = Long.MIN_VALUE;
    private static final long MAGIC = 0x425554422D524550L; // "BUTB-REP"
    private static final int SIZE = 16;

    private final FileChannel channel;
    private final MappedByteBuffer page;

    private ReportedCommands(final FileChannel channel, final MappedByteBuffer page)
    {
        this.channel = channel;
        this.page = page;
    }

    /**
     * The record in {@code dataDirectory}, created (saying none) when absent. Throws IllegalArgumentException, one
     * line naming the file, for a file that is not such a record.
     */
    static ReportedCommands open(final Path dataDirectory)
    {
        final Path file = dataDirectory.resolve(FILE);
        FileChannel channel = null;
        try
        {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final long size = channel.size();
            if (size != 0 && size != SIZE)
            {
                throw new IllegalArgumentException("reported commands " + file + " is not " + SIZE + " bytes long");
            }
            final MappedByteBuffer page = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            if (size == 0 || page.getLong(0) == 0)
            {
                page.putLong(8, NONE).putLong(0, MAGIC); // a new file; or one whose page never reached the disk
            }
            else if (page.getLong(0) != MAGIC)
            {
                throw new IllegalArgumentException("reported commands " + file + " does not start with BUTB-REP");
            }
            return new ReportedCommands(channel, page);
        }
        catch (final IOException ex)
        {
            Closing.quietly(channel);
            throw new UncheckedIOException("cannot open " + file, ex);
        }
        catch (final RuntimeException ex)
        {
            Closing.quietly(channel);
            throw ex;
        }
    }

    /** Removes the record of {@code dataDirectory}: its numbers say nothing of a run that does not keep them. */
    static void remove(final Path dataDirectory)
    {
        try
        {
            Files.deleteIfExists(dataDirectory.resolve(FILE));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + dataDirectory.resolve(FILE), ex);
        }
    }

    /** The last command whose reports are all stored: -1 before the first; {@link #NONE} when not known. */
    long through()
    {
        return page.getLong(8);
    }

    /** The reports of command {@code sequence} and of every one before it are stored. */
    void through(final long sequence)
    {
        page.putLong(8, sequence);
    }

    @Override
    public void close()
    {
        Closing.quietly(channel);
    }
}
