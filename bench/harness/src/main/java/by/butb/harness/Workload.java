package by.butb.harness;

/**
 * One cycle of a generated order flow as primitive arrays, as written by {@link WorkloadFile}: what both engines
 * of the comparison replay. Command {@code i}: {@code kind[i]} is {@link #NEW} or {@link #CANCEL}; a NEW has
 * {@code side[i]} ({@link #BUY}, {@link #SELL}), {@code tif[i]} ({@link #DAY}, {@link #GTC}, {@link #IOC}),
 * {@code price[i]} in price minor units (e.g. cents) and {@code quantity[i]} in quantity minor units (a multiple
 * of {@link #lot}); both kinds name {@code participant[i]} (0-based) and its order {@code localId[i]} (unique per
 * participant within a cycle). Cycle {@code c} of an endless replay uses client order id
 * {@code c * idStride + localId[i]}; see {@link Replay}.
 *
 * <p>Immutable by convention: the arrays are shared, never written after construction.
 */
public final class Workload
{
    public static final byte NEW = 0;
    public static final byte CANCEL = 1;
    public static final byte BUY = 0;
    public static final byte SELL = 1;
    public static final byte DAY = 0;
    public static final byte GTC = 1;
    public static final byte IOC = 2;

    public final long seed;
    public final int participants;
    public final int buildUpLength;
    public final int drainLength;
    public final long idStride;
    /** Quantity minor units per lot (1,000 for 1 t at quantity scale 3). */
    public final long lot;
    public final byte[] kind;
    public final byte[] side;
    public final byte[] tif;
    public final int[] participant;
    public final int[] localId;
    public final long[] price;
    public final long[] quantity;

    public Workload(final long seed, final int participants, final int buildUpLength, final int drainLength,
        final long idStride, final long lot, final byte[] kind, final byte[] side, final byte[] tif,
        final int[] participant, final int[] localId, final long[] price, final long[] quantity)
    {
        final int n = kind.length;
        if (side.length != n || tif.length != n || participant.length != n || localId.length != n ||
            price.length != n || quantity.length != n)
        {
            throw new IllegalArgumentException("workload arrays differ in length");
        }
        if (n == 0 || participants < 1 || idStride < 1 || lot < 1 || buildUpLength < 0 || drainLength < 0 ||
            buildUpLength + drainLength > n)
        {
            throw new IllegalArgumentException("invalid workload: " + n + " commands, " + participants +
                " participants, idStride " + idStride + ", lot " + lot);
        }
        this.seed = seed;
        this.participants = participants;
        this.buildUpLength = buildUpLength;
        this.drainLength = drainLength;
        this.idStride = idStride;
        this.lot = lot;
        this.kind = kind;
        this.side = side;
        this.tif = tif;
        this.participant = participant;
        this.localId = localId;
        this.price = price;
        this.quantity = quantity;
    }

    /** Commands in one cycle. */
    public int length()
    {
        return kind.length;
    }

    /** One whole cycle plus the next build-up: brings an engine to its steady depth with warm pools and JIT. */
    public long warmUpCommands()
    {
        return (long)length() + buildUpLength;
    }

    /** Counts of each command kind in one cycle: {NEW limit DAY/GTC, NEW IOC, CANCEL}. */
    public long[] mix()
    {
        final long[] m = new long[3];
        for (int i = 0; i < kind.length; i++)
        {
            m[kind[i] == CANCEL ? 2 : tif[i] == IOC ? 1 : 0]++;
        }
        return m;
    }

    /**
     * A position in the endless loop over the cycle. Single-threaded, allocation-free: {@link #advance()} moves to
     * the next command and the fields describe it.
     */
    public static final class Replay
    {
        private final Workload w;
        private int next;
        private long idBase = -1;
        /** Index in the cycle of the current command. */
        public int index;
        /** Client order id of the current command: {@code cycle * idStride + localId}. */
        public long clientOrderId;
        /** Cycle of the current command, from 0. */
        public long cycle;

        public Replay(final Workload w)
        {
            this.w = w;
        }

        public Workload workload()
        {
            return w;
        }

        /** Moves to the next command (the first call: command 0 of cycle 0). */
        public void advance()
        {
            final int i = next;
            if (i == 0)
            {
                idBase++;
            }
            index = i;
            cycle = idBase;
            clientOrderId = idBase * w.idStride + w.localId[i];
            next = i + 1 == w.kind.length ? 0 : i + 1;
        }
    }
}
