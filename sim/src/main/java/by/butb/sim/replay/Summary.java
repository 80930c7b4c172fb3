package by.butb.sim.replay;

import by.butb.engine.core.EventType;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** The text of summary.txt. Deterministic: the same replay gives the same text. */
final class Summary
{
    private Summary()
    {
    }

    /**
     * Call after the pipeline is drained (it queries the engine); {@code stateHash} is the engine's
     * {@link MatchingEngine#stateHash()}, which the caller has computed once already.
     */
    static String render(final Replay.Options options, final Catalog catalog, final ReplayStats stats,
        final MatchingEngine engine, final long commands, final long stateHash)
    {
        final StringBuilder s = new StringBuilder(2048);
        s.append("BUTB replay summary\n");
        line(s, "orders", options.orders().name());
        line(s, "instruments", options.instruments().name());
        line(s, "participants", options.participants().name());
        line(s, "schedule", options.schedule() == null ? "none (continuous trading)" : options.schedule().name());
        line(s, "rules", "guarantee " + percent(options.rules().guaranteeBps()) + " % of the order value, fee " +
            percent(options.rules().feeBps()) + " % of the deal amount from each side");
        s.append('\n');
        line(s, "commands", Long.toString(commands));
        final StringBuilder events = new StringBuilder().append(stats.events);
        String separator = ": ";
        for (final EventType type : EventType.values())
        {
            final long n = stats.eventsByType[type.ordinal()];
            if (n > 0)
            {
                events.append(separator).append(type.name()).append(' ').append(n);
                separator = ", ";
            }
        }
        line(s, "events", events.toString());
        line(s, "rejects", Long.toString(stats.rejects()));
        final List<String[]> rejects = new ArrayList<>();
        for (final ResultCode code : ResultCode.values())
        {
            final long n = stats.rejectsByCode[code.ordinal()];
            if (n > 0)
            {
                rejects.add(new String[] {"", Integer.toString(code.code()), code.name(), Long.toString(n)});
            }
        }
        if (!rejects.isEmpty())
        {
            appendTable(s, rejects, 3);
        }
        line(s, "trades", Long.toString(stats.totalTrades));
        line(s, "live orders", Integer.toString(engine.liveOrderCount()));
        s.append('\n');

        final List<String[]> table = new ArrayList<>();
        table.add(new String[] {"instrument", "unit", "trades", "volume", "value", "VWAP", "last", "bid orders",
            "best bid", "best ask", "ask orders"});
        for (final Instrument instrument : catalog.instruments())
        {
            final int i = instrument.index();
            final int priceScale = instrument.priceScale();
            final boolean traded = stats.trades[i] > 0;
            final String vwap = traded ? new BigDecimal(stats.value(i), priceScale + instrument.quantityScale())
                .divide(BigDecimal.valueOf(stats.volume[i], instrument.quantityScale()), priceScale,
                    RoundingMode.HALF_EVEN).toPlainString() : "-";
            final String value = new BigDecimal(stats.value(i), priceScale + instrument.quantityScale())
                .setScale(Instrument.MONEY_SCALE, RoundingMode.HALF_EVEN).toPlainString() + " " + instrument.currency();
            table.add(new String[] {
                instrument.symbol(),
                instrument.unit(),
                Long.toString(stats.trades[i]),
                FixedPoint.format(stats.volume[i], instrument.quantityScale()),
                value,
                vwap,
                traded ? FixedPoint.format(stats.lastPrice[i], priceScale) : "-",
                Integer.toString(restingOrders(engine, i, Side.BUY)),
                best(engine, instrument, Side.BUY),
                best(engine, instrument, Side.SELL),
                Integer.toString(restingOrders(engine, i, Side.SELL))});
        }
        appendTable(s, table, 2);
        s.append('\n');
        appendDeposits(s, catalog, engine);
        s.append('\n');
        line(s, "state hash", String.format("%016x", stateHash));
        return s.toString();
    }

    /**
     * Every participant's deposit at the end, in its currency's major units: deposited (the catalog's deposit),
     * free, blocked (the guarantees its live orders, lots and bids hold) and fees paid; free + blocked + fees paid =
     * deposited.
     */
    private static void appendDeposits(final StringBuilder s, final Catalog catalog, final MatchingEngine engine)
    {
        final List<String[]> table = new ArrayList<>();
        table.add(new String[] {"participant", "currency", "deposited", "free", "blocked", "fees paid"});
        for (final Participant participant : catalog.participants())
        {
            final int p = participant.index();
            table.add(new String[] {
                participant.id(),
                participant.currency(),
                money(engine.deposited(p)),
                money(engine.freeDeposit(p)),
                money(engine.blockedDeposit(p)),
                money(engine.feesPaid(p))});
        }
        appendTable(s, table, 2);
    }

    private static String money(final long minorUnits)
    {
        return FixedPoint.format(minorUnits, Instrument.MONEY_SCALE);
    }

    private static int restingOrders(final MatchingEngine engine, final int instrument, final Side side)
    {
        int orders = 0;
        for (int rank = 0, n = engine.depth(instrument, side); rank < n; rank++)
        {
            orders += engine.levelOrderCount(instrument, side, rank);
        }
        return orders;
    }

    private static String best(final MatchingEngine engine, final Instrument instrument, final Side side)
    {
        return engine.depth(instrument.index(), side) == 0 ? "-" :
            FixedPoint.format(engine.levelPrice(instrument.index(), side, 0), instrument.priceScale());
    }

    private static String percent(final int basisPoints)
    {
        return new BigDecimal(basisPoints).movePointLeft(2).stripTrailingZeros().toPlainString();
    }

    private static void line(final StringBuilder s, final String label, final String value)
    {
        s.append(label).append(" ".repeat(Math.max(1, 14 - label.length()))).append(value).append('\n');
    }

    /** The first {@code leftAligned} columns left-aligned, the others right-aligned, two spaces between columns. */
    private static void appendTable(final StringBuilder s, final List<String[]> rows, final int leftAligned)
    {
        final int columns = rows.get(0).length;
        final int[] widths = new int[columns];
        for (final String[] row : rows)
        {
            for (int c = 0; c < columns; c++)
            {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                if (c > 0)
                {
                    line.append("  ");
                }
                final String pad = " ".repeat(widths[c] - row[c].length());
                line.append(c < leftAligned ? row[c] + pad : pad + row[c]);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
