package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identifiers the gateway keeps or echoes are short printable ASCII: anything else gets a session Reject. On the
 * QuickFIX/J FIX engine ({@link NativeGatewayIdentifierTest}: the native one).
 */
class GatewayIdentifierTest
{
    private GatewayServer server;
    private RawFix r;

    @BeforeEach
    void start() throws Exception
    {
        server = GatewayServer.start(options());
        r = new RawFix(server.port(), "TRADER-B");
        r.logon(TestCatalog.password("TRADER-B"));
        final String reply = r.read(5_000);
        assertNotNull(reply);
        assertTrue(reply.contains("|35=A|"), reply);
    }

    /** The server's options: the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @AfterEach
    void stop() throws Exception
    {
        r.close();
        server.close();
    }

    @Test
    void aClOrdIdWithAControlCharacterIsRejected() throws Exception
    {
        assertSessionReject(r, "D", "11=AB\u0000CD|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|", "11");
        assertSessionReject(r, "D", "11=AB\u007FCD|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|", "11");
        assertSessionReject(r, "D", "11=\u00e9t\u00e9|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|", "11");
    }

    @Test
    void aClOrdIdLongerThan64CharactersIsRejected() throws Exception
    {
        assertSessionReject(r, "D", "11=" + "X".repeat(65) + "|55=SMP|54=1|60=" + RawFix.now() +
            "|38=1|40=2|44=2400|", "11");
        assertSessionReject(r, "D", "11=" + "Y".repeat(60_000) + "|55=SMP|54=1|60=" + RawFix.now() +
            "|38=1|40=2|44=2400|", "11");
        assertSessionReject(r, "G", "41=ORIG|11=" + "Z".repeat(100) + "|55=SMP|54=1|60=" + RawFix.now() +
            "|38=1|40=2|44=2400|", "11");
    }

    @Test
    void otherIdentifiersOutOfBoundsAreRejected() throws Exception
    {
        assertSessionReject(r, "F", "41=" + "Z".repeat(100) + "|11=C1|55=SMP|54=1|60=" + RawFix.now() + "|", "41");
        assertSessionReject(r, "F", "41=ORIG|37=1\u00002|11=C2|55=SMP|54=1|60=" + RawFix.now() + "|", "37");
        assertSessionReject(r, "V", "262=M\u0007D|263=0|264=0|267=1|269=0|146=1|55=SMP|", "262");
        assertSessionReject(r, "V", "262=MD1|263=0|264=0|267=1|269=0|146=1|55=" + "S".repeat(70) + "|", "55");
        assertSessionReject(r, "D", "11=OK-SYM|55=" + "S".repeat(100) + "|54=1|60=" + RawFix.now() +
            "|38=1|40=2|44=2400|", "55");
        assertSessionReject(r, "D", "11=OK-C|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|9001=" +
            "C".repeat(65) + "|453=1|448=TRADER-A|447=D|452=17|", "9001");
        assertSessionReject(r, "D", "11=OK-P|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|453=2|" +
            "448=TRADER-A|447=D|452=17|448=CLIENT\u0007C|447=D|452=3|", "448");
    }

    @Test
    void aClOrdIdOf64PrintableCharactersIsAccepted() throws Exception
    {
        final String longest = "L ~!".repeat(16);
        r.send("D", "11=" + longest + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String er = r.readType("8", 5_000);
        assertNotNull(er);
        assertEquals(longest, field(er, 11));
        assertEquals("0", field(er, 150));
    }

    private static void assertSessionReject(final RawFix r, final String msgType, final String body, final String tag)
        throws IOException
    {
        r.send(msgType, body);
        final String answer = r.read(5_000);
        assertNotNull(answer, "no answer to a bad " + tag);
        assertTrue(answer.contains("|35=3|"), "expected a session Reject for tag " + tag + ": " + answer);
        assertEquals(tag, field(answer, 371));
        assertNotNull(field(answer, 58));
        assertTrue(answer.getBytes(StandardCharsets.ISO_8859_1).length < 400, "the reject does not echo the value");
    }
}
