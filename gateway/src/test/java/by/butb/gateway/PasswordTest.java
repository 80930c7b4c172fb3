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
}
