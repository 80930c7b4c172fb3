package by.butb.sim.agents;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;

import java.time.Instant;

/**
 * The price path of a run: one CSV line per trade (time, instrument, price, quantity, how it traded, buyer and
 * seller agents). Prices and quantities in the instrument's units.
 */
final class TradeLog
{
    static final String HEADER = "time,instrument,price,quantity,trade_kind,buyer,seller\n";

    private final Catalog catalog;
    private final StringBuilder csv;

    /** @param keep false: nothing is kept (experiments need only the measures). */
    TradeLog(final Catalog catalog, final boolean keep)
    {
        this.catalog = catalog;
        this.csv = keep ? new StringBuilder(HEADER) : null;
    }

    void trade(final EngineEvent e, final String buyer, final String seller)
    {
        if (csv == null)
        {
            return;
        }
        final Instrument in = catalog.instrument(e.instrument);
        csv.append(Instant.ofEpochSecond(0, e.timeNanos)).append(',').append(in.symbol()).append(',')
            .append(FixedPoint.format(e.price, in.priceScale())).append(',')
            .append(FixedPoint.format(e.quantity, in.quantityScale())).append(',').append(e.tradeKind).append(',')
            .append(buyer).append(',').append(seller).append('\n');
    }

    String csv()
    {
        return csv == null ? HEADER : csv.toString();
    }
}
