package by.butb.sim.replay;

import by.butb.engine.csv.CsvException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A CSV input: a file, or a resource bundled in the jar (the default catalogs and the sample order file).
 *
 * @param name how messages name it (the path as given, or the repository file a bundled resource copies, such as
 *             "config/instruments.csv (bundled)").
 */
public record Source(String name, Path path, String resource)
{
    /** The bundled instrument catalog (a copy of config/instruments.csv). */
    public static final Source DEFAULT_INSTRUMENTS = resource("defaults/instruments.csv", "config/instruments.csv");
    /** The bundled participants file (a copy of config/participants.csv). */
    public static final Source DEFAULT_PARTICIPANTS = resource("defaults/participants.csv", "config/participants.csv");
    /** The bundled sample order file (a copy of examples/orders-sample.csv). */
    public static final Source SAMPLE_ORDERS = resource("examples/orders-sample.csv");

    public static Source file(final Path path)
    {
        return new Source(path.toString(), path, null);
    }

    public static Source resource(final String resource)
    {
        return resource(resource, resource);
    }

    /** A bundled resource, named after the repository file it is a copy of. */
    public static Source resource(final String resource, final String copyOf)
    {
        return new Source(copyOf + " (bundled)", null, resource);
    }

    /** Opens the source as UTF-8 text; a missing or unreadable file is a {@link CsvException} naming it. */
    public Reader open()
    {
        return new BufferedReader(new InputStreamReader(openBytes(), decoder()), 1 << 16);
    }

    /** Opens the source's bytes; a missing or unreadable file is a {@link CsvException} naming it. */
    public InputStream openBytes()
    {
        if (path != null)
        {
            if (Files.isDirectory(path))
            {
                throw new CsvException(name, 0, null, "is a directory, not a file");
            }
            try
            {
                return Files.newInputStream(path);
            }
            catch (final NoSuchFileException ex)
            {
                throw new CsvException(name, 0, null, "file not found");
            }
            catch (final AccessDeniedException ex)
            {
                throw new CsvException(name, 0, null, "permission denied");
            }
            catch (final IOException ex)
            {
                throw new CsvException(name, 0, null, "cannot read: " + ex.getMessage());
            }
        }
        final InputStream in = Source.class.getClassLoader().getResourceAsStream(resource);
        if (in == null)
        {
            throw new CsvException(name, 0, null, "is missing from the jar; rebuild with mvn install");
        }
        return in;
    }

    private static CharsetDecoder decoder()
    {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
