package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second gateway started by mistake on the data or FIX store directory of a running one is refused before it touches
 * anything there; once the first is closed, the directories are free again.
 */
class DirectoryLocksTest
{
    @TempDir
    Path dir;

    private GatewayOptions options(final Path data, final Path fixStore)
    {
        return TestCatalog.options().dataDirectory(data).fixStoreDirectory(fixStore);
    }

    @Test
    void aSecondGatewayOnTheSameFixStoreIsRefusedAndTouchesNothingThere() throws Exception
    {
        final Path fix = dir.resolve("fix");
        try (GatewayServer first = GatewayServer.start(options(dir.resolve("data"), fix)))
        {
            final Path copy = StoreFiles.compactingCopy(fix.resolve(GatewayOptions.DEFAULT_COMP_ID + "-TRADER-A" +
                NativeSessionStore.SUFFIX));
            Files.writeString(copy, "a compaction under way in the first gateway");
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> GatewayServer.start(options(dir.resolve("other-data"), fix)));
            assertEquals("FIX store " + fix + " is in use by another running gateway (it holds " +
                fix.resolve(DirectoryLocks.FIX_STORE_LOCK) + ")", refused.getMessage());
            assertTrue(Files.exists(copy), "the first gateway's files are left alone");
        }
        GatewayServer.start(options(dir.resolve("other-data"), fix)).close();
    }

    @Test
    void aSecondGatewayOnTheSameDataDirectoryIsRefused()
    {
        final Path data = dir.resolve("data");
        try (GatewayServer first = GatewayServer.start(options(data, null)))
        {
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> GatewayServer.start(options(data, dir.resolve("fix"))));
            assertTrue(refused.getMessage().startsWith("data directory " + data + " is in use by another running " +
                "gateway"), refused.getMessage());
            assertTrue(Files.notExists(dir.resolve("fix")), "nothing made for the refused one");
        }
        GatewayServer.start(options(data, null)).close();
    }

    @Test
    void oneDirectoryMayServeAsBothTheDataAndTheFixStore()
    {
        GatewayServer.start(options(dir, dir)).close();
    }
}
