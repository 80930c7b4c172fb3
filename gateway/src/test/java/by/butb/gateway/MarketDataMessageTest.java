package by.butb.gateway;

import by.butb.gateway.fix.FixEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Both FIX engines render a {@link MarketDataMessage} with the same body, field for field and in order. */
class MarketDataMessageTest
{
    private static final LocalDateTime TIME = LocalDateTime.of(2026, 12, 5, 6, 30, 1, 234_567_891);

    @Test
    void aSnapshotWithLevelsAndATradeEncodesAsQuickFixJWritesIt()
    {
        final MarketDataMessage w = MarketDataMessage.snapshot("MD1", "SMP");
        w.add(new MarketDataMessage.Entry(MarketDataMessage.NO_ACTION, '0', null, 240_050, 2, 1_500, 3, 2, null, 1));
        w.add(new MarketDataMessage.Entry(MarketDataMessage.NO_ACTION, '1', null, 240_100, 2, 7, 3, 1, null, 1));
        w.add(new MarketDataMessage.Entry(MarketDataMessage.NO_ACTION, '2', null, 240_000, 2, 2_000, 3, -1, TIME, 0));
        assertSameBody(w);
    }

    @Test
    void anIncrementalRefreshWithADeleteANewLevelAndATradeEncodesAsQuickFixJWritesIt()
    {
        final MarketDataMessage x = MarketDataMessage.incremental("MD2");
        x.add(new MarketDataMessage.Entry('2', '0', "SMP", 240_050, 2, -1, 3, -1, null, 0));
        x.add(new MarketDataMessage.Entry('0', '1', "SMP", 239_900, 2, 3_000, 3, 4, null, 0));
        x.add(new MarketDataMessage.Entry('0', '2', "SMP", 239_900, 2, 1_000, 3, -1, TIME, 0));
        assertSameBody(x);
    }

    @Test
    void anEmptySnapshotAndARejectEncodeAsQuickFixJWritesThem()
    {
        assertSameBody(MarketDataMessage.snapshot("MD3", "SUGAR"));
        assertSameBody(MarketDataMessage.reject("MD4", '0', "unknown symbol 'X'"));
    }

    private static void assertSameBody(final MarketDataMessage message)
    {
        final String qfj = message.toQuickFixJ().toString();
        final String qfjBody = qfj.substring(qfj.indexOf("\u000135=") + 6, qfj.lastIndexOf("10="));
        final FixEncoder encoder = new FixEncoder(256);
        encoder.begin(String.valueOf(message.msgType), new byte[] {'S'}, new byte[] {'T'}, 1, 0);
        message.encode(encoder);
        encoder.finish();
        final String encoded = new String(encoder.buffer(), encoder.start(), encoder.length(),
            StandardCharsets.ISO_8859_1);
        final String afterHeader = encoded.substring(encoded.indexOf("\u000152=") + 1);
        final String encodedBody = afterHeader.substring(afterHeader.indexOf('\u0001') + 1,
            afterHeader.lastIndexOf("10="));
        assertEquals(qfjBody.replace('\u0001', '|'), encodedBody.replace('\u0001', '|'));
    }
}
