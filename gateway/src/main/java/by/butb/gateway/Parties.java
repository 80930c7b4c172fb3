package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
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
    /** An order for the submitter itself, with no contra firm. */
    static final Parties NONE = new Parties(Command.NONE, null, Command.NONE);

    /**
     * The parties of {@code m}, sent by {@code submitter}; the first entry of each role counts, an entry without
     * PartyID(448) or PartyRole(452) is skipped. {@link #NONE} (no object created) when there are none.
     */
    static Parties of(final OrderMessage m, final Participant submitter, final Catalog catalog)
    {
        String client = m.onBehalfOfCompId();
        String contraFirm = null;
        for (int i = 0, n = m.partyCount(); i < n; i++)
        {
            final int role = m.partyRole(i);
            if (role == PartyRole.CLIENT_ID && client == null)
            {
                client = m.partyId(i);
            }
            else if (role == ButbTags.CONTRA_FIRM_ROLE && contraFirm == null)
            {
                contraFirm = m.partyId(i);
            }
        }
        if (contraFirm == null && (client == null || client.equals(submitter.id())))
        {
            return NONE;
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
