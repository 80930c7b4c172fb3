package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@link GatewayRawSocketTest} against the native FIX engine ({@link FixEngine#NATIVE}), and what only it does. */
class NativeGatewayRawSocketTest extends GatewayRawSocketTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }

    @Test
    void aSecondSequenceResetInsideASessionWithinASecondEndsIt() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-C");
        r.seq = 1;
        final String first = RawFix.frame("FIX.4.4", r.body("A", "98=0|108=30|141=Y|"));
        r.seq = 1;
        r.sendText(first + RawFix.frame("FIX.4.4", r.body("A", "98=0|108=30|141=Y|"))); // one write: microseconds
        assertNotNull(r.readType("A", 5_000), "the first reset is answered");
        final String logout = r.readType("5", 5_000);
        assertNotNull(logout, "the second, at once, ends the session");
        assertEquals("Logon with ResetSeqNumFlag=Y more than once a second", RawFix.field(logout, 58));
        assertOthersStillServed();
    }
}
