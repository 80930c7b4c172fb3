package by.butb.gateway;

/**
 * An order message (NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest) as the order rules read it,
 * whichever FIX engine received it: {@link QfjOrderMessage} over a QuickFIX/J message, {@link NativeOrderMessage}
 * over the native engine's decoder. Body fields by tag (the first occurrence outside repeating groups), the header's
 * OnBehalfOfCompID(115) and the entries of the Parties group NoPartyIDs(453). Values are valid until the message is
 * replaced; one reader per thread.
 */
interface OrderMessage
{
    boolean has(int tag);

    /** The field's value, or null when absent. */
    String string(int tag);

    /** The first character of the field's value, or 0 when absent. */
    char charValue(int tag);

    /** The field's UTCTimestamp in epoch nanoseconds; {@link by.butb.gateway.fix.UtcTimestamps#INVALID} when absent. */
    long timestampNanos(int tag);

    /** Symbol(55), or null when absent (the catalog's own String where the engine can find it without garbage). */
    String symbol();

    /** OrderQty(38) as received, or null when absent; valid until the next message. */
    CharSequence orderQty();

    /** Price(44) as received, or null when absent; valid until the next message. */
    CharSequence price();

    /** OnBehalfOfCompID(115) of the header, or null when absent. */
    String onBehalfOfCompId();

    /** Entries of the Parties group NoPartyIDs(453); 0 when absent. */
    int partyCount();

    /** PartyID(448) of entry {@code entry} (0-based), or null when the entry has none. */
    String partyId(int entry);

    /** PartyRole(452) of entry {@code entry} (0-based), or -1 when the entry has none. */
    int partyRole(int entry);
}
