package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import by.butb.gateway.fix.FixDecoder;
import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both engines' readers of an order message ({@link QfjOrderMessage} over QuickFIX/J's parse with the gateway's
 * dictionary, {@link NativeOrderMessage} over the native decoder) give the shared rules the same fields and the same
 * {@link Parties}, on seeded random NewOrderSingles with Account, OnBehalfOfCompID and Parties groups of every shape.
 */
class OrderMessageTest
{
    private static final String[] IDS = {"TRADER-A", "CLIENT-C", "BROKER-1", "NOBODY"};
    private static final String[] ROLES = {"3", "17", "1", null};
    private static final int[] TAGS = {1, 11, 55, 38, 44, 59, 9001, 9002, 9010, 126, 99};

    @Test
    void bothReadersGiveTheSameFieldsAndParties() throws Exception
    {
        final Catalog catalog = TestCatalog.catalog();
        final DataDictionary dictionary = new DataDictionary(GatewayServer.DATA_DICTIONARY);
        final NativeOrderMessage nativeReader = new NativeOrderMessage(catalog);
        final FixDecoder decoder = new FixDecoder();
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int n = 0; n < 2_000; n++)
        {
            final String body = body(random, n);
            final String context = "seed " + seed + ", message " + n + ": " + body;
            final byte[] bytes = RawFix.frame("FIX.4.4", body).getBytes(StandardCharsets.ISO_8859_1);
            assertTrue(decoder.wrap(bytes, 0, bytes.length), context);
            final Message parsed = new Message();
            parsed.fromString(new String(bytes, StandardCharsets.ISO_8859_1), dictionary, false);
            final OrderMessage qfj = new QfjOrderMessage(parsed);
            final OrderMessage own = nativeReader.wrap(decoder);
            assertTrue(nativeReader.partyCountMatches() && nativeReader.misplacedPartyTag() == 0, context);
            for (final int tag : TAGS)
            {
                assertEquals(qfj.has(tag), own.has(tag), context + " has " + tag);
                assertEquals(qfj.string(tag), own.string(tag), context + " tag " + tag);
                assertEquals(qfj.charValue(tag), own.charValue(tag), context + " char of " + tag);
            }
            assertEquals(qfj.symbol(), own.symbol(), context);
            assertEquals(Objects.toString(qfj.orderQty()), Objects.toString(own.orderQty()), context);
            assertEquals(Objects.toString(qfj.price()), Objects.toString(own.price()), context);
            assertEquals(qfj.timestampNanos(60), own.timestampNanos(60), context);
            assertEquals(qfj.onBehalfOfCompId(), own.onBehalfOfCompId(), context);
            assertEquals(qfj.partyCount(), own.partyCount(), context);
            for (int e = 0; e < qfj.partyCount(); e++)
            {
                assertEquals(qfj.partyId(e), own.partyId(e), context + " entry " + e);
                assertEquals(qfj.partyRole(e), own.partyRole(e), context + " entry " + e);
            }
            for (final String submitter : new String[] {"BROKER-1", "TRADER-A"})
            {
                final Participant p = catalog.participant(submitter);
                assertEquals(partiesOrRefusal(qfj, p, catalog), partiesOrRefusal(own, p, catalog), context);
            }
        }
    }

    /** The message's {@link Parties}, or the text of its refusal. */
    private static Object partiesOrRefusal(final OrderMessage m, final Participant submitter, final Catalog catalog)
    {
        try
        {
            return Parties.of(m, submitter, catalog, "K");
        }
        catch (final Unsupported ex)
        {
            return ex.getMessage();
        }
    }

    private static String pick(final Random random, final String[] values)
    {
        return values[random.nextInt(values.length)];
    }

    /** A NewOrderSingle from BROKER-1 with some optional fields, OnBehalfOfCompID and Parties entries. */
    private static String body(final Random random, final int n)
    {
        final StringBuilder b = new StringBuilder("35=D|49=BROKER-1|56=BUTB|34=").append(n + 1)
            .append("|52=20240301-10:00:00.000|");
        if (random.nextInt(3) == 0)
        {
            b.append("115=").append(pick(random, IDS)).append('|');
        }
        if (random.nextInt(3) == 0)
        {
            b.append("1=").append(pick(random, IDS)).append('|');
        }
        b.append("11=K").append(n).append("|55=").append(random.nextBoolean() ? "SMP" : "XYZ")
            .append("|54=1|60=20240301-10:00:00.").append(100 + random.nextInt(900)).append("|40=2|");
        if (random.nextInt(4) > 0)
        {
            b.append("38=").append(1 + random.nextInt(50)).append('|');
        }
        if (random.nextInt(4) > 0)
        {
            b.append("44=").append(2400 + random.nextInt(200)).append(".5|");
        }
        final int parties = random.nextInt(4);
        if (parties > 0 || random.nextInt(5) == 0)
        {
            b.append("453=").append(parties).append('|');
        }
        for (int e = 0; e < parties; e++)
        {
            b.append("448=").append(pick(random, IDS)).append('|');
            if (random.nextBoolean())
            {
                b.append("447=D|");
            }
            final String role = pick(random, ROLES);
            if (role != null)
            {
                b.append("452=").append(role).append('|');
            }
            if (random.nextInt(4) == 0)
            {
                b.append("802=1|523=SUB").append(e).append("|803=4|");
            }
        }
        if (random.nextInt(3) == 0)
        {
            b.append("9001=C").append(random.nextInt(9)).append('|');
        }
        if (random.nextInt(4) == 0)
        {
            b.append("9010=").append(random.nextBoolean() ? 'O' : 'B').append("|9011=1|126=20240301-11:00:00.000|");
        }
        return b.toString();
    }
}
