package by.butb.gateway;

import by.butb.gateway.fix.UtcTimestamps;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.NoPartyIDs;
import quickfix.field.OnBehalfOfCompID;
import quickfix.field.PartyID;
import quickfix.field.PartyRole;

/** {@link OrderMessage} over a QuickFIX/J message, on its session thread. */
final class QfjOrderMessage implements OrderMessage
{
    private final Message m;

    QfjOrderMessage(final Message m)
    {
        this.m = m;
    }

    @Override
    public boolean has(final int tag)
    {
        return m.isSetField(tag);
    }

    @Override
    public String string(final int tag)
    {
        return string(m, tag);
    }

    @Override
    public char charValue(final int tag)
    {
        final String value = string(m, tag);
        return value == null || value.isEmpty() ? 0 : value.charAt(0);
    }

    @Override
    public long timestampNanos(final int tag)
    {
        try
        {
            return m.isSetField(tag) ? EngineSubmitter.epochNanos(m.getUtcTimeStamp(tag)) : UtcTimestamps.INVALID;
        }
        catch (final FieldNotFound ex)
        {
            return UtcTimestamps.INVALID;
        }
    }

    @Override
    public String symbol()
    {
        return string(m, quickfix.field.Symbol.FIELD);
    }

    @Override
    public CharSequence orderQty()
    {
        return string(m, quickfix.field.OrderQty.FIELD);
    }

    @Override
    public CharSequence price()
    {
        return string(m, quickfix.field.Price.FIELD);
    }

    @Override
    public String onBehalfOfCompId()
    {
        return string(m.getHeader(), OnBehalfOfCompID.FIELD);
    }

    @Override
    public int partyCount()
    {
        return m.getGroupCount(NoPartyIDs.FIELD);
    }

    @Override
    public String partyId(final int entry)
    {
        return string(party(entry), PartyID.FIELD);
    }

    @Override
    public int partyRole(final int entry)
    {
        final String role = string(party(entry), PartyRole.FIELD);
        try
        {
            return role == null ? -1 : Integer.parseInt(role);
        }
        catch (final NumberFormatException ex)
        {
            return -1; // digits (the dictionary checked), but no role this exchange knows
        }
    }

    private Group party(final int entry)
    {
        try
        {
            return m.getGroup(entry + 1, NoPartyIDs.FIELD);
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalArgumentException("no Parties entry " + entry, ex);
        }
    }

    private static String string(final FieldMap fields, final int tag)
    {
        try
        {
            return fields.isSetField(tag) ? fields.getString(tag) : null;
        }
        catch (final FieldNotFound ex)
        {
            return null;
        }
    }
}
