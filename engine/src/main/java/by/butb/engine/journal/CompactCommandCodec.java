package by.butb.engine.journal;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * Compact layout of {@link Command}s in an input-journal document (format {@link #VERSION}): the document starts
 * with the version byte, then one entry per command, each coded against the previous entry of the same document
 * (the state {@link #reset} clears at every document start, so each document decodes on its own).
 *
 * <p>An entry: a head byte (bits 0-2 the command type code; bit 3 the sequence is not the previous + 1; bit 4
 * instrument and order shape follow; bit 5 a price follows; bit 6 a quantity follows; bit 7 an extension mask follows),
 * [extension mask varint], [sequence: zigzag delta to the previous], time (zigzag delta to the previous entry's time),
 * submitter (zigzag), client order id (zigzag delta to the previous entry's), [instrument (zigzag), shape byte: side
 * bit 0, order type bit 1, time in force bits 2-3], [price: zigzag delta to the last price in the document], [quantity
 * (zigzag)], then the extension fields whose mask bit is set, in bit order: user ref (zigzag delta to the previous
 * entry's), on-behalf-of, exchange order id, new client order id, reject code (ordinal), counterparty, counterparty
 * order id, bid step, close time (zigzag delta to the entry's time). A field that is absent has its
 * {@link Command#clear()} value (user ref: the previous entry's). Every long round-trips exactly, extremes included
 * (deltas wrap in two's complement).
 *
 * <p>An instance holds the coding state of one document: one for writing, another for reading. Allocation-free
 * (errors aside).
 */
final class CompactCommandCodec
{
    static final byte VERSION = 3;
    /** Longest entry: head, 2-byte mask, 16 fields of at most 10 bytes, the shape byte. */
    static final int MAX_LENGTH = 1 + 2 + 16 * VarInts.MAX_LONG_LENGTH + 1;

    private static final int SEQUENCE_JUMP = 1 << 3;
    private static final int SHAPE = 1 << 4;
    private static final int PRICE = 1 << 5;
    private static final int QUANTITY = 1 << 6;
    private static final int EXTENDED = 1 << 7;

    private static final int USER_REF = 1;
    private static final int ON_BEHALF_OF = 1 << 1;
    private static final int EXCHANGE_ORDER_ID = 1 << 2;
    private static final int NEW_CLIENT_ORDER_ID = 1 << 3;
    private static final int REJECT_CODE = 1 << 4;
    private static final int COUNTERPARTY = 1 << 5;
    private static final int COUNTERPARTY_ORDER_ID = 1 << 6;
    private static final int BID_STEP = 1 << 7;
    private static final int CLOSE_TIME = 1 << 8;

    private static final int COMMAND_TYPES = CommandType.values().length;
    private static final int RESULT_CODES = ResultCode.values().length;

    private long previousSequence;
    private long previousTime;
    private long previousPrice;
    private long previousUserRef;
    private long previousClientOrderId;

    /** Clears the coding state; call at the start of every document. */
    void reset()
    {
        previousSequence = -1;
        previousTime = 0;
        previousPrice = 0;
        previousUserRef = 0;
        previousClientOrderId = 0;
    }

    /** Writes {@code c} at {@code position} (at least {@link #MAX_LENGTH} bytes free); returns the end. */
    int encode(final Command c, final byte[] b, final int position)
    {
        int head = c.type.code;
        if (c.sequence != previousSequence + 1)
        {
            head |= SEQUENCE_JUMP;
        }
        final boolean shape = c.instrument != Command.UNKNOWN || c.side != Side.BUY ||
            c.orderType != OrderType.LIMIT || c.timeInForce != TimeInForce.DAY;
        if (shape)
        {
            head |= SHAPE;
        }
        if (c.price != 0)
        {
            head |= PRICE;
        }
        if (c.quantity != 0)
        {
            head |= QUANTITY;
        }
        final int extension = extensionMask(c);
        if (extension != 0)
        {
            head |= EXTENDED;
        }
        int p = position;
        b[p++] = (byte)head;
        if (extension != 0)
        {
            p = VarInts.putUnsigned(b, p, extension);
        }
        if ((head & SEQUENCE_JUMP) != 0)
        {
            p = VarInts.putSigned(b, p, c.sequence - previousSequence);
        }
        previousSequence = c.sequence;
        p = VarInts.putSigned(b, p, c.timeNanos - previousTime);
        previousTime = c.timeNanos;
        p = VarInts.putSigned(b, p, c.submitter);
        p = VarInts.putSigned(b, p, c.clientOrderId - previousClientOrderId);
        previousClientOrderId = c.clientOrderId;
        if (shape)
        {
            p = VarInts.putSigned(b, p, c.instrument);
            b[p++] = (byte)(c.side.code | c.orderType.code << 1 | c.timeInForce.code << 2);
        }
        if (c.price != 0)
        {
            p = VarInts.putSigned(b, p, c.price - previousPrice);
            previousPrice = c.price;
        }
        if (c.quantity != 0)
        {
            p = VarInts.putSigned(b, p, c.quantity);
        }
        if (extension != 0)
        {
            p = encodeExtension(c, extension, b, p);
        }
        return p;
    }

    private int extensionMask(final Command c)
    {
        int mask = 0;
        if (c.userRef != previousUserRef)
        {
            mask |= USER_REF;
        }
        if (c.onBehalfOf != Command.NONE)
        {
            mask |= ON_BEHALF_OF;
        }
        if (c.exchangeOrderId != 0)
        {
            mask |= EXCHANGE_ORDER_ID;
        }
        if (c.newClientOrderId != 0)
        {
            mask |= NEW_CLIENT_ORDER_ID;
        }
        if (c.rejectCode != ResultCode.OK)
        {
            mask |= REJECT_CODE;
        }
        if (c.counterparty != Command.NONE)
        {
            mask |= COUNTERPARTY;
        }
        if (c.counterpartyOrderId != 0)
        {
            mask |= COUNTERPARTY_ORDER_ID;
        }
        if (c.bidStep != 0)
        {
            mask |= BID_STEP;
        }
        if (c.closeTimeNanos != 0)
        {
            mask |= CLOSE_TIME;
        }
        return mask;
    }

    private int encodeExtension(final Command c, final int mask, final byte[] b, final int position)
    {
        int p = position;
        if ((mask & USER_REF) != 0)
        {
            p = VarInts.putSigned(b, p, c.userRef - previousUserRef);
            previousUserRef = c.userRef;
        }
        if ((mask & ON_BEHALF_OF) != 0)
        {
            p = VarInts.putSigned(b, p, c.onBehalfOf);
        }
        if ((mask & EXCHANGE_ORDER_ID) != 0)
        {
            p = VarInts.putSigned(b, p, c.exchangeOrderId);
        }
        if ((mask & NEW_CLIENT_ORDER_ID) != 0)
        {
            p = VarInts.putSigned(b, p, c.newClientOrderId);
        }
        if ((mask & REJECT_CODE) != 0)
        {
            p = VarInts.putUnsigned(b, p, c.rejectCode.ordinal());
        }
        if ((mask & COUNTERPARTY) != 0)
        {
            p = VarInts.putSigned(b, p, c.counterparty);
        }
        if ((mask & COUNTERPARTY_ORDER_ID) != 0)
        {
            p = VarInts.putSigned(b, p, c.counterpartyOrderId);
        }
        if ((mask & BID_STEP) != 0)
        {
            p = VarInts.putSigned(b, p, c.bidStep);
        }
        if ((mask & CLOSE_TIME) != 0)
        {
            p = VarInts.putSigned(b, p, c.closeTimeNanos - c.timeNanos);
        }
        return p;
    }

    /** Reads the next entry of the document {@code in} is on into {@code c} (every field is set). */
    void decode(final EntryReader in, final Command c)
    {
        final int head = in.readByte();
        final int typeCode = head & 0x7;
        if (typeCode >= COMMAND_TYPES)
        {
            throw in.error("unknown command type code " + typeCode);
        }
        c.clear();
        c.type = CommandType.fromCode(typeCode);
        final int extension = (head & EXTENDED) != 0 ? (int)in.readUnsigned() : 0;
        if ((extension & ~0x1FF) != 0)
        {
            throw in.error("unknown command field mask bits " + Integer.toHexString(extension));
        }
        c.sequence = (head & SEQUENCE_JUMP) != 0 ? previousSequence + in.readSigned() : previousSequence + 1;
        previousSequence = c.sequence;
        c.timeNanos = previousTime + in.readSigned();
        previousTime = c.timeNanos;
        c.submitter = in.readInt();
        c.clientOrderId = previousClientOrderId + in.readSigned();
        previousClientOrderId = c.clientOrderId;
        if ((head & SHAPE) != 0)
        {
            c.instrument = in.readInt();
            final int shape = in.readByte();
            if (shape > 0xF)
            {
                throw in.error("unknown order shape " + shape);
            }
            c.side = Side.fromCode(shape & 1);
            c.orderType = OrderType.fromCode(shape >> 1 & 1);
            c.timeInForce = TimeInForce.fromCode(shape >> 2);
        }
        if ((head & PRICE) != 0)
        {
            c.price = previousPrice + in.readSigned();
            previousPrice = c.price;
        }
        if ((head & QUANTITY) != 0)
        {
            c.quantity = in.readSigned();
        }
        if ((extension & USER_REF) != 0)
        {
            previousUserRef += in.readSigned();
        }
        c.userRef = previousUserRef;
        if ((extension & ON_BEHALF_OF) != 0)
        {
            c.onBehalfOf = in.readInt();
        }
        if ((extension & EXCHANGE_ORDER_ID) != 0)
        {
            c.exchangeOrderId = in.readSigned();
        }
        if ((extension & NEW_CLIENT_ORDER_ID) != 0)
        {
            c.newClientOrderId = in.readSigned();
        }
        if ((extension & REJECT_CODE) != 0)
        {
            c.rejectCode = ResultCode.fromOrdinal(in.readCode(RESULT_CODES, "result"));
        }
        if ((extension & COUNTERPARTY) != 0)
        {
            c.counterparty = in.readInt();
        }
        if ((extension & COUNTERPARTY_ORDER_ID) != 0)
        {
            c.counterpartyOrderId = in.readSigned();
        }
        if ((extension & BID_STEP) != 0)
        {
            c.bidStep = in.readSigned();
        }
        if ((extension & CLOSE_TIME) != 0)
        {
            c.closeTimeNanos = c.timeNanos + in.readSigned();
        }
    }
}
