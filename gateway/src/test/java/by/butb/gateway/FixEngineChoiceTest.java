package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The FIX engine a gateway runs: the native one unless its options name QuickFIX/J, which alone has some options. */
class FixEngineChoiceTest
{
    @TempDir
    Path dir;

    @Test
    void aGatewayWhoseOptionsNameNoFixEngineRunsTheNativeOne() throws Exception
    {
        try (GatewayServer server = GatewayServer.start(TestCatalog.options().fixStoreDirectory(dir)))
        {
            assertEquals(FixEngine.NATIVE, server.fixEngine());
            FixClient.logon(server.port(), "TRADER-A").close();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(List.of("BUTB-TRADER-A" + NativeSessionStore.SUFFIX), files.map(f -> f.getFileName()
                .toString()).filter(f -> !f.equals(DirectoryLocks.FIX_STORE_LOCK)).sorted().toList(),
                "the native engine's session store, no other (beside the gateway's lock)");
        }
    }

    @Test
    void optionsOnlyQuickFixJHasAreRefusedByTheNativeEngineNamingTheFix()
    {
        assertEquals("storedMessages(STORE_ALL) needs fixEngine(FixEngine.QFJ): the native FIX engine keeps the " +
            "latest 65,536 of each session with fixStoreDirectory (on disk), or a number of messages in memory",
            assertThrows(IllegalArgumentException.class, () -> GatewayServer.start(TestCatalog.options()
                .storedMessages(GatewayOptions.STORE_ALL))).getMessage());
        assertEquals("sessionQueueCapacity needs fixEngine(FixEngine.QFJ): the native FIX engine has no queue per " +
            "session (its I/O thread hands each order to the engine)",
            assertThrows(IllegalArgumentException.class, () -> GatewayServer.start(TestCatalog.options()
                .sessionQueueCapacity(500))).getMessage());
        try (GatewayServer server = GatewayServer.start(TestCatalog.options().fixEngine(FixEngine.QFJ)
            .storedMessages(GatewayOptions.STORE_ALL).sessionQueueCapacity(500)))
        {
            assertEquals(FixEngine.QFJ, server.fixEngine());
        }
    }

    @Test
    void ioThreadsAreRefusedByQuickFixJNamingTheFix()
    {
        assertEquals("ioThreads needs fixEngine(FixEngine.NATIVE): QuickFIX/J reads each session on a thread of its " +
            "own", assertThrows(IllegalArgumentException.class, () -> GatewayServer.start(TestCatalog.options()
                .fixEngine(FixEngine.QFJ).ioThreads(2))).getMessage());
        assertEquals("the FIX I/O threads must be 1 to 64, got 0", assertThrows(IllegalArgumentException.class,
            () -> TestCatalog.options().ioThreads(0)).getMessage());
    }
}
