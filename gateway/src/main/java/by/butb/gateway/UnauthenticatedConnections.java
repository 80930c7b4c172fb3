package by.butb.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the connections that are open but not logged on, in all and per source address, and admits a new one
 * only within both bounds; a connection is counted from its accept until it is authenticated or closed.
 * Thread-safe.
 */
final class UnauthenticatedConnections
{
    private final int max;
    private final int maxPerAddress;
    private final Map<String, Integer> byAddress = new HashMap<>();
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

    /** Counts a new connection from {@code address}; false (not counted) when a bound is reached. */
    synchronized boolean admit(final String address)
    {
        final int fromAddress = byAddress.getOrDefault(address, 0);
        if (total >= max || fromAddress >= maxPerAddress)
        {
            return false;
        }
        byAddress.put(address, fromAddress + 1);
        total++;
        return true;
    }

    /** A connection admitted from {@code address} is authenticated or closed. */
    synchronized void release(final String address)
    {
        final Integer n = byAddress.get(address);
        if (n == null)
        {
            return;
        }
        if (n == 1)
        {
            byAddress.remove(address);
        }
        else
        {
            byAddress.put(address, n - 1);
        }
        total--;
    }

    synchronized int count()
    {
        return total;
    }
}
