package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.gateway.fix.FixDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.field.BusinessRejectReason;
import quickfix.field.SessionRejectReason;
import quickfix.fix44.BusinessMessageReject;

/**
 * The native engine's order path, on the I/O thread: NewOrderSingle, OrderCancelRequest and
 * OrderCancelReplaceRequest read from the received bytes ({@link FixDecoder}) straight into a {@link Request} and
 * submitted by the {@link OrderEntry} the QuickFIX/J path uses (through {@link NativeOrderMessage}), after the
 * session-level checks QuickFIX/J makes ({@link NativeDictionary}, the Parties group, {@link FixIds}); reports come
 * back through {@link EngineBridge} and {@link Outbound}.
 */
final class NativeOrders
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeOrders.class);

    private final OrderEntry orders;
    /** I/O thread only. */
    private final NativeDictionary dictionary = new NativeDictionary();
    /** I/O thread only: the order being read. */
    private final NativeOrderMessage message;

    NativeOrders(final Catalog catalog, final EngineSubmitter engine, final ClOrdIdTable clOrdIds,
        final Outbound outbound)
    {
        this.orders = new OrderEntry(catalog, engine, clOrdIds, outbound);
        this.message = new NativeOrderMessage(catalog);
    }

    /** An order message (D, F or G) with sequence number {@code seq} received on {@code s}. */
    void onOrder(final NativeSession s, final FixDecoder d, final int seq, final String msgType)
    {
        if (!sessionLevelValid(s, d, seq, msgType))
        {
            return;
        }
        final String clOrdId = message.string(11);
        try
        {
            if ("D".equals(msgType))
            {
                orders.newOrder(message, clOrdId, s.id, s.participant);
            }
            else
            {
                orders.cancel(message, clOrdId, s.id, s.participant, "G".equals(msgType));
            }
        }
        catch (final Unsupported ex)
        {
            businessReject(s, seq, msgType, ex.refId, ex.reason, ex.getMessage());
        }
        catch (final IllegalStateException ex)
        {
            LOG.error("engine unavailable", ex);
            businessReject(s, seq, msgType, clOrdId, BusinessRejectReason.APPLICATION_NOT_AVAILABLE,
                "the exchange cannot process orders now");
        }
        catch (final RuntimeException ex)
        {
            // as FixApplication: a bug met by one message is answered, and the session goes on
            LOG.error("unexpected error on a {} from {}", msgType, s.participant.id(), ex);
            businessReject(s, seq, msgType, clOrdId, BusinessRejectReason.OTHER, FixApplication.UNEXPECTED_ERROR);
        }
    }

    /**
     * What the QuickFIX/J engine's dictionary and {@link FixIds} check before the application (tags, formats,
     * enumerated values, required fields; the Parties group's shape; identifiers); a breach is answered with a
     * session Reject. Points {@link #message} at {@code d}.
     */
    private boolean sessionLevelValid(final NativeSession s, final FixDecoder d, final int seq, final String msgType)
    {
        if (!dictionaryValid(s, d, seq, msgType))
        {
            return false;
        }
        final int misplaced = message.wrap(d).misplacedPartyTag();
        if (misplaced != 0)
        {
            s.protocol.reject(seq, misplaced, msgType, SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER,
                "The group 453 must set the delimiter field 448");
            return false;
        }
        if (!message.partyCountMatches())
        {
            s.protocol.reject(seq, 453, msgType, SessionRejectReason.INCORRECT_NUMINGROUP_COUNT_FOR_REPEATING_GROUP,
                NativeMarketDataRequests.BAD_COUNT);
            return false;
        }
        for (final int tag : FixIds.IDENTIFIER_TAGS)
        {
            final int i = d.indexOf(tag);
            if (i >= 0 && !isIdentifier(d, i))
            {
                return rejectIdentifier(s, d, seq, msgType, i);
            }
        }
        for (int i = 0, n = d.count(); i < n; i++)
        {
            if (d.tagAt(i) == 448 && !isIdentifier(d, i))
            {
                return rejectIdentifier(s, d, seq, msgType, i); // a PartyID
            }
        }
        return true;
    }

    /** Answers the index-th field, an identifier that breaks {@link FixIds}' rule, with a session Reject. */
    private static boolean rejectIdentifier(final NativeSession s, final FixDecoder d, final int seq,
        final String msgType, final int i)
    {
        final int tag = d.tagAt(i);
        final String value = new String(d.buffer(), d.valueStart(i), d.valueEnd(i) - d.valueStart(i),
            java.nio.charset.StandardCharsets.ISO_8859_1);
        s.protocol.reject(seq, tag, msgType, FixIds.rejectReason(value), FixIds.rejectText(tag, FixIds.problem(value)));
        return false;
    }

    /**
     * Whether the message ({@link NativeDictionary}'s types) passes the dictionary's checks; else it is answered with
     * the session Reject the QuickFIX/J engine sends. I/O thread.
     */
    boolean dictionaryValid(final NativeSession s, final FixDecoder d, final int seq, final String msgType)
    {
        if (!dictionary.check(d, msgType))
        {
            s.protocol.reject(seq, dictionary.tag, msgType, dictionary.reason, dictionary.text);
            return false;
        }
        return true;
    }

    /** Whether the index-th field follows {@link FixIds}' rule for identifiers (without making a String). */
    private static boolean isIdentifier(final FixDecoder d, final int index)
    {
        final int start = d.valueStart(index);
        final int end = d.valueEnd(index);
        if (end - start > FixIds.MAX_LENGTH)
        {
            return false;
        }
        final byte[] b = d.buffer();
        for (int p = start; p < end; p++)
        {
            if (b[p] < ' ' || b[p] > '~')
            {
                return false;
            }
        }
        return true;
    }

    /** A BusinessMessageReject on {@code s}, on the calling thread (the caller flushes). */
    void businessReject(final NativeSession s, final int refSeq, final String refMsgType, final String refId,
        final int reason, final String text)
    {
        final BusinessMessageReject reject = new BusinessMessageReject();
        reject.setInt(quickfix.field.RefSeqNum.FIELD, refSeq);
        reject.setString(quickfix.field.RefMsgType.FIELD, refMsgType);
        if (refId != null)
        {
            reject.setString(quickfix.field.BusinessRejectRefID.FIELD, refId);
        }
        reject.setInt(BusinessRejectReason.FIELD, reason);
        reject.setString(quickfix.field.Text.FIELD, text);
        s.send(reject);
    }
}
