package by.butb.engine.model;

import java.util.Arrays;

/**
 * One accredited participant as read from the participants file. Immutable; balances live in the engine.
 * {@code clients} are participant indexes; {@code sectionMask} has bit {@code i} set for section index {@code i}.
 */
public final class Participant
{
    private final int index;
    private final String id;
    private final String name;
    private final String country;
    private final boolean resident;
    private final ParticipantRole role;
    private final int[] clients;
    private final long sectionMask;
    private final ParticipantStatus status;
    private final long deposit;
    private final long[] depositShares;
    private final boolean sharesGiven;
    private final String currency;

    public Participant(
        final int index,
        final String id,
        final String name,
        final String country,
        final boolean resident,
        final ParticipantRole role,
        final int[] clients,
        final long sectionMask,
        final ParticipantStatus status,
        final long deposit,
        final long[] depositShares,
        final boolean sharesGiven,
        final String currency)
    {
        this.index = index;
        this.id = id;
        this.name = name;
        this.country = country;
        this.resident = resident;
        this.role = role;
        this.clients = clients.clone();
        Arrays.sort(this.clients);
        this.sectionMask = sectionMask;
        this.status = status;
        this.deposit = deposit;
        this.depositShares = depositShares.clone();
        this.sharesGiven = sharesGiven;
        this.currency = currency;
    }

    public int index()
    {
        return index;
    }

    public String id()
    {
        return id;
    }

    public String name()
    {
        return name;
    }

    public String country()
    {
        return country;
    }

    public boolean resident()
    {
        return resident;
    }

    public ParticipantRole role()
    {
        return role;
    }

    public int[] clients()
    {
        return clients.clone();
    }

    public boolean hasClient(final int participantIndex)
    {
        return role == ParticipantRole.BROKER && Arrays.binarySearch(clients, participantIndex) >= 0;
    }

    public boolean isAdmittedTo(final int sectionIndex)
    {
        return (sectionMask & (1L << sectionIndex)) != 0;
    }

    public long sectionMask()
    {
        return sectionMask;
    }

    public ParticipantStatus status()
    {
        return status;
    }

    /** Exchange deposit in money minor units of {@link #currency()}. */
    public long deposit()
    {
        return deposit;
    }

    /**
     * The part of the deposit that guarantees this participant's commitments in a section when that section runs on
     * an engine of its own ({@link DepositShares}); minor units of {@link #currency()}, 0 for a section it is not
     * admitted to.
     */
    public long depositShare(final int sectionIndex)
    {
        return sectionIndex < depositShares.length ? depositShares[sectionIndex] : 0;
    }

    /** Whether the participants file gave a share of the deposit for at least one section. */
    public boolean depositSharesGiven()
    {
        return sharesGiven;
    }

    public String currency()
    {
        return currency;
    }

    @Override
    public String toString()
    {
        return id;
    }
}
