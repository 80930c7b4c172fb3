package by.butb.engine.journal;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import net.openhft.chronicle.bytes.Bytes;

/** Fixed binary layout of an {@link EngineEvent} in the output journal (version byte first). Allocation-free. */
final class EventCodec
{
    static final byte VERSION = 2;

    private EventCodec()
    {
    }

    static void encode(final EngineEvent e, final Bytes<?> b)
    {
        b.writeByte(VERSION);
        b.writeLong(e.commandSequence);
        b.writeLong(e.userRef);
        b.writeLong(e.timeNanos);
        b.writeByte(e.type.code);
        b.writeShort((short)e.code.ordinal());
        b.writeByte(e.commandType.code);
        b.writeInt(e.instrument);
        b.writeByte(e.side.code);
        b.writeByte(e.orderType.code);
        b.writeByte(e.timeInForce.code);
        b.writeLong(e.price);
        b.writeLong(e.quantity);
        b.writeInt(e.owner);
        b.writeInt(e.submitter);
        b.writeLong(e.clientOrderId);
        b.writeLong(e.exchangeOrderId);
        b.writeLong(e.leaves);
        b.writeLong(e.filled);
        b.writeInt(e.counterparty);
        b.writeInt(e.section);
        b.writeByte(e.phase.code);
        if (e.type == EventType.TRADE)
        {
            b.writeByte(e.tradeKind.code);
            b.writeLong(e.tradeId);
            b.writeInt(e.buyOwner);
            b.writeInt(e.sellOwner);
            b.writeLong(e.buyClientOrderId);
            b.writeLong(e.sellClientOrderId);
            b.writeLong(e.buyOrderId);
            b.writeLong(e.sellOrderId);
            b.writeLong(e.buyLeaves);
            b.writeLong(e.sellLeaves);
            b.writeLong(e.buyFee);
            b.writeLong(e.sellFee);
        }
    }

    static void decode(final Bytes<?> b, final EngineEvent e)
    {
        final byte version = b.readByte();
        if (version != VERSION)
        {
            throw new IllegalStateException("event journal entry has version " + version + ", expected " + VERSION);
        }
        e.commandSequence = b.readLong();
        e.userRef = b.readLong();
        e.timeNanos = b.readLong();
        e.type = EventType.fromCode(b.readByte());
        e.code = ResultCode.fromOrdinal(b.readShort());
        e.commandType = CommandType.fromCode(b.readByte());
        e.instrument = b.readInt();
        e.side = Side.fromCode(b.readByte());
        e.orderType = OrderType.fromCode(b.readByte());
        e.timeInForce = TimeInForce.fromCode(b.readByte());
        e.price = b.readLong();
        e.quantity = b.readLong();
        e.owner = b.readInt();
        e.submitter = b.readInt();
        e.clientOrderId = b.readLong();
        e.exchangeOrderId = b.readLong();
        e.leaves = b.readLong();
        e.filled = b.readLong();
        e.counterparty = b.readInt();
        e.section = b.readInt();
        e.phase = Phase.fromCode(b.readByte());
        if (e.type == EventType.TRADE)
        {
            e.tradeKind = TradeKind.fromCode(b.readByte());
            e.tradeId = b.readLong();
            e.buyOwner = b.readInt();
            e.sellOwner = b.readInt();
            e.buyClientOrderId = b.readLong();
            e.sellClientOrderId = b.readLong();
            e.buyOrderId = b.readLong();
            e.sellOrderId = b.readLong();
            e.buyLeaves = b.readLong();
            e.sellLeaves = b.readLong();
            e.buyFee = b.readLong();
            e.sellFee = b.readLong();
        }
    }
}
