package by.butb.gateway;

import by.butb.engine.model.Catalog;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * QuickFIX/J's sessions' stores with {@code --fix-store DIR}: a {@link QfjSessionStore} per session, opened when
 * QuickFIX/J creates the session (for a participant whose store is there, at the gateway's start).
 */
final class QfjSessionStores implements MessageStoreFactory
{
    private final Path directory;

    /**
     * The stores in {@code directory}, after converting what an earlier version left there
     * ({@link QfjFileStoreConversion}) and deleting the copies a kill -9 left of a compaction or a conversion. An
     * IllegalArgumentException, one line, when that fails.
     */
    QfjSessionStores(final Path directory, final String exchangeCompId, final Catalog catalog)
    {
        this.directory = directory;
        if (!Files.isDirectory(directory))
        {
            return;
        }
        deleteLeftovers(directory);
        QfjFileStoreConversion.convert(directory, exchangeCompId, catalog);
    }

    private static void deleteLeftovers(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            files.filter(f -> isLeftover(f.getFileName().toString())).forEach(StoreFiles::deleteQuietly);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the FIX store " + directory + ": " + ex.getMessage(), ex);
        }
    }

    private static boolean isLeftover(final String name)
    {
        return StoreFiles.isCompactingCopy(name) || name.endsWith(QfjSessionStore.SUFFIX +
            QfjFileStoreConversion.CONVERTING);
    }

    /** The file of the session between {@code exchangeCompId} and {@code participant} in {@code directory}. */
    static Path file(final Path directory, final String exchangeCompId, final String participant)
    {
        return directory.resolve(exchangeCompId + "-" + participant + QfjSessionStore.SUFFIX);
    }

    /** Whether {@code participant}'s session with {@code exchangeCompId} has a store in the directory. */
    boolean exists(final String exchangeCompId, final String participant)
    {
        return Files.exists(file(directory, exchangeCompId, participant));
    }

    /** The session's store, created when absent; an IllegalArgumentException, one line, for a file that is not one. */
    @Override
    public MessageStore create(final SessionID id)
    {
        return new QfjSessionStore(NativeSessionStore.open(file(directory, id.getSenderCompID(),
            id.getTargetCompID())));
    }
}
