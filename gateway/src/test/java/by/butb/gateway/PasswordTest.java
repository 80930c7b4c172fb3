package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordTest
{
    @TempDir
    Path dir;

    @Test
    void hashesAreSaltedAndVerify()
    {
        final String h1 = PasswordHasher.hash("secret".toCharArray(), 1_000);
        final String h2 = PasswordHasher.hash("secret".toCharArray(), 1_000);
        assertTrue(h1.startsWith("pbkdf2-sha256$1000$"), h1);
        assertNotEquals(h1, h2, "random salt");
        assertTrue(PasswordHasher.verify("secret".toCharArray(), h1));
        assertTrue(PasswordHasher.verify("secret".toCharArray(), h2));
        assertFalse(PasswordHasher.verify("Secret".toCharArray(), h1));
        assertFalse(PasswordHasher.verify("secret".toCharArray(), "plain-text"));
        assertFalse(PasswordHasher.verify("secret".toCharArray(), "pbkdf2-sha256$0$AAAA$AAAA"));
        assertFalse(PasswordHasher.verify("secret".toCharArray(),
            "pbkdf2-sha256$999999999$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.hash(new char[0]));
    }

    private static final String FILE =
        "# participants, with comments kept as they are\r\n" +
        "id,name,country,resident,role,clients,sections,status,deposit,currency\r\n" +
        "BY-A,\"Dairy, \"\"quoted\"\"\",BY,true,TRADER,,AGRI,ACTIVE,500000.00,USD\r\n" +
        "\r\n" +
        "CN-B,Buyer,CN,false,TRADER,,AGRI,ACTIVE,1000.00,USD\r\n";

    @Test
    void rewritesOnlyThePasswordFieldOfOneRow()
    {
        final String once = ParticipantsFile.withPasswordHash(FILE, "p.csv", "CN-B", "HASH1");
        assertEquals(
            FILE.replace("currency\r", "currency,password_hash\r").replace("1000.00,USD\r", "1000.00,USD,HASH1\r"),
            once);
        final String twice = ParticipantsFile.withPasswordHash(once, "p.csv", "CN-B", "HASH2");
        assertEquals(once.replace("HASH1", "HASH2"), twice);
        final String third = ParticipantsFile.withPasswordHash(twice, "p.csv", "BY-A", "HASH3");
        assertEquals(twice.replace("500000.00,USD\r", "500000.00,USD,HASH3\r"), third);
        final String instruments = "symbol,name,section,unit,currency,price_scale,quantity_scale,price_step," +
            "lot_size,reference_price,band_pct\nSMP,Skim,AGRI,t,USD,2,3,1,1,2500,15\n";
        final Catalog catalog = CatalogLoader.fromText(instruments, third);
        assertEquals("Dairy, \"quoted\"", catalog.participant("BY-A").name(), "the engine reads the file as before");
        final Credentials credentials = ParticipantsFile.credentialsFromText(third);
        assertEquals("HASH3", credentials.hash("BY-A"));
        assertEquals("HASH2", credentials.hash("CN-B"));
        assertEquals(2, credentials.size());
        assertThrows(IllegalArgumentException.class,
            () -> ParticipantsFile.withPasswordHash(FILE, "p.csv", "NOBODY", "H"));
    }

    @Test
    void passwdCommandSetsAHashFromStandardInput() throws Exception
    {
        final Path file = dir.resolve("participants.csv");
        Files.writeString(file, FILE);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PasswordCommand command = new PasswordCommand(
            new ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out), new PrintStream(err));
        final int code = new CommandLine(command).execute("--participants", file.toString(), "--stdin",
            "--iterations", "1000", "CN-B");
        assertEquals(0, code, err.toString());
        final String text = Files.readString(file);
        assertTrue(text.startsWith("# participants"));
        final String hash = text.substring(text.indexOf("USD,pbkdf2") + 4, text.lastIndexOf('\r'));
        assertTrue(PasswordHasher.verify("s3cret".toCharArray(), hash), hash);
        assertFalse(text.contains("s3cret"), "only the hash is stored");

        final PasswordCommand unknown = new PasswordCommand(
            new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out), new PrintStream(err));
        assertEquals(1, new CommandLine(unknown).execute("--participants", file.toString(), "--stdin", "NOBODY"));
        assertTrue(err.toString().contains("no participant with id 'NOBODY'"), err.toString());
        final PasswordCommand empty = new PasswordCommand(
            new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out), new PrintStream(err));
        assertEquals(1, new CommandLine(empty).execute("--participants", file.toString(), "--stdin", "CN-B"));
        assertTrue(err.toString().contains("passwd: the password is empty; nothing changed"), err.toString());
        err.reset();
        final PasswordCommand noInput = new PasswordCommand(new ByteArrayInputStream(new byte[0]),
            new PrintStream(out), new PrintStream(err));
        assertEquals(1, new CommandLine(noInput).execute("--participants", file.toString(), "CN-B"));
        assertTrue(err.toString().startsWith("passwd: no terminal to ask on, and standard input ended before a " +
            "password line; nothing changed (e.g. printf"), err.toString());
        assertEquals(text, Files.readString(file), "a failed command changes nothing");
    }

    /** Runs passwd on {@code file} with password "pw" on standard input; its exit code, its errors in {@code err}. */
    private static int passwd(final Path file, final ByteArrayOutputStream err, final String... more)
    {
        final PasswordCommand command = new PasswordCommand(new ByteArrayInputStream("pw\n".getBytes(
            StandardCharsets.UTF_8)), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        final List<String> args = new ArrayList<>(List.of("--participants", file.toString(), "--stdin"));
        if (Arrays.stream(more).noneMatch(a -> a.startsWith("--iterations")))
        {
            args.add("--iterations=1000");
        }
        args.addAll(List.of(more));
        return new CommandLine(command).execute(args.toArray(String[]::new));
    }

    @Test
    void aFileStartingWithAByteOrderMarkBeforeItsCommentIsRead() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("bom.csv"), "\uFEFF" + FILE);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, passwd(file, err, "CN-B"), err.toString());
        assertTrue(Files.readString(file).startsWith("\uFEFF# participants"));
    }

    @Test
    void aParticipantListedTwiceIsRefusedAndTheFileLeftAsItWas() throws Exception
    {
        final String twice = FILE + FILE.substring(FILE.indexOf("\nCN-B") + 1);
        final Path file = Files.writeString(dir.resolve("twice.csv"), twice);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, passwd(file, err, "CN-B"));
        assertTrue(err.toString().startsWith("passwd: " + file + ": line "), err.toString());
        assertTrue(err.toString().contains("'CN-B' is used twice (also on line "), err.toString());
        assertEquals(twice, Files.readString(file));
    }

    @Test
    void iterationsOutOfRangeAreAUsageErrorAndABinaryFileIsNamedAsNotText() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("p.csv"), FILE);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, passwd(file, err, "--iterations=0", "CN-B"));
        assertTrue(err.toString().startsWith("passwd: --iterations must be between 1 and "), err.toString());
        final Path binary = Files.write(dir.resolve("b.csv"), new byte[] {'i', 'd', (byte)0xff, '\n'});
        err.reset();
        assertEquals(1, passwd(binary, err, "CN-B"));
        assertEquals("passwd: " + binary + ": not a UTF-8 text file", err.toString().strip());
    }
}
