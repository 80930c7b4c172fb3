package by.butb.sim.replay;

import by.butb.engine.csv.CsvRow;
import by.butb.sim.Butb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file of examples/mechanisms replays and shows its mechanism: the trade kind and the refusals its comments
 * promise.
 */
class MechanismExamplesTest
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "call-auction, true, CALL_AUCTION, 701, 2500.00, 90.000",
        "lot-auction, false, LOT_AUCTION, 607 711 712, 173.00, 500.000",
        "reverse-auction, false, LOT_AUCTION, 607 712, 182.00, 300.000",
        "address-deal, true, ADDRESS_DEAL, 701 720, 3300.00, 52.000",
        "broker, false, CONTINUOUS, 203, 2500.00, 73.000"})
    void shouldShowItsMechanism(final String name, final boolean schedule, final String kind, final String codes,
        final String price, final String quantity)
    {
        final List<String> args = new ArrayList<>(List.of("replay", "--orders",
            "../examples/mechanisms/" + name + ".csv", "--out", dir.toString()));
        if (schedule)
        {
            args.addAll(List.of("--schedule", "../examples/schedule-sample.csv"));
        }
        final Butb.Run run = Butb.run(args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.err());

        final List<CsvRow> trades = Butb.csv(dir.resolve("trades.csv"));
        assertTrue(trades.stream().allMatch(t -> t.get("kind").equals(kind) && t.get("price").equals(price)),
            "every trade is a " + kind + " at " + price);
        final java.math.BigDecimal total = trades.stream().map(t -> new java.math.BigDecimal(t.get("quantity")))
            .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertEquals(new java.math.BigDecimal(quantity), total);

        final Set<String> rejects = Butb.csv(dir.resolve("events.csv")).stream()
            .filter(e -> e.get("event").equals("REJECTED") || e.get("code").equals("607"))
            .map(e -> e.get("code")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Arrays.asList(codes.split(" "))), rejects);
    }
}
