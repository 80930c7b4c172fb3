package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@link GatewayFixStoreTest} against the native FIX engine ({@link FixEngine#NATIVE}) and its store; and what only
 * the native engine does: a resend in chunks ({@link NativeResend}).
 */
class NativeGatewayFixStoreTest extends GatewayFixStoreTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }

    /**
     * TRADER-A's resting sell is filled {@code fills} times, one lot at a time, while A is away; returns A logged on
     * again with its numbers going on (the server's ahead of what A has seen).
     */
    private RawFix missFills(final int fills) throws Exception
    {
        gateway.restart(stored().maxScheduledWrites(64)); // 64 KiB may wait on a socket
        RawFix a = gateway.rawLoggedOn("TRADER-A");
        a.send("D", "11=S1|55=SMP|54=2|60=" + RawFix.now() + "|38=" + fills + "|40=2|44=2500|59=1|");
        assertEquals("0", field(a.readType("8", 5_000), 150));
        a.send("5", "");
        assertNotNull(a.readType("5", 5_000));
        a.close();
        gateway.forget(a);
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        for (int i = 0; i < fills; i++)
        {
            b.send("D", "11=B" + i + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2500|59=3|");
            assertEquals("0", field(b.readType("8", 5_000), 150));
            assertEquals("F", field(b.readType("8", 5_000), 150), "B's IOC buy " + i + " fills against A's sell");
        }
        gateway.server().drain();
        a = gateway.raw("TRADER-A");
        a.seq = 4;
        a.logon(TestCatalog.password("TRADER-A"));
        assertNotNull(a.readType("A", 5_000));
        return a;
    }

    @Test
    void aResendLongerThanTheSlowConsumerBoundArrivesWhole() throws Exception
    {
        final int fills = 1_000; // about 300 KB of reports
        final RawFix a = missFills(fills);
        a.send("2", "7=1|16=0|");
        assertEquals("S1", field(a.readType("8", 5_000), 11), "the acknowledgement again");
        for (int i = 1; i <= fills; i++)
        {
            final String fill = a.readType("8", 5_000);
            assertNotNull(fill, "resent fill " + i + " of " + fills + " (the connection must not be dropped)");
            assertEquals("Y", field(fill, 43));
            assertEquals(i, Double.parseDouble(field(fill, 14)), "CumQty, in order");
        }
        a.send("D", "11=S2|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2600|");
        assertEquals("S2", field(a.readType("8", 5_000), 11), "the session goes on");
    }

    @Test
    void aSecondResendRequestDuringALongResendDoesNotCutItShort() throws Exception
    {
        final int fills = 600;
        final RawFix a = missFills(fills);
        a.send("2", "7=1|16=0|");
        a.send("2", "7=3|16=4|"); // while the first is still being answered
        final java.util.BitSet seen = new java.util.BitSet();
        while (seen.cardinality() < fills)
        {
            final String report = a.readType("8", 5_000);
            assertNotNull(report, "fills resent so far: " + seen.cardinality() + " of " + fills);
            if ("F".equals(field(report, 150)) || "1".equals(field(report, 150)))
            {
                seen.set((int)Double.parseDouble(field(report, 14)));
            }
        }
    }
}
