package by.butb.gateway;

import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import quickfix.field.BusinessRejectReason;

/**
 * Reading the fields of an order message (NewOrderSingle, OrderCancelReplaceRequest): side, time in force,
 * quantity and price in the instrument's scales, order ids, required and unsupported tags. A field this exchange
 * does not support throws {@link Unsupported}; a value the engine must judge marks the {@link Request} invalid with
 * its result code. Functions; any thread.
 */
final class OrderFields
{
    /** Tags of NewOrderSingle/OrderCancelReplaceRequest that ask for something this exchange does not do. */
    private static final int[] UNSUPPORTED_ORDER_TAGS = {
        99,   // StopPx
        110,  // MinQty
        111,  // MaxFloor
        126,  // ExpireTime
        432,  // ExpireDate
        18,   // ExecInst
        1138, // DisplayQty
        210,  // MaxShow
        211,  // PegOffsetValue
        388,  // DiscretionInst
    };

    /** A lot offer or bid lives until the auction closes: TimeInForce(59) absent or 1 (GTC). */
    static TimeInForce lotTimeInForce(final OrderMessage m, final String clOrdId) throws Unsupported
    {
        if (m.has(quickfix.field.TimeInForce.FIELD) &&
            m.charValue(quickfix.field.TimeInForce.FIELD) != quickfix.field.TimeInForce.GOOD_TILL_CANCEL)
        {
            throw new Unsupported("TimeInForce(59) of a lot offer or bid must be 1 (GTC) or absent: it lives " +
                "until the auction closes", clOrdId);
        }
        return TimeInForce.GTC;
    }

    /** A tag this exchange does not support is refused; {@code allowed} (e.g. ExpireTime on a lot offer) passes. */
    static void checkUnsupportedTags(final OrderMessage m, final String clOrdId, final int allowed)
        throws Unsupported
    {
        for (final int tag : UNSUPPORTED_ORDER_TAGS)
        {
            if (tag != allowed && m.has(tag))
            {
                throw new Unsupported("tag " + tag + " is not supported by this exchange", clOrdId);
            }
        }
    }

    /** {@code value}, the field {@code name(tag)} as read; a BusinessMessageReject when it is null (absent). */
    static <T extends CharSequence> T required(final T value, final int tag, final String name, final String clOrdId)
        throws Unsupported
    {
        if (value == null)
        {
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                name + "(" + tag + ") is required", clOrdId);
        }
        return value;
    }

    static Side side(final char fixSide, final String clOrdId) throws Unsupported
    {
        return switch (fixSide)
        {
            case quickfix.field.Side.BUY -> Side.BUY;
            case quickfix.field.Side.SELL -> Side.SELL;
            default -> throw new Unsupported("Side(54)=" + fixSide + " is not supported: use 1 (buy) or 2 (sell)",
                clOrdId);
        };
    }

    /** TimeInForce(59) of {@code m}, DAY when absent. */
    static TimeInForce timeInForce(final OrderMessage m, final String clOrdId) throws Unsupported
    {
        return m.has(quickfix.field.TimeInForce.FIELD) ?
            timeInForce(m.charValue(quickfix.field.TimeInForce.FIELD), clOrdId) : TimeInForce.DAY;
    }

    /**
     * An OrderCancelReplaceRequest (G) changes only a resting limit order, and keeps it resting: OrdType(40) must be
     * limit and the new TimeInForce(59) ({@code tif}, DAY when absent) one that rests.
     */
    static void checkReplaceable(final char ordType, final TimeInForce tif, final String clOrdId) throws Unsupported
    {
        if (ordType != quickfix.field.OrdType.LIMIT)
        {
            throw new Unsupported("OrdType(40)=" + ordType + " cannot be replaced: only limit orders rest", clOrdId);
        }
        if (!tif.rests())
        {
            throw new Unsupported("TimeInForce(59) of a resting order cannot change to IOC or FOK", clOrdId);
        }
    }

    /** The answer to a limit order (or a lot offer or bid, {@code lot}) without Price(44). */
    static Unsupported missingLimitPrice(final String clOrdId, final boolean lot)
    {
        return new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
            "Price(44) is required for a limit order" + (lot ? ", a lot offer and a lot bid" : ""), clOrdId);
    }

    /** OrdType(40) = {@code ordType}: 1 (market) or 2 (limit). */
    static OrderType orderType(final char ordType, final String clOrdId) throws Unsupported
    {
        return switch (ordType)
        {
            case quickfix.field.OrdType.LIMIT -> OrderType.LIMIT;
            case quickfix.field.OrdType.MARKET -> OrderType.MARKET;
            default -> throw new Unsupported(
                "OrdType(40)=" + ordType + " is not supported: use 1 (market) or 2 (limit)", clOrdId);
        };
    }

    /** TimeInForce(59) = {@code tif}, present. */
    static TimeInForce timeInForce(final char tif, final String clOrdId) throws Unsupported
    {
        return switch (tif)
        {
            case quickfix.field.TimeInForce.DAY -> TimeInForce.DAY;
            case quickfix.field.TimeInForce.GOOD_TILL_CANCEL -> TimeInForce.GTC;
            case quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
            case quickfix.field.TimeInForce.FILL_OR_KILL -> TimeInForce.FOK;
            default -> throw new Unsupported("TimeInForce(59)=" + tif +
                " is not supported: use 0 (DAY), 1 (GTC), 3 (IOC) or 4 (FOK)", clOrdId);
        };
    }

    /**
     * A replace's instrument, new quantity and new price into {@code r}, or {@link ResultCode#UNKNOWN_INSTRUMENT}
     * when {@code instrument} (the order's Symbol in the catalog) is null.
     */
    static void replaceTerms(final Request r, final Instrument instrument, final CharSequence priceText,
        final CharSequence qtyText)
    {
        if (instrument == null)
        {
            r.invalid(ResultCode.UNKNOWN_INSTRUMENT);
            return;
        }
        r.command.instrument = instrument.index();
        r.command.quantity = quantity(qtyText, instrument, r);
        r.command.price = price(priceText, instrument, r);
    }

    static long quantity(final CharSequence text, final Instrument instrument, final Request r)
    {
        try
        {
            return Decimals.parse(text, instrument.quantityScale());
        }
        catch (final NumberFormatException ex)
        {
            r.invalid(isHuge(text) ? ResultCode.ORDER_VALUE_TOO_LARGE : ResultCode.QUANTITY_NOT_ON_LOT);
            return 0;
        }
    }

    static long price(final CharSequence text, final Instrument instrument, final Request r)
    {
        try
        {
            return Decimals.parse(text, instrument.priceScale());
        }
        catch (final NumberFormatException ex)
        {
            if (!r.isInvalid())
            {
                r.invalid(isHuge(text) ? ResultCode.PRICE_OUTSIDE_BAND : ResultCode.PRICE_NOT_ON_STEP);
            }
            return 0;
        }
    }

    static boolean isHuge(final CharSequence text)
    {
        try
        {
            return new java.math.BigDecimal(text.toString().trim()).abs()
                .compareTo(java.math.BigDecimal.valueOf(1L << 40)) > 0;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    static long parseOrderId(final String text)
    {
        if (text == null || text.isEmpty() || text.length() > 18)
        {
            return 0;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                return 0;
            }
        }
        return Long.parseLong(text);
    }

    private OrderFields()
    {
    }
}
