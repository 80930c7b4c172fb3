package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import quickfix.field.Account;
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
     *
     * @throws Unsupported (for the message with ClOrdID {@code clOrdId}) when Account(1) names neither the submitter
     *                     nor the client named as above: a broker naming its client there only would otherwise
     *                     trade for itself.
     */
    static Parties of(final OrderMessage m, final Participant submitter, final Catalog catalog, final String clOrdId)
        throws Unsupported
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
        if (m.has(Account.FIELD))
        {
            checkAccount(m.string(Account.FIELD), submitter, client, clOrdId);
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

    private static void checkAccount(final String account, final Participant submitter, final String client,
        final String clOrdId) throws Unsupported
    {
        if (!account.equals(submitter.id()) && !account.equals(client))
        {
            throw new Unsupported(client == null || client.equals(submitter.id()) ?
                "Account(1) must be the sender's participant id; to trade for a client, name it in" +
                    " OnBehalfOfCompID(115) or a Parties entry with PartyRole(452)=3" :
                "Account(1) must be the sender's participant id or the client named in OnBehalfOfCompID(115) or" +
                    " a Parties entry with PartyRole(452)=3", clOrdId);
        }
    }

    /** Whether {@code submitter} may act for {@code onBehalfOf} (itself, or a client of its broker account). */
    static boolean actsFor(final Participant submitter, final int onBehalfOf)
    {
        return onBehalfOf == Command.NONE || onBehalfOf >= 0 && submitter.hasClient(onBehalfOf);
    }
}
