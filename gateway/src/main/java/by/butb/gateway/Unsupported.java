package by.butb.gateway;

import quickfix.field.BusinessRejectReason;

/** A field or value of an order message this exchange does not support: answered with a BusinessMessageReject. */
final class Unsupported extends Exception
{
    final int reason;
    final String refId;

    Unsupported(final String message, final String refId)
    {
        this(BusinessRejectReason.OTHER, message, refId);
    }

    Unsupported(final int reason, final String message, final String refId)
    {
        super(message, null, false, false);
        this.reason = reason;
        this.refId = refId;
    }
}
