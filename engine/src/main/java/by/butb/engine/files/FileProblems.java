package by.butb.engine.files;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/** What went wrong with a file, in words for a message that already names the file. */
public final class FileProblems
{
    private FileProblems()
    {
    }

    /**
     * The refusal of {@code dir}, given as {@code option}'s value, when it exists and is not a directory ("out exists
     * and is not a directory (--out needs a directory)"); null when it is one or does not exist.
     */
    public static String notADirectory(final Path dir, final String option)
    {
        return Files.exists(dir) && !Files.isDirectory(dir) ? dir + " exists and is not a directory (" + option +
            " needs a directory)" : null;
    }

    /** {@link #reason} after the file it is about when the exception names one ("PATH: no such file"). */
    public static String withFile(final IOException ex)
    {
        return ex instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " + reason(ex) :
            reason(ex);
    }

    /**
     * {@code ex} without the exception's class name or a repeat of the path: "no such file", "not a directory",
     * "permission denied", "already exists", "not a text file (UTF-8)", or the system's reason.
     */
    public static String reason(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof NotDirectoryException)
        {
            return "not a directory";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof FileAlreadyExistsException)
        {
            return "already exists";
        }
        if (ex instanceof CharacterCodingException)
        {
            return "not a text file (UTF-8)";
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isEmpty())
        {
            return fs.getReason().substring(0, 1).toLowerCase(Locale.ROOT) + fs.getReason().substring(1);
        }
        return ex.getMessage() == null ? "input/output error" : ex.getMessage();
    }
}
