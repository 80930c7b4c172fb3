package by.butb.sim.classroom;

/**
 * The latest state the page shows: the market (published by the engine's logic thread after each CLOCK) and the
 * session (scenario, play state, speed, progress; published by the driver thread). Browsers read it whole
 * ({@link #json}) or wait for the next version ({@link #await}). Thread-safe (one monitor).
 */
final class ViewHub
{
    private String market = "null";
    private String session = "null";
    private long version;

    synchronized void publishMarket(final String json)
    {
        market = json;
        version++;
        notifyAll();
    }

    synchronized void publishSession(final String json)
    {
        session = json;
        version++;
        notifyAll();
    }

    synchronized long version()
    {
        return version;
    }

    /** {"version": n, "session": {...}, "market": {...}}: market is null until the first scenario is loaded. */
    synchronized String json()
    {
        return "{\"version\":" + version + ",\"session\":" + session + ",\"market\":" + market + "}";
    }

    /** Waits until the version differs from {@code seen}, at most {@code timeoutMillis}; returns the version. */
    synchronized long await(final long seen, final long timeoutMillis) throws InterruptedException
    {
        final long end = System.currentTimeMillis() + timeoutMillis;
        long left = timeoutMillis;
        while (version == seen && left > 0)
        {
            wait(left);
            left = end - System.currentTimeMillis();
        }
        return version;
    }
}
