package by.butb.gateway;

import by.butb.gateway.fix.UtcTimestamps;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.field.ClOrdID;
import quickfix.field.ExpireTime;
import quickfix.field.MDReqID;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.NoPartyIDs;
import quickfix.field.NoRelatedSym;
import quickfix.field.OrderID;
import quickfix.field.OrigClOrdID;
import quickfix.field.PartyID;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.RefTagID;
import quickfix.field.SessionRejectReason;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.Reject;

/**
 * The rule for identifiers a client sends and the gateway keeps or echoes (ClOrdID, MDReqID, ...): 1 to
 * {@value #MAX_LENGTH} printable ASCII characters (space to tilde); and the session Reject that answers a message
 * breaking it, before anything keeps the identifier.
 */
final class FixIds
{
    static final int MAX_LENGTH = 64;
    /**
     * The longest MsgType(35) an answer echoes as RefMsgType(372): longer ones (FIX's are one or two characters) are
     * not echoed, so that a client cannot make the gateway store its own kilobytes in every answer it keeps for
     * resends.
     */
    static final int MAX_ECHOED_MSG_TYPE = 16;
    /** Tags of identifiers the gateway keeps or echoes: each must follow the rule. */
    static final int[] IDENTIFIER_TAGS = {
        ClOrdID.FIELD,
        OrigClOrdID.FIELD,
        OrderID.FIELD,
        MDReqID.FIELD,
        Symbol.FIELD,
        ButbTags.CONTRA_CL_ORD_ID,
        ButbTags.CONTRA_ORDER_ID,
    };

    /** Tags of the times the order path reads into the engine's nanoseconds (QuickFIX/J takes years 0 to 9999). */
    static final int[] TIME_TAGS = {TransactTime.FIELD, ExpireTime.FIELD};

    private FixIds()
    {
    }

    /**
     * Takes an outgoing session Reject's RefMsgType(372) out when it is longer than {@link #MAX_ECHOED_MSG_TYPE}
     * (QuickFIX/J answers an unknown MsgType with one; in a BusinessMessageReject the field is required, and the
     * gateway sends those only for MsgTypes it knows).
     */
    static void dropLongRefMsgType(final Message m)
    {
        try
        {
            if (m.isSetField(RefMsgType.FIELD) && Reject.MSGTYPE.equals(m.getHeader().getString(MsgType.FIELD)) &&
                m.getString(RefMsgType.FIELD).length() > MAX_ECHOED_MSG_TYPE)
            {
                m.removeField(RefMsgType.FIELD);
            }
        }
        catch (final FieldNotFound ex)
        {
            // no MsgType in the header: QuickFIX/J always sets it before toAdmin and toApp
        }
    }

    /** What is wrong with {@code value} ("is longer than 64 characters"), or null when it is a valid id. */
    static String problem(final String value)
    {
        if (value.isEmpty())
        {
            return "is empty";
        }
        if (value.length() > MAX_LENGTH)
        {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < ' ' || c > '~')
            {
                return "must be printable ASCII: it has character " + (int)c + " at position " + (i + 1);
            }
        }
        return null;
    }

    static boolean isTooLong(final String value)
    {
        return value.length() > MAX_LENGTH;
    }

    /**
     * Answers a message carrying an identifier that is not 1 to {@value #MAX_LENGTH} printable ASCII
     * characters (in {@link #IDENTIFIER_TAGS}, a related symbol or a PartyID), or a time the engine reads
     * ({@link #TIME_TAGS}) outside the years 1678 to 2261 (its nanoseconds since the epoch would not fit a
     * {@code long}; the native engine's parser refuses them as not UTCTimestamps), with a session Reject naming
     * the tag, before anything keeps it; returns whether it did.
     */
    static boolean rejectBad(final Message m, final SessionID sid, final int maxSymbolsPerRequest)
        throws FieldNotFound
    {
        for (final int tag : IDENTIFIER_TAGS)
        {
            if (m.isSetField(tag) && rejectIfBad(m, sid, tag, m.getString(tag)))
            {
                return true;
            }
        }
        if (m.isSetField(NoRelatedSym.FIELD) && m.getInt(NoRelatedSym.FIELD) <= maxSymbolsPerRequest)
        {
            for (final Group g : m.getGroups(NoRelatedSym.FIELD))
            {
                if (g.isSetField(Symbol.FIELD) && rejectIfBad(m, sid, Symbol.FIELD, g.getString(Symbol.FIELD)))
                {
                    return true;
                }
            }
        }
        for (final Group g : m.getGroups(NoPartyIDs.FIELD))
        {
            if (g.isSetField(PartyID.FIELD) && rejectIfBad(m, sid, PartyID.FIELD, g.getString(PartyID.FIELD)))
            {
                return true;
            }
        }
        for (final int tag : TIME_TAGS)
        {
            if (m.isSetField(tag) && !UtcTimestamps.holdsYear(m.getUtcTimeStamp(tag).getYear()))
            {
                reject(m, sid, tag, SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE,
                    "tag " + tag + " is not a UTCTimestamp from the year 1678 to 2261");
                return true;
            }
        }
        return false;
    }

    /** SessionRejectReason(373) of the Reject answering an identifier {@code value} that breaks the rule. */
    static int rejectReason(final String value)
    {
        return isTooLong(value) ? SessionRejectReason.VALUE_IS_INCORRECT :
            SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE;
    }

    /** Text(58) of that Reject, {@code problem} as {@link #problem} says it. */
    static String rejectText(final int tag, final String problem)
    {
        return "tag " + tag + " " + problem + ": identifiers are 1 to " + MAX_LENGTH + " printable ASCII characters";
    }

    private static boolean rejectIfBad(final Message m, final SessionID sid, final int tag, final String value)
    {
        final String problem = problem(value);
        if (problem == null)
        {
            return false;
        }
        reject(m, sid, tag, rejectReason(value), rejectText(tag, problem));
        return true;
    }

    private static void reject(final Message m, final SessionID sid, final int tag, final int reason,
        final String text)
    {
        final Reject reject = new Reject();
        try
        {
            reject.setInt(RefSeqNum.FIELD, m.getHeader().getInt(MsgSeqNum.FIELD));
            reject.setString(RefMsgType.FIELD, m.getHeader().getString(MsgType.FIELD));
        }
        catch (final FieldNotFound ex)
        {
            reject.setInt(RefSeqNum.FIELD, 0);
        }
        reject.setInt(RefTagID.FIELD, tag);
        reject.setInt(SessionRejectReason.FIELD, reason);
        reject.setString(Text.FIELD, text);
        final Session session = Session.lookupSession(sid);
        if (session != null)
        {
            session.send(reject);
        }
    }
}
