package by.butb.gateway;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the connections that are open but not logged on, in all and per source address, and admits a new one
 * only within both bounds; a connection holds its {@link Place} from its accept until it is authenticated or closed.
 * When all places are taken, a connection from an address that holds at least two fewer of them than the fullest
 * address takes the place of that address's oldest connection, which is closed ({@link Place#onEvict}): a few
 * addresses cannot fill the places and keep everyone else out; that takes as many addresses as there are places.
 * Thread-safe.
 */
final class UnauthenticatedConnections
{
    /** One connection's place. */
    static final class Place
    {
        final String address;
        private Runnable close;
        private boolean evicted;

        private Place(final String address)
        {
            this.address = address;
        }

        /**
         * How to close the connection when another address's takes its place: {@code close} runs on the thread of
         * that {@link #admit}, or here at once when the place was taken already; it must not block, and must leave a
         * connection that logged on meanwhile alone. Any thread.
         */
        void onEvict(final Runnable close)
        {
            final boolean now;
            synchronized (this)
            {
                this.close = close;
                now = evicted;
            }
            if (now)
            {
                close.run();
            }
        }

        private void evict()
        {
            final Runnable action;
            synchronized (this)
            {
                evicted = true;
                action = close;
            }
            if (action != null)
            {
                action.run();
            }
        }
    }

    private final int max;
    private final int maxPerAddress;
    /** Each address's places, oldest first. */
    private final Map<String, ArrayDeque<Place>> byAddress = new HashMap<>();
    private int total;

    UnauthenticatedConnections(final int max, final int maxPerAddress)
    {
        if (max < 1 || maxPerAddress < 1)
        {
            throw new IllegalArgumentException("the bounds on connections not logged on must be positive, got " +
                max + " and " + maxPerAddress + " per address");
        }
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * A place for a new connection from {@code address}, or null (nothing counted) when its address holds the most it
     * may, or every place is taken and no address holds two more than it does. May close another connection.
     */
    Place admit(final String address)
    {
        final Place place = new Place(address);
        final Place evicted;
        synchronized (this)
        {
            final ArrayDeque<Place> own = byAddress.get(address);
            final int fromAddress = own == null ? 0 : own.size();
            if (fromAddress >= maxPerAddress)
            {
                return null;
            }
            evicted = total >= max ? takeFromFullest(fromAddress) : null;
            if (total >= max && evicted == null)
            {
                return null;
            }
            byAddress.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(place);
            total++;
        }
        if (evicted != null)
        {
            evicted.evict();
        }
        return place;
    }

    /** Removes and returns the oldest place of the address holding the most, if it holds two more than {@code own}. */
    private Place takeFromFullest(final int own)
    {
        ArrayDeque<Place> fullest = null;
        for (final ArrayDeque<Place> places : byAddress.values())
        {
            if (fullest == null || places.size() > fullest.size())
            {
                fullest = places;
            }
        }
        if (fullest == null || fullest.size() < own + 2)
        {
            return null;
        }
        final Place oldest = fullest.pollFirst();
        forget(oldest.address, fullest);
        return oldest;
    }

    /** {@code place}'s connection is authenticated or closed; nothing when its place was taken already. */
    synchronized void release(final Place place)
    {
        final ArrayDeque<Place> places = byAddress.get(place.address);
        if (places != null && places.remove(place))
        {
            forget(place.address, places);
        }
    }

    /** One place of {@code address} is gone from {@code places}. */
    private void forget(final String address, final ArrayDeque<Place> places)
    {
        if (places.isEmpty())
        {
            byAddress.remove(address);
        }
        total--;
    }

    synchronized int count()
    {
        return total;
    }
}
