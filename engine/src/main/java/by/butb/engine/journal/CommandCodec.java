package by.butb.engine.journal;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import net.openhft.chronicle.bytes.Bytes;

/** Fixed binary layout of a {@link Command} in the input journal (version byte first). Allocation-free. */
final class CommandCodec
{
    static final byte VERSION = 2;

    private CommandCodec()
    {
    }

    static void encode(final Command c, final Bytes<?> b)
    {
        b.writeByte(VERSION);
        b.writeLong(c.sequence);
        b.writeByte(c.type.code);
        b.writeLong(c.timeNanos);
        b.writeInt(c.submitter);
        b.writeInt(c.onBehalfOf);
        b.writeLong(c.clientOrderId);
        b.writeLong(c.newClientOrderId);
        b.writeLong(c.exchangeOrderId);
        b.writeInt(c.instrument);
        b.writeByte(c.side.code);
        b.writeByte(c.orderType.code);
        b.writeByte(c.timeInForce.code);
        b.writeLong(c.price);
        b.writeLong(c.quantity);
        b.writeShort((short)c.rejectCode.ordinal());
        b.writeLong(c.userRef);
        b.writeInt(c.counterparty);
        b.writeLong(c.counterpartyOrderId);
        b.writeLong(c.bidStep);
        b.writeLong(c.closeTimeNanos);
    }

    static void decode(final Bytes<?> b, final Command c)
    {
        final byte version = b.readByte();
        if (version != VERSION)
        {
            throw new IllegalStateException("journal entry has version " + version + ", expected " + VERSION);
        }
        c.sequence = b.readLong();
        c.type = CommandType.fromCode(b.readByte());
        c.timeNanos = b.readLong();
        c.submitter = b.readInt();
        c.onBehalfOf = b.readInt();
        c.clientOrderId = b.readLong();
        c.newClientOrderId = b.readLong();
        c.exchangeOrderId = b.readLong();
        c.instrument = b.readInt();
        c.side = Side.fromCode(b.readByte());
        c.orderType = OrderType.fromCode(b.readByte());
        c.timeInForce = TimeInForce.fromCode(b.readByte());
        c.price = b.readLong();
        c.quantity = b.readLong();
        c.rejectCode = ResultCode.fromOrdinal(b.readShort());
        c.userRef = b.readLong();
        c.counterparty = b.readInt();
        c.counterpartyOrderId = b.readLong();
        c.bidStep = b.readLong();
        c.closeTimeNanos = b.readLong();
    }
}
