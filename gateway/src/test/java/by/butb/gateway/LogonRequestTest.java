package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogonRequestTest
{
    private static LogonRequest parse(final String body)
    {
        return LogonRequest.parse(RawFix.frame("FIX.4.4", body));
    }

    @Test
    void readsTheIdentityAndTheCredentials()
    {
        final LogonRequest logon = parse("35=A|49=TRADER-A|56=BUTB|34=1|52=x|98=0|108=30|553=TRADER-A|554=p=w|");
        assertTrue(logon.isLogon());
        assertEquals("FIX.4.4", logon.beginString());
        assertEquals("TRADER-A", logon.senderCompId());
        assertEquals("BUTB", logon.targetCompId());
        assertEquals("TRADER-A", logon.username());
        assertEquals("p=w", logon.password());
        assertEquals("30", logon.heartBtInt());
        assertFalse(logon.duplicated());
        assertFalse(logon.subOrLocationIds());
        assertFalse(logon.toString().contains("p=w"), "never the password");
    }

    @Test
    void seesEveryOccurrenceOfATagQuickFixCouldRead()
    {
        assertTrue(parse("35=A|49=TRADER-A|56=BUTB|34=1|49=TRADER-B|554=x|").duplicated());
        assertTrue(parse("35=A|49=TRADER-A|56=BUTB|34=1|049=TRADER-B|554=x|").duplicated(), "leading zero");
        assertTrue(parse("35=A|49=TRADER-A|56=BUTB|34=1|+49=TRADER-B|554=x|").duplicated(), "sign");
        assertTrue(parse("35=A|49=TRADER-A|56=BUTB|34=1|95=9|96=x|49=B|554=x|").duplicated(), "inside a data field");
        assertTrue(parse("35=A|49=TRADER-A|56=BUTB|34=1|108=30|108=0|554=x|").duplicated(), "HeartBtInt");
        assertTrue(parse("35=A|49=TRADER-A|56=BUTB|34=1|50=DESK|554=x|").subOrLocationIds());
        assertTrue(parse("35=A|49=TRADER-A|56=BUTB|34=1|143=LOC|554=x|").subOrLocationIds());
    }

    @Test
    void aMessageThatIsNotALogonSaysSo()
    {
        final LogonRequest order = parse("35=D|49=TRADER-A|56=BUTB|34=1|11=X|");
        assertFalse(order.isLogon());
        assertNull(order.password());
        assertFalse(LogonRequest.parse("garbage without fields").isLogon());
    }
}
