package by.butb.engine.core;

import by.butb.engine.model.Catalog;

/**
 * Each participant's exchange deposit, in money minor units: free + blocked + feesPaid == deposited, always.
 * Engine thread only.
 */
final class Deposits
{
    private final long[] deposited;
    private final long[] free;
    private final long[] blocked;
    private final long[] feesPaid;

    Deposits(final Catalog catalog)
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

    long free(final int participant)
    {
        return free[participant];
    }

    long blocked(final int participant)
    {
        return blocked[participant];
    }

    long feesPaid(final int participant)
    {
        return feesPaid[participant];
    }

    long deposited(final int participant)
    {
        return deposited[participant];
    }

    void block(final int participant, final long amount)
    {
        free[participant] -= amount;
        blocked[participant] += amount;
    }

    void release(final int participant, final long amount)
    {
        blocked[participant] -= amount;
        free[participant] += amount;
    }

    /** Charges a fee out of the free deposit (it may go below zero only if the guarantee is smaller than fees). */
    void charge(final int participant, final long fee)
    {
        free[participant] -= fee;
        feesPaid[participant] += fee;
    }

    void restore(final int participant, final long free, final long blocked, final long feesPaid)
    {
        this.free[participant] = free;
        this.blocked[participant] = blocked;
        this.feesPaid[participant] = feesPaid;
    }

    int size()
    {
        return deposited.length;
    }
}
