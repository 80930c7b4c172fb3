package by.butb.engine.lots;

import by.butb.engine.book.OrderKey;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lots the engine holds: every open lot, and the closed lots whose closing time falls on the current trading day
 * (so that a late bid learns that its lot has closed); they are dropped when a new trading day starts,
 * which keeps the state, and snapshots, bounded. Lots are found by exchange id (the lot id) and by their owner's
 * client order id. Engine thread only.
 */
public final class LotRegistry
{
    /** Lots held (open and recently closed), in offer order. */
    private final ArrayList<Lot> lots = new ArrayList<>();
    /** Lots whose auction is still open, in offer order. */
    private final ArrayList<Lot> openLots = new ArrayList<>();
    private final Long2ObjectHashMap<Lot> byId = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Lot> byClientKey = new Long2ObjectHashMap<>();
    /** No open lot closes before this time (epoch nanoseconds); Long.MAX_VALUE when none is open. */
    private long nextClose = Long.MAX_VALUE;
    /** The open lots as a binary min-heap by closing time, then offer order ({@link Lot#offerSequence}). */
    private Lot[] closing = new Lot[64];
    private int closingSize;
    private long offers;

    /** Adds a lot (open, or closed when restored from a snapshot). */
    public void add(final Lot lot)
    {
        lots.add(lot);
        byId.put(lot.lotId, lot);
        byClientKey.put(OrderKey.of(lot.owner, lot.clientOrderId), lot);
        if (!lot.closed)
        {
            openLots.add(lot);
            lot.offerSequence = ++offers;
            pushClosing(lot);
            nextClose = Math.min(nextClose, lot.closeTime);
        }
    }

    /** The held lot with this lot id, or null. */
    public Lot byId(final long lotId)
    {
        return byId.get(lotId);
    }

    /** The held lot of {@code owner} with this client order id, or null (also for an invalid id). */
    public Lot byClientOrderId(final int owner, final long clientOrderId)
    {
        if (byClientKey.isEmpty() || owner < 0 || !OrderKey.isValidClientOrderId(clientOrderId))
        {
            return null;
        }
        return byClientKey.get(OrderKey.of(owner, clientOrderId));
    }

    /** Whether {@code owner} has an open lot with this client order id. */
    public boolean isOpen(final int owner, final long clientOrderId)
    {
        if (nextClose == Long.MAX_VALUE && openLots.isEmpty())
        {
            return false;
        }
        final Lot lot = byClientOrderId(owner, clientOrderId);
        return lot != null && !lot.closed;
    }

    /** No open lot closes before this time; Long.MAX_VALUE when none is open. */
    public long nextClose()
    {
        return nextClose;
    }

    /**
     * Takes out of the open lots, and returns, the one that closes first at or before {@code time} (the first
     * offered among equal closing times), or returns null and updates {@link #nextClose()} when none is due.
     */
    public Lot takeDue(final long time)
    {
        if (closingSize == 0 || closing[0].closeTime > time)
        {
            nextClose = closingSize == 0 ? Long.MAX_VALUE : closing[0].closeTime;
            return null;
        }
        final Lot due = popClosing();
        // Lots mostly close in offer order, so the due one is found near the front.
        for (int i = 0; i < openLots.size(); i++)
        {
            if (openLots.get(i) == due)
            {
                openLots.remove(i);
                break;
            }
        }
        return due;
    }

    private void pushClosing(final Lot lot)
    {
        if (closingSize == closing.length)
        {
            closing = Arrays.copyOf(closing, closing.length * 2);
        }
        int i = closingSize++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!closesBefore(lot, closing[parent]))
            {
                break;
            }
            closing[i] = closing[parent];
            i = parent;
        }
        closing[i] = lot;
    }

    private Lot popClosing()
    {
        final Lot top = closing[0];
        final Lot last = closing[--closingSize];
        closing[closingSize] = null;
        if (closingSize > 0)
        {
            int i = 0;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= closingSize)
                {
                    break;
                }
                if (child + 1 < closingSize && closesBefore(closing[child + 1], closing[child]))
                {
                    child++;
                }
                if (!closesBefore(closing[child], last))
                {
                    break;
                }
                closing[i] = closing[child];
                i = child;
            }
            closing[i] = last;
        }
        return top;
    }

    private static boolean closesBefore(final Lot a, final Lot b)
    {
        return a.closeTime < b.closeTime || a.closeTime == b.closeTime && a.offerSequence < b.offerSequence;
    }

    /** Drops the closed lots that closed before {@code time} (epoch nanoseconds). */
    public void dropClosedBefore(final long time)
    {
        int kept = 0;
        for (int i = 0; i < lots.size(); i++)
        {
            final Lot lot = lots.get(i);
            if (lot.closed && lot.closeTime < time)
            {
                byId.remove(lot.lotId);
                final long key = OrderKey.of(lot.owner, lot.clientOrderId);
                if (byClientKey.get(key) == lot)
                {
                    byClientKey.remove(key);
                }
            }
            else
            {
                lots.set(kept++, lot);
            }
        }
        while (lots.size() > kept)
        {
            lots.remove(lots.size() - 1);
        }
    }

    /** Lots held (open and closed today), in offer order; read only. */
    public List<Lot> all()
    {
        return lots;
    }

    /** Lots whose auction is open, in offer order; read only. */
    public List<Lot> open()
    {
        return openLots;
    }
}
