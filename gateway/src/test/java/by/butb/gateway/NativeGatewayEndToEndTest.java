package by.butb.gateway;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OnBehalfOfCompID;
import quickfix.field.Side;
import quickfix.field.Text;

import static by.butb.gateway.Fix.c;
import static by.butb.gateway.Fix.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GatewayEndToEndTest} against the native FIX engine ({@link FixEngine#NATIVE}), with the same QuickFIX/J
 * clients and the same expectations (market data included); the scenarios of what the native engine does not
 * support yet (parties, brokers' clients, address deals, lots) are replaced by a check that it refuses them by name.
 */
class NativeGatewayEndToEndTest extends GatewayEndToEndTest
{
    private static final String REFUSED = "the native engine refuses it: see refusesWhatItDoesNotSupportByName";

    @Override
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.NATIVE);
    }

    @Test
    void refusesWhatItDoesNotSupportByName() throws Exception
    {
        final FixClient a = logon("TRADER-A");
        final Message forClient = Fix.limit("K1", "SMP", Side.BUY, "2", "2400");
        forClient.getHeader().setString(OnBehalfOfCompID.FIELD, "CLIENT-C");
        a.send(forClient);
        final Message m = a.next(MsgType.BUSINESS_MESSAGE_REJECT);
        assertTrue(s(m, Text.FIELD).startsWith("OnBehalfOfCompID(115) is not supported by the native FIX engine"),
            s(m, Text.FIELD));

        final Message addressed = Fix.limit("K2", "SMP", Side.SELL, "2", "2400");
        Fix.contraFirm(addressed, "TRADER-B");
        a.send(addressed);
        assertTrue(s(a.next(MsgType.BUSINESS_MESSAGE_REJECT), Text.FIELD).startsWith("NoPartyIDs(453)"));

        a.send(Fix.lotOffer("LOT1", Side.SELL, "500", "180", "1", 1_800_000_000_000_000_000L));
        assertTrue(s(a.next(MsgType.BUSINESS_MESSAGE_REJECT), Text.FIELD).startsWith("LotAction(9010)"));

        a.send(Fix.limit("K3", "SMP", Side.BUY, "2", "2400"));
        assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD), "plain orders still trade");
    }

    @Override
    @Test
    @Disabled(REFUSED)
    void brokerTradesForItsClientOnly()
    {
    }

    @Override
    @Test
    @Disabled(REFUSED)
    void restartKeepsOpenAddressOrdersTakeableAndCancellableByTheirClOrdIds()
    {
    }

    @Override
    @Test
    @Disabled(REFUSED)
    void restartKeepsOpenLotsAndTheirStandingBidsUntilTheAuctionsClose()
    {
    }
}
