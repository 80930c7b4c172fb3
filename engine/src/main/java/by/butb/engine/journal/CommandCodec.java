package by.butb.engine.journal;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import java.nio.ByteBuffer;

/**
 * Fixed layout of a {@link Command} in the input journal (version byte first). The buffer must be little-endian.
 * Allocation-free.
 */
final class CommandCodec
{
    static final byte VERSION = 2;
    static final int LENGTH = 111;

    private CommandCodec()
    {
    }

    /** Writes at {@code offset}; returns the length written ({@link #LENGTH}). */
    static int encode(final Command c, final ByteBuffer b, final int offset)
    {
        b.put(offset, VERSION);
        b.putLong(offset + 1, c.sequence);
        b.put(offset + 9, c.type.code);
        b.putLong(offset + 10, c.timeNanos);
        b.putInt(offset + 18, c.submitter);
        b.putInt(offset + 22, c.onBehalfOf);
        b.putLong(offset + 26, c.clientOrderId);
        b.putLong(offset + 34, c.newClientOrderId);
        b.putLong(offset + 42, c.exchangeOrderId);
        b.putInt(offset + 50, c.instrument);
        b.put(offset + 54, c.side.code);
        b.put(offset + 55, c.orderType.code);
        b.put(offset + 56, c.timeInForce.code);
        b.putLong(offset + 57, c.price);
        b.putLong(offset + 65, c.quantity);
        b.putShort(offset + 73, (short)c.rejectCode.ordinal());
        b.putLong(offset + 75, c.userRef);
        b.putInt(offset + 83, c.counterparty);
        b.putLong(offset + 87, c.counterpartyOrderId);
        b.putLong(offset + 95, c.bidStep);
        b.putLong(offset + 103, c.closeTimeNanos);
        return LENGTH;
    }

    /** Reads at {@code offset}; returns the length read. */
    static int decode(final ByteBuffer b, final int offset, final Command c)
    {
        final byte version = b.get(offset);
        if (version != VERSION)
        {
            throw new IllegalStateException("journal entry has version " + version + ", expected " + VERSION);
        }
        c.sequence = b.getLong(offset + 1);
        c.type = CommandType.fromCode(b.get(offset + 9));
        c.timeNanos = b.getLong(offset + 10);
        c.submitter = b.getInt(offset + 18);
        c.onBehalfOf = b.getInt(offset + 22);
        c.clientOrderId = b.getLong(offset + 26);
        c.newClientOrderId = b.getLong(offset + 34);
        c.exchangeOrderId = b.getLong(offset + 42);
        c.instrument = b.getInt(offset + 50);
        c.side = Side.fromCode(b.get(offset + 54));
        c.orderType = OrderType.fromCode(b.get(offset + 55));
        c.timeInForce = TimeInForce.fromCode(b.get(offset + 56));
        c.price = b.getLong(offset + 57);
        c.quantity = b.getLong(offset + 65);
        c.rejectCode = ResultCode.fromOrdinal(b.getShort(offset + 73));
        c.userRef = b.getLong(offset + 75);
        c.counterparty = b.getInt(offset + 83);
        c.counterpartyOrderId = b.getLong(offset + 87);
        c.bidStep = b.getLong(offset + 95);
        c.closeTimeNanos = b.getLong(offset + 103);
        return LENGTH;
    }
}
