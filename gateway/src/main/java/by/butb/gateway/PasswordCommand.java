package by.butb.gateway;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code butb passwd --participants FILE ID}: sets the gateway password of one participant. The password is read
 * from the terminal (asked twice, not echoed) or, with {@code --stdin} or when there is no terminal, from the first
 * line of standard input. Only the salted hash is written, into that participant's {@code password_hash} field;
 * the rest of the file stays byte-for-byte as it was.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
    description = {"Sets a participant's FIX gateway password (stores only a salted PBKDF2 hash).",
        "Reads the password from the terminal, or from the first line of standard input with --stdin."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the hash was written", "1:bad input (unknown participant, empty password, unreadable file)"})
public final class PasswordCommand implements Callable<Integer>
{
    @Option(names = "--participants", required = true, paramLabel = "FILE",
        description = "Participants CSV file to update (e.g. a copy of config/participants.csv).")
    Path participants;

    @Parameters(index = "0", paramLabel = "ID", description = "Participant id (the FIX SenderCompID).")
    String participantId;

    @Option(names = "--stdin", description = "Read the password from the first line of standard input.")
    boolean fromStdin;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS,
        description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Console console;

    public PasswordCommand()
    {
        this(System.in, System.out, System.err, System.console());
    }

    /** For tests and embedding: explicit streams, no terminal. */
    public PasswordCommand(final InputStream in, final PrintStream out, final PrintStream err)
    {
        this(in, out, err, null);
    }

    private PasswordCommand(final InputStream in, final PrintStream out, final PrintStream err, final Console console)
    {
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = console;
    }

    @Override
    public Integer call()
    {
        if (!Files.isRegularFile(participants))
        {
            err.println("passwd: " + participants + ": " + (Files.isDirectory(participants) ? "a directory, not a " +
                "participants file" : "file not found"));
            return 1;
        }
        if (iterations < 1 || iterations > PasswordHasher.MAX_ITERATIONS)
        {
            err.println("passwd: --iterations must be between 1 and " + PasswordHasher.MAX_ITERATIONS + " (see " +
                "./butb passwd --help)");
            return 2;
        }
        char[] password = null;
        try
        {
            // Fail on an unknown id before asking for a password.
            ParticipantsFile.withPasswordHash(Files.readString(participants, StandardCharsets.UTF_8),
                participants.toString(), participantId, "x");
            password = readPassword();
            if (password == null)
            {
                return 1;
            }
            final String hash = PasswordHasher.hash(password, iterations);
            ParticipantsFile.setPasswordHash(participants, participantId, hash);
            out.println("passwd: password set for " + participantId + " in " + participants);
            return 0;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("passwd: " + ex.getMessage());
            return 1;
        }
        catch (final IOException ex)
        {
            err.println("passwd: " + participants + ": " + (ex instanceof CharacterCodingException ? "not a UTF-8 " +
                "text file" : ex.getMessage()));
            return 1;
        }
        finally
        {
            if (password != null)
            {
                Arrays.fill(password, '\0');
            }
        }
    }

    private char[] readPassword() throws IOException
    {
        if (!fromStdin && console != null)
        {
            final char[] first = console.readPassword("Password for %s: ", participantId);
            final char[] second = console.readPassword("Repeat the password: ");
            if (first == null || second == null || !Arrays.equals(first, second))
            {
                err.println("passwd: the passwords differ; nothing changed");
                return null;
            }
            Arrays.fill(second, '\0');
            return checkNotEmpty(first);
        }
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        final String line = reader.readLine();
        if (line == null)
        {
            err.println("passwd: " + (fromStdin ? "" : "no terminal to ask on, and ") + "standard input ended " +
                "before a password line; nothing changed (e.g. printf '%s\\n' \"$PASSWORD\" | ./butb passwd " +
                "--participants FILE " + participantId + " --stdin)");
            return null;
        }
        return checkNotEmpty(line.toCharArray());
    }

    private char[] checkNotEmpty(final char[] password)
    {
        if (password.length == 0)
        {
            err.println("passwd: the password is empty; nothing changed");
            return null;
        }
        return password;
    }
}
