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

/**
 * Compact layout of {@link EngineEvent}s in an output-journal document (format {@link #VERSION}): the version byte,
 * then one entry per event holding only the fields that differ from a reference, as a zigzag varint delta to it
 * (enums: their code). The reference of the order fields is the previous event of the document; that of the trade
 * fields is the document's previous TRADE for a TRADE and the defaults (as {@link #clearToDefaults}) for any other
 * event. {@link #reset} (every document start) sets both references to the defaults, so each document decodes on
 * its own.
 *
 * <p>An entry: a varint mask of the order fields that differ ({@link #ORDER_FIELDS}, bit i = field i, bit 6 =
 * trade fields follow), their values in bit order, then, when bit 6 is set, a varint mask of the trade fields that
 * differ ({@link #TRADE_FIELDS}) and their values. The lot's bid step and closing time that lot events carry are coded
 * with the trade fields (bits 12 and 13; documents without lot events never set them). Every field round-trips
 * exactly, extremes included.
 *
 * <p>An instance holds the coding state of one document: one for writing, another for reading. Allocation-free
 * (errors aside).
 */
final class CompactEventCodec
{
    static final byte VERSION = 3;

    /** Order fields in mask-bit order (bit 6 is the trade-fields flag), for the documentation and the tests. */
    static final String[] ORDER_FIELDS = {
        "commandSequence", "type", "exchangeOrderId", "clientOrderId", "owner", "quantity", "(trade fields follow)",
        "leaves", "filled", "price", "submitter", "side", "timeNanos", "code", "timeInForce", "userRef",
        "commandType", "orderType", "instrument", "counterparty", "section", "phase"};
    /** Trade fields in mask-bit order. */
    static final String[] TRADE_FIELDS = {
        "tradeId", "buyOwner", "sellOwner", "buyClientOrderId", "sellClientOrderId", "buyOrderId", "sellOrderId",
        "buyLeaves", "sellLeaves", "buyFee", "sellFee", "tradeKind", "bidStep", "closeTimeNanos"};

    /** Longest entry: two 4-byte masks, 21 order fields and 14 trade fields of at most 10 bytes. */
    static final int MAX_LENGTH = 4 + 4 + (21 + 14) * VarInts.MAX_LONG_LENGTH;

    private static final int TRADE_BLOCK = 1 << 6;
    private static final int EVENT_TYPES = EventType.values().length;
    private static final int RESULT_CODES = ResultCode.values().length;
    private static final int COMMAND_TYPES = CommandType.values().length;
    private static final int PHASES = Phase.values().length;
    private static final int TRADE_KINDS = TradeKind.values().length;
    private static final int TIME_IN_FORCES = TimeInForce.values().length;

    private static final EngineEvent DEFAULTS = clearToDefaults(new EngineEvent());

    /** Order fields of the previous event; on reading, the whole decoded event. */
    private final EngineEvent previous = new EngineEvent();
    /** Trade fields of the document's previous TRADE. */
    private final EngineEvent previousTrade = new EngineEvent();

    /** The values every reference starts from: those the engine gives a new event before filling it. */
    static EngineEvent clearToDefaults(final EngineEvent e)
    {
        e.commandSequence = 0;
        e.userRef = 0;
        e.timeNanos = 0;
        e.type = EventType.ACCEPTED;
        e.code = ResultCode.OK;
        e.commandType = CommandType.NEW_ORDER;
        e.instrument = 0;
        e.side = Side.BUY;
        e.orderType = OrderType.LIMIT;
        e.timeInForce = TimeInForce.DAY;
        e.price = 0;
        e.quantity = 0;
        e.owner = 0;
        e.submitter = 0;
        e.clientOrderId = 0;
        e.exchangeOrderId = 0;
        e.leaves = 0;
        e.filled = 0;
        e.clearTradeAndPhaseFields();
        return e;
    }

    /** Clears the coding state; call at the start of every document. */
    void reset()
    {
        clearToDefaults(previous);
        clearToDefaults(previousTrade);
    }

    /** Writes {@code e} at {@code position} (at least {@link #MAX_LENGTH} bytes free); returns the end. */
    int encode(final EngineEvent e, final byte[] b, final int position)
    {
        final EngineEvent o = previous;
        final EngineEvent t = e.type == EventType.TRADE ? previousTrade : DEFAULTS;
        final int tradeMask = tradeMask(e, t);
        final int mask = orderMask(e, o) | (tradeMask != 0 ? TRADE_BLOCK : 0);
        int p = VarInts.putUnsigned(b, position, mask);
        if ((mask & 1) != 0)
        {
            p = VarInts.putSigned(b, p, e.commandSequence - o.commandSequence);
            o.commandSequence = e.commandSequence;
        }
        if ((mask & 1 << 1) != 0)
        {
            b[p++] = e.type.code;
            o.type = e.type;
        }
        if ((mask & 1 << 2) != 0)
        {
            p = VarInts.putSigned(b, p, e.exchangeOrderId - o.exchangeOrderId);
            o.exchangeOrderId = e.exchangeOrderId;
        }
        if ((mask & 1 << 3) != 0)
        {
            p = VarInts.putSigned(b, p, e.clientOrderId - o.clientOrderId);
            o.clientOrderId = e.clientOrderId;
        }
        if ((mask & 1 << 4) != 0)
        {
            p = VarInts.putSigned(b, p, (long)e.owner - o.owner);
            o.owner = e.owner;
        }
        if ((mask & 1 << 5) != 0)
        {
            p = VarInts.putSigned(b, p, e.quantity - o.quantity);
            o.quantity = e.quantity;
        }
        if ((mask & 1 << 7) != 0)
        {
            p = VarInts.putSigned(b, p, e.leaves - o.leaves);
            o.leaves = e.leaves;
        }
        if ((mask & 1 << 8) != 0)
        {
            p = VarInts.putSigned(b, p, e.filled - o.filled);
            o.filled = e.filled;
        }
        if ((mask & 1 << 9) != 0)
        {
            p = VarInts.putSigned(b, p, e.price - o.price);
            o.price = e.price;
        }
        if ((mask & 1 << 10) != 0)
        {
            p = VarInts.putSigned(b, p, (long)e.submitter - o.submitter);
            o.submitter = e.submitter;
        }
        if ((mask & 1 << 11) != 0)
        {
            b[p++] = e.side.code;
            o.side = e.side;
        }
        if ((mask & 1 << 12) != 0)
        {
            p = VarInts.putSigned(b, p, e.timeNanos - o.timeNanos);
            o.timeNanos = e.timeNanos;
        }
        if ((mask & ~0xFFF) != 0)
        {
            p = encodeRareOrderFields(e, mask, b, p);
        }
        if (tradeMask != 0)
        {
            p = encodeTradeFields(e, t, tradeMask, b, p);
        }
        if (e.type == EventType.TRADE)
        {
            copyTradeFields(e, previousTrade);
        }
        return p;
    }

    private static int orderMask(final EngineEvent e, final EngineEvent o)
    {
        int m = 0;
        m |= e.commandSequence != o.commandSequence ? 1 : 0;
        m |= e.type != o.type ? 1 << 1 : 0;
        m |= e.exchangeOrderId != o.exchangeOrderId ? 1 << 2 : 0;
        m |= e.clientOrderId != o.clientOrderId ? 1 << 3 : 0;
        m |= e.owner != o.owner ? 1 << 4 : 0;
        m |= e.quantity != o.quantity ? 1 << 5 : 0;
        m |= e.leaves != o.leaves ? 1 << 7 : 0;
        m |= e.filled != o.filled ? 1 << 8 : 0;
        m |= e.price != o.price ? 1 << 9 : 0;
        m |= e.submitter != o.submitter ? 1 << 10 : 0;
        m |= e.side != o.side ? 1 << 11 : 0;
        m |= e.timeNanos != o.timeNanos ? 1 << 12 : 0;
        m |= e.code != o.code ? 1 << 13 : 0;
        m |= e.timeInForce != o.timeInForce ? 1 << 14 : 0;
        m |= e.userRef != o.userRef ? 1 << 15 : 0;
        m |= e.commandType != o.commandType ? 1 << 16 : 0;
        m |= e.orderType != o.orderType ? 1 << 17 : 0;
        m |= e.instrument != o.instrument ? 1 << 18 : 0;
        m |= e.counterparty != o.counterparty ? 1 << 19 : 0;
        m |= e.section != o.section ? 1 << 20 : 0;
        m |= e.phase != o.phase ? 1 << 21 : 0;
        return m;
    }

    private int encodeRareOrderFields(final EngineEvent e, final int mask, final byte[] b, final int position)
    {
        final EngineEvent o = previous;
        int p = position;
        if ((mask & 1 << 13) != 0)
        {
            p = VarInts.putUnsigned(b, p, e.code.ordinal());
            o.code = e.code;
        }
        if ((mask & 1 << 14) != 0)
        {
            b[p++] = e.timeInForce.code;
            o.timeInForce = e.timeInForce;
        }
        if ((mask & 1 << 15) != 0)
        {
            p = VarInts.putSigned(b, p, e.userRef - o.userRef);
            o.userRef = e.userRef;
        }
        if ((mask & 1 << 16) != 0)
        {
            b[p++] = e.commandType.code;
            o.commandType = e.commandType;
        }
        if ((mask & 1 << 17) != 0)
        {
            b[p++] = e.orderType.code;
            o.orderType = e.orderType;
        }
        if ((mask & 1 << 18) != 0)
        {
            p = VarInts.putSigned(b, p, (long)e.instrument - o.instrument);
            o.instrument = e.instrument;
        }
        if ((mask & 1 << 19) != 0)
        {
            p = VarInts.putSigned(b, p, (long)e.counterparty - o.counterparty);
            o.counterparty = e.counterparty;
        }
        if ((mask & 1 << 20) != 0)
        {
            p = VarInts.putSigned(b, p, (long)e.section - o.section);
            o.section = e.section;
        }
        if ((mask & 1 << 21) != 0)
        {
            b[p++] = e.phase.code;
            o.phase = e.phase;
        }
        return p;
    }

    private static int encodeTradeFields(final EngineEvent e, final EngineEvent t, final int mask, final byte[] b,
        final int position)
    {
        int p = VarInts.putUnsigned(b, position, mask);
        if ((mask & 1) != 0)
        {
            p = VarInts.putSigned(b, p, e.tradeId - t.tradeId);
        }
        if ((mask & 1 << 1) != 0)
        {
            p = VarInts.putSigned(b, p, (long)e.buyOwner - t.buyOwner);
        }
        if ((mask & 1 << 2) != 0)
        {
            p = VarInts.putSigned(b, p, (long)e.sellOwner - t.sellOwner);
        }
        if ((mask & 1 << 3) != 0)
        {
            p = VarInts.putSigned(b, p, e.buyClientOrderId - t.buyClientOrderId);
        }
        if ((mask & 1 << 4) != 0)
        {
            p = VarInts.putSigned(b, p, e.sellClientOrderId - t.sellClientOrderId);
        }
        if ((mask & 1 << 5) != 0)
        {
            p = VarInts.putSigned(b, p, e.buyOrderId - t.buyOrderId);
        }
        if ((mask & 1 << 6) != 0)
        {
            p = VarInts.putSigned(b, p, e.sellOrderId - t.sellOrderId);
        }
        if ((mask & 1 << 7) != 0)
        {
            p = VarInts.putSigned(b, p, e.buyLeaves - t.buyLeaves);
        }
        if ((mask & 1 << 8) != 0)
        {
            p = VarInts.putSigned(b, p, e.sellLeaves - t.sellLeaves);
        }
        if ((mask & 1 << 9) != 0)
        {
            p = VarInts.putSigned(b, p, e.buyFee - t.buyFee);
        }
        if ((mask & 1 << 10) != 0)
        {
            p = VarInts.putSigned(b, p, e.sellFee - t.sellFee);
        }
        if ((mask & 1 << 11) != 0)
        {
            b[p++] = e.tradeKind.code;
        }
        if ((mask & 1 << 12) != 0)
        {
            p = VarInts.putSigned(b, p, e.bidStep - t.bidStep);
        }
        if ((mask & 1 << 13) != 0)
        {
            p = VarInts.putSigned(b, p, e.closeTimeNanos - t.closeTimeNanos);
        }
        return p;
    }

    private static void copyTradeFields(final EngineEvent from, final EngineEvent to)
    {
        to.tradeId = from.tradeId;
        to.buyOwner = from.buyOwner;
        to.sellOwner = from.sellOwner;
        to.buyClientOrderId = from.buyClientOrderId;
        to.sellClientOrderId = from.sellClientOrderId;
        to.buyOrderId = from.buyOrderId;
        to.sellOrderId = from.sellOrderId;
        to.buyLeaves = from.buyLeaves;
        to.sellLeaves = from.sellLeaves;
        to.buyFee = from.buyFee;
        to.sellFee = from.sellFee;
        to.tradeKind = from.tradeKind;
        to.bidStep = from.bidStep;
        to.closeTimeNanos = from.closeTimeNanos;
    }

    /** Reads the next entry of the document {@code in} is on into {@code e} (every field is set). */
    void decode(final EntryReader in, final EngineEvent e)
    {
        final long mask = in.readUnsigned();
        if ((mask & ~((1L << 22) - 1)) != 0)
        {
            throw in.error("unknown event field mask bits " + Long.toHexString(mask));
        }
        final EngineEvent o = previous;
        if ((mask & 1) != 0)
        {
            o.commandSequence += in.readSigned();
        }
        if ((mask & 1 << 1) != 0)
        {
            o.type = EventType.fromCode(in.readCode(EVENT_TYPES, "event type"));
        }
        if ((mask & 1 << 2) != 0)
        {
            o.exchangeOrderId += in.readSigned();
        }
        if ((mask & 1 << 3) != 0)
        {
            o.clientOrderId += in.readSigned();
        }
        if ((mask & 1 << 4) != 0)
        {
            o.owner = intField(in, o.owner);
        }
        if ((mask & 1 << 5) != 0)
        {
            o.quantity += in.readSigned();
        }
        if ((mask & 1 << 7) != 0)
        {
            o.leaves += in.readSigned();
        }
        if ((mask & 1 << 8) != 0)
        {
            o.filled += in.readSigned();
        }
        if ((mask & 1 << 9) != 0)
        {
            o.price += in.readSigned();
        }
        if ((mask & 1 << 10) != 0)
        {
            o.submitter = intField(in, o.submitter);
        }
        if ((mask & 1 << 11) != 0)
        {
            o.side = Side.fromCode(in.readCode(2, "side"));
        }
        if ((mask & 1 << 12) != 0)
        {
            o.timeNanos += in.readSigned();
        }
        if ((mask & ~0x1FFFL) != 0)
        {
            decodeRareOrderFields(in, mask, o);
        }
        copyTradeFields(o.type == EventType.TRADE ? previousTrade : DEFAULTS, o);
        if ((mask & TRADE_BLOCK) != 0)
        {
            decodeTradeFields(in, o);
        }
        if (o.type == EventType.TRADE)
        {
            copyTradeFields(o, previousTrade);
        }
        e.copyFrom(o);
    }

    /** Reads the order fields of mask bits 13 and up (those that seldom change) into {@code o}. */
    private static void decodeRareOrderFields(final EntryReader in, final long mask, final EngineEvent o)
    {
        if ((mask & 1 << 13) != 0)
        {
            o.code = ResultCode.fromOrdinal(in.readCode(RESULT_CODES, "result"));
        }
        if ((mask & 1 << 14) != 0)
        {
            o.timeInForce = TimeInForce.fromCode(in.readCode(TIME_IN_FORCES, "time in force"));
        }
        if ((mask & 1 << 15) != 0)
        {
            o.userRef += in.readSigned();
        }
        if ((mask & 1 << 16) != 0)
        {
            o.commandType = CommandType.fromCode(in.readCode(COMMAND_TYPES, "command type"));
        }
        if ((mask & 1 << 17) != 0)
        {
            o.orderType = OrderType.fromCode(in.readCode(2, "order type"));
        }
        if ((mask & 1 << 18) != 0)
        {
            o.instrument = intField(in, o.instrument);
        }
        if ((mask & 1 << 19) != 0)
        {
            o.counterparty = intField(in, o.counterparty);
        }
        if ((mask & 1 << 20) != 0)
        {
            o.section = intField(in, o.section);
        }
        if ((mask & 1 << 21) != 0)
        {
            o.phase = Phase.fromCode(in.readCode(PHASES, "phase"));
        }
    }

    /** Reads the trade fields that differ from the reference already in {@code o}. */
    private static void decodeTradeFields(final EntryReader in, final EngineEvent o)
    {
        final long mask = in.readUnsigned();
        if ((mask & ~0x3FFFL) != 0)
        {
            throw in.error("unknown trade field mask bits " + Long.toHexString(mask));
        }
        if ((mask & 1) != 0)
        {
            o.tradeId += in.readSigned();
        }
        if ((mask & 1 << 1) != 0)
        {
            o.buyOwner = intField(in, o.buyOwner);
        }
        if ((mask & 1 << 2) != 0)
        {
            o.sellOwner = intField(in, o.sellOwner);
        }
        if ((mask & 1 << 3) != 0)
        {
            o.buyClientOrderId += in.readSigned();
        }
        if ((mask & 1 << 4) != 0)
        {
            o.sellClientOrderId += in.readSigned();
        }
        if ((mask & 1 << 5) != 0)
        {
            o.buyOrderId += in.readSigned();
        }
        if ((mask & 1 << 6) != 0)
        {
            o.sellOrderId += in.readSigned();
        }
        if ((mask & 1 << 7) != 0)
        {
            o.buyLeaves += in.readSigned();
        }
        if ((mask & 1 << 8) != 0)
        {
            o.sellLeaves += in.readSigned();
        }
        if ((mask & 1 << 9) != 0)
        {
            o.buyFee += in.readSigned();
        }
        if ((mask & 1 << 10) != 0)
        {
            o.sellFee += in.readSigned();
        }
        if ((mask & 1 << 11) != 0)
        {
            o.tradeKind = TradeKind.fromCode(in.readCode(TRADE_KINDS, "trade kind"));
        }
        if ((mask & 1 << 12) != 0)
        {
            o.bidStep += in.readSigned();
        }
        if ((mask & 1 << 13) != 0)
        {
            o.closeTimeNanos += in.readSigned();
        }
    }

    /** An int field coded as a delta to its reference: the sum must fit an int. */
    private static int intField(final EntryReader in, final int reference)
    {
        final long value = reference + in.readSigned();
        if (value != (int)value)
        {
            throw in.error("value " + value + " does not fit an int field");
        }
        return (int)value;
    }

    private static int tradeMask(final EngineEvent e, final EngineEvent t)
    {
        int m = 0;
        m |= e.tradeId != t.tradeId ? 1 : 0;
        m |= e.buyOwner != t.buyOwner ? 1 << 1 : 0;
        m |= e.sellOwner != t.sellOwner ? 1 << 2 : 0;
        m |= e.buyClientOrderId != t.buyClientOrderId ? 1 << 3 : 0;
        m |= e.sellClientOrderId != t.sellClientOrderId ? 1 << 4 : 0;
        m |= e.buyOrderId != t.buyOrderId ? 1 << 5 : 0;
        m |= e.sellOrderId != t.sellOrderId ? 1 << 6 : 0;
        m |= e.buyLeaves != t.buyLeaves ? 1 << 7 : 0;
        m |= e.sellLeaves != t.sellLeaves ? 1 << 8 : 0;
        m |= e.buyFee != t.buyFee ? 1 << 9 : 0;
        m |= e.sellFee != t.sellFee ? 1 << 10 : 0;
        m |= e.tradeKind != t.tradeKind ? 1 << 11 : 0;
        m |= e.bidStep != t.bidStep ? 1 << 12 : 0;
        m |= e.closeTimeNanos != t.closeTimeNanos ? 1 << 13 : 0;
        return m;
    }
}
