package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.NoPartyIDs;
import quickfix.field.OnBehalfOfCompID;
import quickfix.field.PartyID;
import quickfix.field.PartyRole;

/**
 * The parties of an order message. {@code onBehalfOf}: the beneficial owner named by OnBehalfOfCompID(115) or a
 * Parties entry with PartyRole(452)=3 (client id): {@link Command#NONE} for the submitter itself,
 * {@link Command#UNKNOWN} for a name not in the catalog. {@code contraFirm}: the PartyID of a PartyRole(452)=17
 * entry (null when none), {@code counterparty} its participant index ({@link Command#NONE} when there is no such
 * entry, {@link Command#UNKNOWN} when not in the catalog).
 */
record Parties(int onBehalfOf, String contraFirm, int counterparty)
{
    /** The parties of {@code m}, sent by {@code submitter}; the first entry of each role counts. */
    static Parties of(final Message m, final Participant submitter, final Catalog catalog) throws FieldNotFound
    {
        String client = null;
        String contraFirm = null;
        if (m.getHeader().isSetField(OnBehalfOfCompID.FIELD))
        {
            client = m.getHeader().getString(OnBehalfOfCompID.FIELD);
        }
        final int parties = m.isSetField(NoPartyIDs.FIELD) ? m.getInt(NoPartyIDs.FIELD) : 0;
        for (int i = 1; i <= parties; i++)
        {
            final Group g = m.getGroup(i, NoPartyIDs.FIELD);
            if (!g.isSetField(PartyRole.FIELD) || !g.isSetField(PartyID.FIELD))
            {
                continue;
            }
            final int role = g.getInt(PartyRole.FIELD);
            if (role == PartyRole.CLIENT_ID && client == null)
            {
                client = g.getString(PartyID.FIELD);
            }
            else if (role == ButbTags.CONTRA_FIRM_ROLE && contraFirm == null)
            {
                contraFirm = g.getString(PartyID.FIELD);
            }
        }
        final int onBehalfOf;
        if (client == null || client.equals(submitter.id()))
        {
            onBehalfOf = Command.NONE;
        }
        else
        {
            final Participant p = catalog.participant(client);
            onBehalfOf = p == null ? Command.UNKNOWN : p.index();
        }
        int counterparty = Command.NONE;
        if (contraFirm != null)
        {
            final Participant p = catalog.participant(contraFirm);
            counterparty = p == null ? Command.UNKNOWN : p.index();
        }
        return new Parties(onBehalfOf, contraFirm, counterparty);
    }

    /** Whether {@code submitter} may act for {@code onBehalfOf} (itself, or a client of its broker account). */
    static boolean actsFor(final Participant submitter, final int onBehalfOf)
    {
        return onBehalfOf == Command.NONE || onBehalfOf >= 0 && submitter.hasClient(onBehalfOf);
    }
}
