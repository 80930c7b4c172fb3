package by.butb.engine.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The instruments, sections and participants the engine trades with. Immutable once built. */
public final class Catalog
{
    private final List<String> sections;
    private final List<Instrument> instruments;
    private final List<Participant> participants;
    private final Map<String, Instrument> instrumentsBySymbol = new HashMap<>();
    private final Map<String, Participant> participantsById = new HashMap<>();

    public Catalog(
        final List<String> sections, final List<Instrument> instruments, final List<Participant> participants)
    {
        if (sections.size() > 64)
        {
            throw new IllegalArgumentException("at most 64 sections are supported");
        }
        this.sections = List.copyOf(sections);
        this.instruments = List.copyOf(instruments);
        this.participants = List.copyOf(participants);
        for (int i = 0; i < instruments.size(); i++)
        {
            final Instrument instrument = instruments.get(i);
            if (instrument.index() != i)
            {
                throw new IllegalArgumentException("instrument " + instrument.symbol() + " has index " +
                    instrument.index() + ", expected " + i);
            }
            instrumentsBySymbol.put(instrument.symbol(), instrument);
        }
        for (int i = 0; i < participants.size(); i++)
        {
            final Participant participant = participants.get(i);
            if (participant.index() != i)
            {
                throw new IllegalArgumentException("participant " + participant.id() + " has index " +
                    participant.index() + ", expected " + i);
            }
            participantsById.put(participant.id(), participant);
        }
    }

    public List<String> sections()
    {
        return sections;
    }

    public List<Instrument> instruments()
    {
        return instruments;
    }

    public List<Participant> participants()
    {
        return participants;
    }

    public Instrument instrument(final int index)
    {
        return instruments.get(index);
    }

    public Participant participant(final int index)
    {
        return participants.get(index);
    }

    /** @return the instrument, or null when the symbol is not in the catalog. */
    public Instrument instrument(final String symbol)
    {
        return instrumentsBySymbol.get(symbol);
    }

    /** @return the participant, or null when the id is not in the participants file. */
    public Participant participant(final String id)
    {
        return participantsById.get(id);
    }
}
