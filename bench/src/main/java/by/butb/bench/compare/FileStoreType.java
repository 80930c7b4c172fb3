package by.butb.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The type of the file system a directory is on ({@code tmpfs}, {@code ext4}, {@code overlay}...), for the results. */
final class FileStoreType
{
    private FileStoreType()
    {
    }

    /**
     * The file-system type of {@code dir}, or of its nearest existing parent when it does not exist yet;
     * {@code "unknown"} when it cannot be read.
     */
    static String of(final Path dir)
    {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p))
        {
            p = p.getParent();
        }
        try
        {
            return p == null ? "unknown" : Files.getFileStore(p).type();
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    /** "DIR (file system TYPE)". */
    static String describe(final Path dir)
    {
        return dir.toAbsolutePath() + " (file system " + of(dir) + ")";
    }
}
