package by.butb.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A catalog from the files a command was given, or for a file not given the bundled default
 * ({@value #DEFAULT_INSTRUMENTS}, {@value #DEFAULT_PARTICIPANTS} on the class path, as in the {@code butb} jar).
 * A missing file or resource is an {@link IllegalArgumentException} naming it; a CSV error names file, line and
 * field ({@link by.butb.engine.csv.CsvException}).
 */
public final class BundledCatalog
{
    public static final String DEFAULT_INSTRUMENTS = "defaults/instruments.csv";
    public static final String DEFAULT_PARTICIPANTS = "defaults/participants.csv";

    private BundledCatalog()
    {
    }

    /** The catalog of {@code instruments} and {@code participants}; null for the bundled default of either. */
    public static Catalog load(final Path instruments, final Path participants)
    {
        try (Reader i = open(instruments, DEFAULT_INSTRUMENTS); Reader p = open(participants, DEFAULT_PARTICIPANTS))
        {
            return CatalogLoader.load(name(instruments, DEFAULT_INSTRUMENTS), i, name(participants,
                DEFAULT_PARTICIPANTS), p);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** How errors name {@code file}, or the bundled {@code resource} when it is null. */
    public static String name(final Path file, final String resource)
    {
        return file == null ? "classpath:" + resource : file.toString();
    }

    /** {@code file} (UTF-8), or the bundled {@code resource} when it is null. */
    public static Reader open(final Path file, final String resource) throws IOException
    {
        if (file != null)
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException(file + ": file not found");
            }
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }
        final InputStream in = BundledCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null)
        {
            throw new IllegalArgumentException("the bundled " + resource + " is not on the classpath; give " +
                "--instruments and --participants");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
