package by.butb.sim.classroom;

import by.butb.engine.model.Side;

import java.util.List;
import java.util.Locale;

/**
 * The rounds as one CSV table (RFC 4180, a header line, no comment line, so that {@code pandas.read_csv} loads it
 * as it is): per round every order and cancel ({@code record} = order), both sides of every trade (trade) and each
 * trader's result (profit). Prices and profits in currency units with 2 decimals, times in seconds since the
 * round's start; a column that does not apply to a record is empty.
 */
final class RoundCsv
{
    static final List<String> COLUMNS = List.of("round", "record", "time_s", "trader", "name", "kind", "role",
        "action", "result", "order_id", "price", "limit", "counterparty", "units", "profit");

    private RoundCsv()
    {
    }

    static String of(final List<RoundMarket> rounds)
    {
        final StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (final RoundMarket r : rounds)
        {
            for (final RoundMarket.OrderRow o : r.orders())
            {
                final RoundMarket.Trader t = r.trader(o.trader());
                row(sb, r, "order", seconds(r, o.millis()), t, o.action(), o.result(), Long.toString(o.orderId()),
                    o.action().equals("NEW") ? Rounds.money(o.price()) : "", Rounds.money(o.limit()), "", "1", "");
            }
            for (final RoundMarket.TradeRow d : r.trades())
            {
                row(sb, r, "trade", seconds(r, d.millis()), r.trader(d.buyer()), "BUY", "TRADED", "",
                    Rounds.money(d.price()), Rounds.money(d.value()), d.seller(), "1",
                    Rounds.money(d.value() - d.price()));
                row(sb, r, "trade", seconds(r, d.millis()), r.trader(d.seller()), "SELL", "TRADED", "",
                    Rounds.money(d.price()), Rounds.money(d.cost()), d.buyer(), "1",
                    Rounds.money(d.price() - d.cost()));
            }
            for (final RoundMarket.Trader t : r.traders())
            {
                row(sb, r, "profit", "", t, "", "", "", "", "", "", Integer.toString(t.next), Rounds.money(t.profit));
            }
        }
        return sb.toString();
    }

    private static String seconds(final RoundMarket r, final long millis)
    {
        return String.format(Locale.ROOT, "%.3f", (millis - r.startMillis) / 1000.0);
    }

    private static void row(final StringBuilder sb, final RoundMarket r, final String record, final String time,
        final RoundMarket.Trader t, final String action, final String result, final String orderId,
        final String price, final String limit, final String counterparty, final String units, final String profit)
    {
        final String[] cells = {Integer.toString(r.number), record, time, t.spec.id(), t.spec.name(),
            t.spec.robot() ? "robot" : "student", t.spec.side() == Side.BUY ? "BUYER" : "SELLER", action, result,
            orderId, price, limit, counterparty, units, profit};
        for (int i = 0; i < cells.length; i++)
        {
            sb.append(i == 0 ? "" : ",").append(quoted(cells[i]));
        }
        sb.append('\n');
    }

    /** A cell as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote or line break. */
    static String quoted(final String cell)
    {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r") ?
            '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
