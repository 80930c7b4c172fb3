package by.butb.sim.replay;

/**
 * What one line of the order file said, as text: kept until the engine has answered the line so that events can
 * print names the catalog does not know, and the reader's reason for a malformed row.
 *
 * <p>A row read from its bytes ({@link PlainOrderRows}) is one of a few made once and shared by every line alike:
 * its line is 0 (the command's userRef is the line), and its order id, price and quantity are null: the command's
 * values name them (the order id through {@link OrderNames}, price and quantity at the instrument's scales).
 *
 * @param orderId  as written, or null (see above).
 * @param price    as written, or null (see above).
 * @param quantity as written, or null (see above).
 * @param reason why the row could not be read ("line 7 field 'price': ..."), or null when it was read.
 */
public record RowInfo(
    long line,
    String participant,
    String onBehalfOf,
    String action,
    String orderId,
    String exchangeOrderId,
    String instrument,
    String side,
    String type,
    String tif,
    String price,
    String quantity,
    String counterparty,
    String counterpartyOrderId,
    String reason)
{
    /** For events that no line of this run caused. */
    public static final RowInfo NONE = new RowInfo(0, "", "", "", "", "", "", "", "", "", "", "", "", "", null);

    /** The beneficial owner as written: the broker's client, or the participant itself. */
    public String owner()
    {
        return onBehalfOf.isEmpty() ? participant : onBehalfOf;
    }
}
