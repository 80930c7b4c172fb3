package by.butb.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Refuses a FIX store directory ({@code --fix-store}) that holds the other FIX engine's store: each engine keeps its
 * own sequence numbers (in files of the same format, named apart), so starting on the other's files would restart
 * every session at 1 silently.
 */
final class ForeignFixStore
{
    private ForeignFixStore()
    {
    }

    /**
     * Throws IllegalArgumentException, one line naming the first file of the other engine's store in
     * {@code directory} and the option that fits it; nothing for a null or missing directory.
     */
    static void refuse(final FixEngine engine, final Path directory)
    {
        if (directory == null || !Files.isDirectory(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files.sorted()::iterator)
            {
                final String name = file.getFileName().toString();
                if (engine == FixEngine.NATIVE && isQuickFixJStore(name))
                {
                    throw new IllegalArgumentException("FIX store " + directory + " holds QuickFIX/J's store (" + name +
                        "): the native FIX engine keeps its own (*" + NativeSessionStore.SUFFIX + "); use " +
                        "--fix-engine qfj with it, or another directory");
                }
                if (engine == FixEngine.QFJ && name.endsWith(NativeSessionStore.SUFFIX))
                {
                    throw new IllegalArgumentException("FIX store " + directory + " holds the native FIX engine's " +
                        "store (" + name + "): QuickFIX/J keeps its own (*" + QfjSessionStore.SUFFIX + "); use it " +
                        "without --fix-engine qfj (the native engine is the default), or another directory");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the FIX store " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Whether {@code fileName} holds sequence numbers of the gateway's QuickFIX/J engine: its store, or QuickFIX/J's
     * own file store, which an earlier version of the gateway kept (and {@link QfjFileStoreConversion} converts).
     */
    private static boolean isQuickFixJStore(final String fileName)
    {
        return fileName.endsWith(QfjSessionStore.SUFFIX) || fileName.endsWith(".senderseqnums") ||
            fileName.endsWith(".targetseqnums") || fileName.endsWith(".seqnums");
    }
}
