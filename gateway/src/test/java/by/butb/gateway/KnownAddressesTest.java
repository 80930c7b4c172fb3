package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownAddressesTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeepTheAddressesAcrossARestartOfTheGateway()
    {
        final KnownAddresses first = KnownAddresses.load(dir);
        first.remember("A", "10.0.0.1");
        first.remember("A", "2001:db8:1:2::/64");
        first.remember("B", "10.0.0.1");
        final KnownAddresses again = KnownAddresses.load(dir);
        assertTrue(again.contains("A", "10.0.0.1"));
        assertTrue(again.contains("A", "2001:db8:1:2::/64"));
        assertTrue(again.contains("B", "10.0.0.1"));
        assertFalse(again.contains("B", "2001:db8:1:2::/64"), "an address is known for the CompID it logged on as");
        assertFalse(KnownAddresses.inMemory().contains("A", "10.0.0.1"));
    }

    @Test
    void shouldForgetTheLeastRecentAddressOfACompIdBeyondSixteen()
    {
        final KnownAddresses known = KnownAddresses.load(dir);
        for (int i = 0; i < KnownAddresses.PER_COMP_ID; i++)
        {
            known.remember("A", "10.0.0." + i);
        }
        known.remember("A", "10.0.0.0"); // used again: now the latest
        known.remember("A", "10.0.1.0");
        assertTrue(known.contains("A", "10.0.0.0"));
        assertFalse(known.contains("A", "10.0.0.1"), "the least recent one goes");
        final KnownAddresses again = KnownAddresses.load(dir);
        assertFalse(again.contains("A", "10.0.0.1"));
        assertTrue(again.contains("A", "10.0.1.0") && again.contains("A", "10.0.0.2"));
    }

    @Test
    void aLineThatIsNotCompIdCommaAddressIsAnErrorNamingTheFileAndLine() throws Exception
    {
        Files.writeString(dir.resolve(KnownAddresses.FILE), "A,10.0.0.1\n,10.0.0.2\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> KnownAddresses.load(dir));
        assertEquals(dir.resolve(KnownAddresses.FILE) + " line 2: expected CompID,address (the gateway writes this " +
            "file; delete it to forget the addresses)", ex.getMessage());
    }
}
