package by.butb.sim.replay;

import by.butb.sim.Butb;
import by.butb.sim.DuckDbTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code butb replay --format parquet}, read back with DuckDB and compared with the CSV of the same replay. */
class ParquetReplayTest
{
    @TempDir
    static Path dir;
    @RegisterExtension
    static final DuckDbTables DUCK_DB = new DuckDbTables();



    @Test
    void parquetHoldsEveryRowAndColumnOfTheCsvOfTheSampleReplay() throws Exception
    {
        final Path csv = dir.resolve("sample-csv");
        final Path parquet = dir.resolve("sample-parquet");
        assertEquals(0, Butb.run("replay", "--out=" + csv).exitCode());
        final Butb.Run run = Butb.run("replay", "--format", "parquet", "--out=" + parquet);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("trades.parquet, events.parquet and summary.txt"), run.out());
        assertEquals(0, DUCK_DB.assertSameTable(csv.resolve("trades.csv"), parquet.resolve("trades.parquet")));
        assertEquals(1, DUCK_DB.assertSameTable(csv.resolve("events.csv"), parquet.resolve("events.parquet")),
            "the price 'six hundred' of the sample's unreadable row is a null");
        assertTrue(Butb.text(csv.resolve("events.csv")).contains("PRICE_OUTSIDE_BAND"), "the sample has rejects");
        assertEquals(Butb.text(csv.resolve("summary.txt")), Butb.text(parquet.resolve("summary.txt")));
        assertFalse(Files.exists(parquet.resolve("trades.csv")));
        assertFalse(Files.exists(parquet.resolve("events.csv")));
    }

    @Test
    void columnsHaveTheirTypesAndOnlyColumnsThatCanBeEmptyAreOptional() throws Exception
    {
        final Path parquet = dir.resolve("types");
        assertEquals(0, Butb.run("replay", "--format=PARQUET", "--out=" + parquet).exitCode());
        final Map<String, String> trades = new LinkedHashMap<>();
        for (final String column : ReplayListener.TRADE_COLUMNS)
        {
            trades.put(column, "VARCHAR");
        }
        trades.putAll(Map.of("trade_id", "BIGINT", "time", "TIMESTAMPTZ_NS", "price", "DECIMAL(18,2)",
            "quantity", "DECIMAL(18,3)"));
        assertEquals(trades, DUCK_DB.types(parquet.resolve("trades.parquet")));
        final Map<String, String> events = new LinkedHashMap<>();
        for (final String column : ReplayListener.EVENT_COLUMNS)
        {
            events.put(column, "VARCHAR");
        }
        events.putAll(Map.of("event_id", "BIGINT", "time", "TIMESTAMPTZ_NS", "line", "BIGINT",
            "exchange_order_id", "BIGINT", "code", "BIGINT", "trade_id", "BIGINT", "price", "DECIMAL(18,2)",
            "quantity", "DECIMAL(18,3)", "leaves", "DECIMAL(18,3)", "filled", "DECIMAL(18,3)"));
        assertEquals(events, DUCK_DB.types(parquet.resolve("events.parquet")));

        assertEquals(List.of("trade_id", "time", "instrument", "price", "quantity", "buyer", "seller", "aggressor",
            "kind"), required(parquet.resolve("trades.parquet")));
        assertEquals(List.of("event_id", "time", "event", "code", "code_name"),
            required(parquet.resolve("events.parquet")));
    }

    @Test
    void aRowTheReplayCouldNotReadHasNullDecimalsAndItsTextInTheReason() throws Exception
    {
        final Path orders = Butb.orders(dir.resolve("unreadable"),
            "2024-03-01T09:00:00.000000123Z,BY-SUGAR-SKIDEL,NEW,\"SK,1 \"\"a\"\"\",SUGAR,SELL,LIMIT,GTC,624.50,500,,,",
            "2024-03-01T09:01:00Z,MN-BUYER-01,NEW,MN-1,SUGAR,BUY,LIMIT,DAY,abc,400,,,",
            "2024-03-01T09:02:00+03:00,MN-BUYER-01,NEW,MN-2,SUGAR,BUY,LIMIT,DAY,624.5,1e3,,,",
            "2024-03-01T09:03:00Z,MN-BUYER-01,NEW,MN-3,SUGAR,BUY,MARKET,IOC,,100,,,");
        final Path csv = dir.resolve("unreadable-csv");
        final Path parquet = dir.resolve("unreadable-parquet");
        assertEquals(0, Butb.run("replay", "--orders=" + orders, "--out=" + csv).exitCode());
        assertEquals(0, Butb.run("replay", "--orders=" + orders, "--format=parquet", "--out=" + parquet).exitCode());
        assertEquals(2, DUCK_DB.assertSameTable(csv.resolve("events.csv"), parquet.resolve("events.parquet")),
            "'abc' and '1e3' are nulls");
        DUCK_DB.assertSameTable(csv.resolve("trades.csv"), parquet.resolve("trades.parquet"));
        final Path events = parquet.resolve("events.parquet");
        assertEquals(List.of(List.of("SK,1 \"a\"", "2024-03-01 09:00:00.000000123+00")),
            DUCK_DB.rows("SELECT order_id, CAST(time AS VARCHAR) FROM read_parquet('" + events + "') LIMIT 1"));
        assertTrue(DUCK_DB.rows("SELECT reason FROM read_parquet('" + events + "') WHERE price IS NULL AND " +
            "event = 'REJECTED'").toString().contains("'abc'"));
    }

    @Test
    void aReplayWithoutTradesWritesATradesFileWithItsColumnsAndNoRows() throws Exception
    {
        final Path orders = Butb.orders(dir.resolve("no-trades"),
            "2024-03-01T09:00:00Z,BY-SUGAR-SKIDEL,NEW,SK-1,SUGAR,SELL,LIMIT,GTC,624.50,500,,,");
        final Path parquet = dir.resolve("no-trades-parquet");
        assertEquals(0, Butb.run("replay", "--orders=" + orders, "--format=parquet", "--out=" + parquet).exitCode());
        final Path trades = parquet.resolve("trades.parquet");
        assertEquals(List.of(List.of("0")), DUCK_DB.rows("SELECT count(*) FROM read_parquet('" + trades + "')"));
        assertEquals(List.of(ReplayListener.TRADE_COLUMNS), List.of(DUCK_DB.types(trades).keySet().toArray()));
    }

    private static List<String> required(final Path parquet) throws Exception
    {
        return DUCK_DB.repetitions(parquet).entrySet().stream().filter(e -> e.getValue().equals("REQUIRED"))
            .map(Map.Entry::getKey).toList();
    }
}
