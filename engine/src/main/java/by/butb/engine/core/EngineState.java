package by.butb.engine.core;

import by.butb.engine.address.AddressDeals;
import by.butb.engine.book.BookSide;
import by.butb.engine.book.LiveOrders;
import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.book.PriceLevel;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.lots.Lot;
import by.butb.engine.lots.LotRegistry;
import by.butb.engine.model.Phase;
import by.butb.engine.session.TradingDay;
import by.butb.engine.session.TradingSessions;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The whole state of an engine, in one fixed order: id counters, trading day, each section's phase, deposits,
 * every book in priority order, the waiting address orders and the lots held. {@link #hash} digests it (equal
 * states, equal hashes); {@link #write} and {@link #read} carry it through a snapshot (the file's framing is
 * {@link EngineSnapshot}'s). Cold path, engine thread only.
 */
final class EngineState
{
    private final OrderBook[] books;
    private final Deposits deposits;
    private final EventWriter events;
    private final TradingDay tradingDay;
    private final TradingSessions sessions;
    private final AddressDeals addressDeals;
    private final LotRegistry lots;
    private final LiveOrders orders;

    EngineState(final OrderBook[] books, final Deposits deposits, final EventWriter events, final TradingDay tradingDay,
        final TradingSessions sessions, final AddressDeals addressDeals, final LotRegistry lots,
        final LiveOrders orders)
    {
        this.books = books;
        this.deposits = deposits;
        this.events = events;
        this.tradingDay = tradingDay;
        this.sessions = sessions;
        this.addressDeals = addressDeals;
        this.lots = lots;
        this.orders = orders;
    }

    long hash()
    {
        final StateHasher h = new StateHasher();
        h.add(orders.peekOrderId()).add(events.peekTradeId()).add(tradingDay.current());
        for (int s = 0; s < sessions.sectionCount(); s++)
        {
            h.add(sessions.phase(s).code).add(sessions.phaseDay(s)).add(sessions.phaseBoundary(s));
        }
        for (int p = 0; p < deposits.size(); p++)
        {
            h.add(deposits.free(p)).add(deposits.blocked(p)).add(deposits.feesPaid(p));
        }
        for (final OrderBook book : books)
        {
            hashSide(h, book.bids);
            hashSide(h, book.asks);
        }
        for (final Order o : addressDeals.waiting())
        {
            hashOrder(h, o);
        }
        for (final Lot lot : lots.all())
        {
            h.add(lot.lotId).add(lot.clientOrderId).add(lot.owner).add(lot.instrument).add(lot.side.code)
                .add(lot.quantity).add(lot.startPrice).add(lot.bidStep).add(lot.closeTime).add(lot.blocked)
                .add(lot.closed ? 1 : 0).add(lot.hasBid ? 1 : 0).add(lot.bidId).add(lot.bidOwner)
                .add(lot.bidPrice).add(lot.bidBlocked);
        }
        return h.value();
    }

    private static void hashSide(final StateHasher h, final BookSide side)
    {
        h.add(side.levelCount());
        for (int rank = 0, n = side.levelCount(); rank < n; rank++)
        {
            final PriceLevel level = side.level(rank);
            h.add(level.price()).add(level.totalLeaves()).add(level.orderCount());
            for (Order o = level.head(); o != null; o = o.next())
            {
                hashOrder(h, o);
            }
        }
    }

    private static void hashOrder(final StateHasher h, final Order o)
    {
        h.add(o.orderId).add(o.clientOrderId).add(o.owner).add(o.submitter).add(o.timeInForce.code).add(o.price)
            .add(o.quantity).add(o.leaves).add(o.filled).add(o.filledValue).add(o.blocked).add(o.day)
            .add(o.counterparty);
    }

    void write(final DataOutputStream out, final long lastSequence) throws IOException
    {
        out.writeLong(lastSequence);
        out.writeLong(orders.peekOrderId());
        out.writeLong(events.peekTradeId());
        out.writeLong(tradingDay.current());
        out.writeInt(sessions.sectionCount());
        for (int s = 0; s < sessions.sectionCount(); s++)
        {
            out.writeByte(sessions.phase(s).code);
            out.writeLong(sessions.phaseDay(s));
            out.writeInt(sessions.phaseBoundary(s));
        }
        out.writeInt(deposits.size());
        for (int p = 0; p < deposits.size(); p++)
        {
            out.writeLong(deposits.free(p));
            out.writeLong(deposits.blocked(p));
            out.writeLong(deposits.feesPaid(p));
        }
        out.writeInt(orders.size() - addressDeals.waiting().size());
        for (final OrderBook book : books)
        {
            writeSide(out, book.bids);
            writeSide(out, book.asks);
        }
        out.writeInt(addressDeals.waiting().size());
        for (final Order o : addressDeals.waiting())
        {
            EngineSnapshot.writeOrder(out, o);
        }
        out.writeInt(lots.all().size());
        for (final Lot lot : lots.all())
        {
            EngineSnapshot.writeLot(out, lot);
        }
    }

    private static void writeSide(final DataOutputStream out, final BookSide side) throws IOException
    {
        for (int rank = 0, n = side.levelCount(); rank < n; rank++)
        {
            for (Order o = side.level(rank).head(); o != null; o = o.next())
            {
                EngineSnapshot.writeOrder(out, o);
            }
        }
    }

    /**
     * Loads a state into a fresh engine's components; returns the sequence of the last command it includes.
     * {@code filledValues}: whether the snapshot's orders carry {@link Order#filledValue} (from version 3 on).
     */
    long read(final DataInputStream in, final boolean filledValues) throws IOException
    {
        if (orders.size() != 0)
        {
            throw new IllegalStateException("a snapshot can only be loaded into a fresh engine");
        }
        final long lastSequence = in.readLong();
        final long nextOrderId = in.readLong();
        final long nextTradeId = in.readLong();
        orders.restoreOrderIds(nextOrderId);
        events.restoreTradeIds(nextTradeId);
        tradingDay.restore(in.readLong());
        final int sections = in.readInt();
        if (sections != sessions.sectionCount())
        {
            throw new IllegalStateException("snapshot has " + sections + " sections, the catalog " +
                sessions.sectionCount());
        }
        for (int s = 0; s < sections; s++)
        {
            sessions.restore(s, Phase.fromCode(in.readByte()), in.readLong(), in.readInt());
        }
        final int participants = in.readInt();
        if (participants != deposits.size())
        {
            throw new IllegalStateException("snapshot has " + participants + " participants, the catalog " +
                deposits.size());
        }
        for (int p = 0; p < participants; p++)
        {
            deposits.restore(p, in.readLong(), in.readLong(), in.readLong());
        }
        final int resting = in.readInt();
        for (int i = 0; i < resting; i++)
        {
            final Order o = readOrder(in, filledValues);
            books[o.instrument].side(o.side).add(o);
        }
        final int address = in.readInt();
        for (int i = 0; i < address; i++)
        {
            addressDeals.restore(readOrder(in, filledValues));
        }
        final int lotCount = in.readInt();
        for (int i = 0; i < lotCount; i++)
        {
            final Lot lot = new Lot();
            EngineSnapshot.readLot(in, lot);
            lots.add(lot);
        }
        return lastSequence;
    }

    private Order readOrder(final DataInputStream in, final boolean filledValues) throws IOException
    {
        final Order o = orders.restore();
        EngineSnapshot.readOrder(in, o, filledValues);
        orders.index(o);
        return o;
    }
}
