package by.butb.engine.rules;

import by.butb.engine.core.Command;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * Who may trade what, for whom: participants known and active, brokers acting only for their clients, admission
 * to an instrument's section and a deposit in the instrument's currency. The facts are kept in primitive arrays
 * (admitted sections, deposit currency against each instrument's currency), and, for the hot path, in one word per
 * participant: bit 63 set when it is ACTIVE, bit i (for the first {@value #WORD_INSTRUMENTS} instruments) set when
 * it may enter instrument i; so that an order's parties and admission read one array, no objects, no strings.
 * Immutable once built.
 */
public final class Accreditation
{
    private static final int WORD_INSTRUMENTS = 63;
    private static final long ACTIVE_BIT = 1L << 63;

    private final Catalog catalog;
    private final SectionScope scope;
    private final long[] sectionMask;
    private final int[] currency;
    private final int[] instrumentCurrency;
    private final int[] instrumentSection;
    private final long[] word;

    public Accreditation(final Catalog catalog)
    {
        this(catalog, SectionScope.ALL);
    }

    /** As {@link #Accreditation(Catalog)}, on an engine of {@code scope}: other sections' instruments are refused. */
    public Accreditation(final Catalog catalog, final SectionScope scope)
    {
        this.catalog = catalog;
        this.scope = scope;
        final Map<String, Integer> currencies = new HashMap<>();
        final int participants = catalog.participants().size();
        sectionMask = new long[participants];
        currency = new int[participants];
        for (int p = 0; p < participants; p++)
        {
            final Participant participant = catalog.participant(p);
            sectionMask[p] = participant.sectionMask();
            currency[p] = currencies.computeIfAbsent(participant.currency(), c -> currencies.size());
        }
        final int instruments = catalog.instruments().size();
        instrumentCurrency = new int[instruments];
        instrumentSection = new int[instruments];
        for (int i = 0; i < instruments; i++)
        {
            final var instrument = catalog.instrument(i);
            instrumentCurrency[i] = currencies.computeIfAbsent(instrument.currency(), c -> currencies.size());
            instrumentSection[i] = instrument.sectionIndex();
        }
        word = new long[participants];
        for (int p = 0; p < participants; p++)
        {
            word[p] = catalog.participant(p).status() == ParticipantStatus.ACTIVE ? ACTIVE_BIT : 0;
            for (int i = 0; i < Math.min(instruments, WORD_INSTRUMENTS); i++)
            {
                word[p] |= admission(p, i) == ResultCode.OK ? 1L << i : 0;
            }
        }
    }

    /**
     * The parties of a command: submitter known (UNKNOWN_PARTICIPANT), {@code onBehalfOf} known (UNKNOWN_CLIENT),
     * a submitter acting for someone else is a broker of that client (NOT_CLIENT_OF_BROKER) and, when
     * {@code mustBeActive}, both are ACTIVE (PARTICIPANT_NOT_ACTIVE; cancels are accepted from any status).
     */
    public ResultCode checkParties(final Command cmd, final boolean mustBeActive)
    {
        final int participants = word.length;
        if (cmd.submitter < 0 || cmd.submitter >= participants)
        {
            return ResultCode.UNKNOWN_PARTICIPANT;
        }
        if (cmd.onBehalfOf != Command.NONE && (cmd.onBehalfOf < 0 || cmd.onBehalfOf >= participants))
        {
            return ResultCode.UNKNOWN_CLIENT;
        }
        final int owner = cmd.beneficialOwner();
        if (owner != cmd.submitter && !actsFor(cmd.submitter, owner))
        {
            return ResultCode.NOT_CLIENT_OF_BROKER;
        }
        if (mustBeActive && (word[cmd.submitter] >= 0 || word[owner] >= 0))
        {
            return ResultCode.PARTICIPANT_NOT_ACTIVE;
        }
        return ResultCode.OK;
    }

    /** Whether {@code participant} (a valid index) is ACTIVE. */
    public boolean isActive(final int participant)
    {
        return word[participant] < 0;
    }

    /** Whether {@code submitter} is a broker with {@code client} among its clients. */
    public boolean actsFor(final int submitter, final int client)
    {
        return catalog.participant(submitter).hasClient(client);
    }

    /**
     * An owner's entry into an instrument: traded on this engine (SECTION_ELSEWHERE), the owner admitted to its
     * section (NOT_ADMITTED_TO_SECTION), same currency (CURRENCY_MISMATCH).
     */
    public ResultCode checkAdmission(final int owner, final int instrument)
    {
        if (instrument < WORD_INSTRUMENTS && (word[owner] & (1L << instrument)) != 0)
        {
            return ResultCode.OK;
        }
        return admission(owner, instrument);
    }

    private ResultCode admission(final int owner, final int instrument)
    {
        if (!scope.serves(instrumentSection[instrument]))
        {
            return ResultCode.SECTION_ELSEWHERE;
        }
        if ((sectionMask[owner] & (1L << instrumentSection[instrument])) == 0)
        {
            return ResultCode.NOT_ADMITTED_TO_SECTION;
        }
        if (currency[owner] != instrumentCurrency[instrument])
        {
            return ResultCode.CURRENCY_MISMATCH;
        }
        return ResultCode.OK;
    }
}
