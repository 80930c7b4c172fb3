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
import java.nio.ByteBuffer;

/**
 * The fixed layout of an {@link EngineEvent} in output journals written before {@link CompactEventCodec} (version
 * byte first): {@link #ORDER_LENGTH} bytes, plus {@link #TRADE_EXTRA} for a TRADE. Read only, so that such a data
 * directory stays usable. The buffer must be little-endian. Allocation-free.
 */
final class EventCodec
{
    static final byte VERSION = 2;
    static final int ORDER_LENGTH = 108;
    static final int TRADE_EXTRA = 81;
    static final int MAX_LENGTH = ORDER_LENGTH + TRADE_EXTRA;

    private EventCodec()
    {
    }

    /** Reads at {@code offset}; returns the length read. */
    static int decode(final ByteBuffer b, final int offset, final EngineEvent e)
    {
        final byte version = b.get(offset);
        if (version != VERSION)
        {
            throw new IllegalStateException("event journal entry has version " + version + ", expected " + VERSION);
        }
        e.commandSequence = b.getLong(offset + 1);
        e.userRef = b.getLong(offset + 9);
        e.timeNanos = b.getLong(offset + 17);
        e.type = EventType.fromCode(b.get(offset + 25));
        e.code = ResultCode.fromOrdinal(b.getShort(offset + 26));
        e.commandType = CommandType.fromCode(b.get(offset + 28));
        e.instrument = b.getInt(offset + 29);
        e.side = Side.fromCode(b.get(offset + 33));
        e.orderType = OrderType.fromCode(b.get(offset + 34));
        e.timeInForce = TimeInForce.fromCode(b.get(offset + 35));
        e.price = b.getLong(offset + 36);
        e.quantity = b.getLong(offset + 44);
        e.owner = b.getInt(offset + 52);
        e.submitter = b.getInt(offset + 56);
        e.clientOrderId = b.getLong(offset + 60);
        e.exchangeOrderId = b.getLong(offset + 68);
        e.leaves = b.getLong(offset + 76);
        e.filled = b.getLong(offset + 84);
        e.counterparty = b.getInt(offset + 92);
        e.section = b.getInt(offset + 96);
        e.phase = Phase.fromCode(b.get(offset + 100));
        if (e.type != EventType.TRADE)
        {
            return ORDER_LENGTH;
        }
        final int t = offset + ORDER_LENGTH;
        e.tradeKind = TradeKind.fromCode(b.get(t));
        e.tradeId = b.getLong(t + 1);
        e.buyOwner = b.getInt(t + 9);
        e.sellOwner = b.getInt(t + 13);
        e.buyClientOrderId = b.getLong(t + 17);
        e.sellClientOrderId = b.getLong(t + 25);
        e.buyOrderId = b.getLong(t + 33);
        e.sellOrderId = b.getLong(t + 41);
        e.buyLeaves = b.getLong(t + 49);
        e.sellLeaves = b.getLong(t + 57);
        e.buyFee = b.getLong(t + 65);
        e.sellFee = b.getLong(t + 73);
        return ORDER_LENGTH + TRADE_EXTRA;
    }
}
