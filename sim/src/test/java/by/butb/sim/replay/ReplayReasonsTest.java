package by.butb.sim.replay;

import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reasons of the events that come by the hundred thousand, for rows read from their bytes and, the same rows with
 * a quoted order id, for rows read as text: each reads as its code's text with its values and names.
 */
class ReplayReasonsTest
{
    private static final String ROWS = """
        time,participant,action,order_id,instrument,side,type,tif,price,quantity
        2024-03-05T09:00:00Z,BY-LIDA,NEW,%s1,SUGAR,SELL,LIMIT,GTC,625.00,10
        2024-03-05T09:00:01Z,CN-BUYER-01,NEW,%s1,SUGAR,BUY,LIMIT,IOC,625.00,15
        2024-03-05T09:00:02Z,BY-LIDA,CANCEL,%s9,,,,,,
        2024-03-05T09:00:03Z,BY-LIDA,NEW,%s2,SUGAR,SELL,LIMIT,GTC,626.00,1
        2024-03-05T09:00:04Z,BY-LIDA,NEW,%s2,SUGAR,SELL,LIMIT,GTC,626.00,1
        2024-03-05T09:00:05Z,CN-BUYER-01,NEW,%s2,SUGAR,BUY,LIMIT,GTC,625.50,90000
        2024-03-05T09:00:06Z,CN-BUYER-01,NEW,%s3,SUGAR,BUY,MARKET,IOC,,20
        """;

    @TempDir
    Path dir;

    @Test
    void eachCommonEventSaysWhatHappenedWithItsValuesAndNames()
    {
        final List<String> expected = List.of(
            "ACCEPTED ok",
            "ACCEPTED ok",
            "TRADE bought from BY-LIDA order S1",
            "CANCELLED immediate-or-cancel remainder cancelled (5.000 of 15.000 not filled)",
            "REJECTED no live order with this id 'S9'",
            "ACCEPTED ok",
            "REJECTED a live order already has this order id 'S2'",
            "REJECTED free deposit is too small for the guarantee: the order needs 5629500.00 USD, CN-BUYER-01 has " +
                "999993.75 USD free",
            "ACCEPTED ok",
            "TRADE bought from BY-LIDA order S2",
            "CANCELLED market order remainder cancelled: no more liquidity inside the band (19.000 of 20.000 not " +
                "filled)");
        for (final String quote : new String[] {"", "\""})
        {
            final String seller = quote + "S";
            final String buyer = quote + "B";
            final Path orders = Butb.write(dir.resolve("orders" + quote.length() + ".csv"), ROWS.formatted(seller,
                buyer, seller, seller, seller, buyer, buyer).replaceAll("(\"[SB]\\d)", "$1\""));
            final Path out = dir.resolve("out" + quote.length());
            assertEquals(0, Butb.run("replay", "--orders", orders.toString(), "--out", out.toString()).exitCode());
            final List<String> reasons = Butb.csv(out.resolve("events.csv")).stream()
                .map(e -> e.get("event") + " " + e.get("reason")).toList();
            assertEquals(expected, reasons, "order ids quoted with '" + quote + "'");
        }
    }
}
