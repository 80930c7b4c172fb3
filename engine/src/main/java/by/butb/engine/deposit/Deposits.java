package by.butb.engine.deposit;

import by.butb.engine.model.Catalog;

/**
 * Each participant's exchange deposit, in money minor units: free + blocked + feesPaid == deposited, always.
 * Engine thread only.
 */
public final class Deposits
{
    private final long[] deposited;
    private final long[] free;
    private final long[] blocked;
    private final long[] feesPaid;

    public Deposits(final Catalog catalog)
    {
        final int n = catalog.participants().size();
        deposited = new long[n];
        free = new long[n];
        blocked = new long[n];
        feesPaid = new long[n];
        for (int i = 0; i < n; i++)
        {
            deposited[i] = catalog.participant(i).deposit();
            free[i] = deposited[i];
        }
    }

    public long free(final int participant)
    {
        return free[participant];
    }

    public long blocked(final int participant)
    {
        return blocked[participant];
    }

    public long feesPaid(final int participant)
    {
        return feesPaid[participant];
    }

    public long deposited(final int participant)
    {
        return deposited[participant];
    }

    public void block(final int participant, final long amount)
    {
        free[participant] -= amount;
        blocked[participant] += amount;
    }

    public void release(final int participant, final long amount)
    {
        blocked[participant] -= amount;
        free[participant] += amount;
    }

    /** Charges a fee out of the free deposit (it may go below zero only if the guarantee is smaller than fees). */
    public void charge(final int participant, final long fee)
    {
        free[participant] -= fee;
        feesPaid[participant] += fee;
    }

    public void restore(final int participant, final long free, final long blocked, final long feesPaid)
    {
        this.free[participant] = free;
        this.blocked[participant] = blocked;
        this.feesPaid[participant] = feesPaid;
    }

    public int size()
    {
        return deposited.length;
    }
}
