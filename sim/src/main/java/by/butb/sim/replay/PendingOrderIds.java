package by.butb.sim.replay;

import by.butb.engine.core.Command;

/**
 * The order ids of plain rows read into commands and not numbered yet. {@link PlainOrderRows} adds each row's id
 * instead of numbering it at once; {@link #number} numbers the ids added, in the order added, as
 * {@link OwnerIds#idOf(byte[], int, int, int)} would have row by row, and sets each command's client order id (and
 * a NEW order's instrument in its owner's table). Call it before the commands are submitted ({@link CommandBatch})
 * and before a row is read another way ({@link OrderFileRows}), so that ids are numbered in the file's order.
 *
 * <p>Why: an owner's table entry for an id is a cache miss, and a load that misses stops the processor within a few
 * hundred instructions, less than a row takes to read. {@link #number} first reads the entry of every id added, in one
 * short loop, so that the misses overlap, and then numbers them from the cache.
 *
 * <p>At most {@link #CAPACITY} ids wait: {@link #add} numbers those waiting when there is no room. Not thread-safe:
 * the reading thread.
 */
final class PendingOrderIds
{
    static final int CAPACITY = CommandBatch.SIZE;
    /** {@link #instruments} of a CANCEL: nothing to set. */
    private static final int NO_INSTRUMENT = Integer.MIN_VALUE;

    private final OwnerIds[] owners = new OwnerIds[CAPACITY];
    private final Command[] commands = new Command[CAPACITY];
    private final int[] hashes = new int[CAPACITY];
    private final int[] lengths = new int[CAPACITY];
    private final int[] instruments = new int[CAPACITY];
    /** {@link OrderFileReader#MAX_ORDER_ID_LENGTH} bytes per id. */
    private final byte[] bytes = new byte[CAPACITY * OrderFileReader.MAX_ORDER_ID_LENGTH];
    private int count;
    /** What the reads ahead of numbering read: kept so that they are not optimised away. */
    private long read;

    /**
     * Adds the id of a NEW order to number into {@code cmd.clientOrderId}, and to note with {@code cmd.instrument}
     * in its owner's table.
     *
     * @param utf8 the id's UTF-8 bytes are {@code utf8[from, from + length)}, at most
     *             {@link OrderFileReader#MAX_ORDER_ID_LENGTH} of them; they are copied.
     * @param hash the bytes' {@link OwnerIds#hash}.
     */
    void addNew(final OwnerIds owner, final Command cmd, final byte[] utf8, final int from, final int length,
        final int hash)
    {
        add(owner, cmd, utf8, from, length, hash, cmd.instrument);
    }

    /** As {@link #addNew}, for a CANCEL: only {@code cmd.clientOrderId} is set. */
    void addCancel(final OwnerIds owner, final Command cmd, final byte[] utf8, final int from, final int length,
        final int hash)
    {
        add(owner, cmd, utf8, from, length, hash, NO_INSTRUMENT);
    }

    /** Numbers the ids waiting, in the order added, and sets their commands' client order ids. */
    void number()
    {
        final int n = count;
        long sum = read;
        for (int i = 0; i < n; i++)
        {
            sum += owners[i].touch(hashes[i]);
        }
        read = sum;
        for (int i = 0; i < n; i++)
        {
            final OwnerIds owner = owners[i];
            final long id = owner.idOf(bytes, i * OrderFileReader.MAX_ORDER_ID_LENGTH, lengths[i], hashes[i]);
            commands[i].clientOrderId = id;
            if (instruments[i] != NO_INSTRUMENT)
            {
                owner.setInstrument(id, instruments[i]);
            }
        }
        count = 0;
    }

    private void add(final OwnerIds owner, final Command cmd, final byte[] utf8, final int from, final int length,
        final int hash, final int instrument)
    {
        if (count == CAPACITY)
        {
            number();
        }
        final int i = count++;
        owners[i] = owner;
        commands[i] = cmd;
        hashes[i] = hash;
        lengths[i] = length;
        instruments[i] = instrument;
        System.arraycopy(utf8, from, bytes, i * OrderFileReader.MAX_ORDER_ID_LENGTH, length);
    }
}
