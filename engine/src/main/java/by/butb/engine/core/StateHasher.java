package by.butb.engine.core;

/** An order-sensitive 64-bit digest of a sequence of longs (not cryptographic). */
final class StateHasher
{
    private long hash = 0x9E3779B97F4A7C15L;

    StateHasher add(final long value)
    {
        hash = Long.rotateLeft(hash ^ mix(value), 27) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        return this;
    }

    long value()
    {
        return mix(hash);
    }

    private static long mix(final long v)
    {
        long z = v + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
