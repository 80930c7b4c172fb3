package by.butb.engine.core;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.ParticipantStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * The participant facts the order checks need, in primitive arrays (status, admitted sections, deposit currency
 * against each instrument's currency), so that the hot path reads no objects and compares no strings.
 * Immutable once built.
 */
final class Accreditation
{
    private final boolean[] active;
    private final long[] sectionMask;
    private final int[] currency;
    private final int[] instrumentCurrency;
    private final int[] instrumentSection;

    Accreditation(final Catalog catalog)
    {
        final Map<String, Integer> currencies = new HashMap<>();
        final int participants = catalog.participants().size();
        active = new boolean[participants];
        sectionMask = new long[participants];
        currency = new int[participants];
        for (int p = 0; p < participants; p++)
        {
            final var participant = catalog.participant(p);
            active[p] = participant.status() == ParticipantStatus.ACTIVE;
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
    }

    int participantCount()
    {
        return active.length;
    }

    boolean isActive(final int participant)
    {
        return active[participant];
    }

    boolean isAdmitted(final int participant, final int instrument)
    {
        return (sectionMask[participant] & (1L << instrumentSection[instrument])) != 0;
    }

    boolean hasInstrumentCurrency(final int participant, final int instrument)
    {
        return currency[participant] == instrumentCurrency[instrument];
    }
}
