package by.butb.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Refuses a FIX store directory ({@code --fix-store}) that holds the other FIX engine's store: each engine keeps its
 * own sequence numbers, so starting on the other's files would restart every session at 1 silently.
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
                        "store (" + name + "): QuickFIX/J keeps its own (*.senderseqnums, *.body, ...); use it " +
                        "without --fix-engine qfj (the native engine is the default), or another directory");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the FIX store " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /** Whether {@code fileName} holds sequence numbers of QuickFIX/J's file store. */
    private static boolean isQuickFixJStore(final String fileName)
    {
        return fileName.endsWith(".senderseqnums") || fileName.endsWith(".targetseqnums") ||
            fileName.endsWith(".seqnums");
    }
}
