package by.butb.sim.replay;

import by.butb.engine.csv.CsvRow;
import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled examples/orders-sample.csv, which teachers read: deterministic, and it shows what it says. */
class SampleReplayTest
{
    private static final Path SAMPLE = Path.of("../examples/orders-sample.csv");

    @TempDir
    Path dir;

    @Test
    void twoReplaysOfTheSampleGiveIdenticalFilesAndStateHash() throws Exception
    {
        final Butb.Run first = Butb.run("replay", "--orders", SAMPLE.toString(), "--out", dir.resolve("a").toString());
        final Butb.Run second = Butb.run("replay", "--orders", SAMPLE.toString(), "--out", dir.resolve("b").toString());

        assertEquals(0, first.exitCode(), first.err());
        assertEquals(0, second.exitCode(), second.err());
        for (final String file : new String[] {"trades.csv", "events.csv", "summary.txt"})
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
        assertEquals(stateHash(first.out()), stateHash(second.out()));
    }

    @Test
    void withoutOrdersTheBundledSampleIsReplayed() throws Exception
    {
        final Butb.Run bundled = Butb.run("replay", "--out", dir.resolve("bundled").toString());
        final Butb.Run file = Butb.run("replay", "--orders", SAMPLE.toString(), "--out",
            dir.resolve("file").toString());

        assertEquals(0, bundled.exitCode(), bundled.err());
        assertTrue(bundled.out().contains("examples/orders-sample.csv (bundled)"), bundled.out());
        assertArrayEquals(Files.readAllBytes(dir.resolve("file/events.csv")),
            Files.readAllBytes(dir.resolve("bundled/events.csv")));
        assertEquals(stateHash(file.out()), stateHash(bundled.out()));
    }

    @Test
    void theSampleShowsEveryCaseItsCommentsPromise()
    {
        final Butb.Run run = Butb.run("replay", "--orders", SAMPLE.toString(), "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        final Set<String> codes = new TreeSet<>();
        final Set<String> events = new TreeSet<>();
        for (final CsvRow event : Butb.csv(dir.resolve("events.csv")))
        {
            codes.add(event.get("code_name"));
            events.add(event.get("event"));
        }
        for (final String code : new String[] {"MALFORMED_INPUT", "UNKNOWN_PARTICIPANT", "PARTICIPANT_NOT_ACTIVE",
            "NOT_ADMITTED_TO_SECTION", "NOT_CLIENT_OF_BROKER", "PRICE_NOT_ON_STEP", "PRICE_OUTSIDE_BAND",
            "INSUFFICIENT_DEPOSIT", "UNKNOWN_ORDER", "CANCELLED_BY_PARTICIPANT", "IOC_REMAINDER", "FOK_NOT_FILLED",
            "MARKET_REMAINDER", "DAY_ORDER_EXPIRED"})
        {
            assertTrue(codes.contains(code), code + " missing; codes: " + codes);
        }
        assertTrue(events.containsAll(Set.of("ACCEPTED", "REJECTED", "TRADE", "CANCELLED", "REPLACED", "EXPIRED")),
            events.toString());
        assertTrue(Butb.csv(dir.resolve("trades.csv")).stream().anyMatch(t -> t.get("buyer").equals("MN-BUYER-02")),
            "the broker's client buys");
    }

    private static String stateHash(final String summary)
    {
        final Matcher m = Pattern.compile("state hash +([0-9a-f]{16})").matcher(summary);
        assertTrue(m.find(), summary);
        return m.group(1);
    }
}
