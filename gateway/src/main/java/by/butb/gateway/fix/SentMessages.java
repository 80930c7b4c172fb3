package by.butb.gateway.fix;

/**
 * The last {@code capacity} application messages a session sent, as bytes, by sequence number, for answering
 * ResendRequests; older ones are forgotten (a resend of them is a SequenceReset-GapFill, as with the gateway's
 * QuickFIX/J store). Slots are reused: storing allocates only when a message is longer than its slot's array (a
 * power of two, at least 256 bytes).
 * Not thread-safe: used under the session's lock.
 */
public final class SentMessages
{
    private final int[] sequences;
    private final byte[][] messages;
    private final int[] lengths;

    /** {@code capacity} 0: keeps nothing. */
    public SentMessages(final int capacity)
    {
        sequences = new int[capacity];
        messages = new byte[capacity][];
        lengths = new int[capacity];
    }

    public void store(final int sequence, final byte[] message, final int offset, final int length)
    {
        if (sequences.length == 0)
        {
            return;
        }
        final int slot = Math.floorMod(sequence, sequences.length);
        if (messages[slot] == null || messages[slot].length < length)
        {
            messages[slot] = new byte[Math.max(256, Integer.highestOneBit(length - 1) << 1)];
        }
        System.arraycopy(message, offset, messages[slot], 0, length);
        lengths[slot] = length;
        sequences[slot] = sequence;
    }

    /** The message sent with {@code sequence}, or null when it is not kept; its length is {@link #length}. */
    public byte[] message(final int sequence)
    {
        if (sequences.length == 0 || sequence <= 0)
        {
            return null;
        }
        final int slot = Math.floorMod(sequence, sequences.length);
        return sequences[slot] == sequence ? messages[slot] : null;
    }

    public int length(final int sequence)
    {
        return lengths[Math.floorMod(sequence, sequences.length)];
    }

    public int capacity()
    {
        return sequences.length;
    }

    public void clear()
    {
        java.util.Arrays.fill(sequences, 0);
    }
}
