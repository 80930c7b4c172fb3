package by.butb.sim.agents;

/**
 * The competitive equilibrium of one day's supply and demand schedules, in units: the quantity where the demand
 * (values, highest first) still covers the supply (costs, lowest first), the range of prices that clear it, and
 * the most surplus any allocation can reach. Prices scaled like the instrument's.
 *
 * @param quantity  trading units traded at the equilibrium.
 * @param low       lowest clearing price ({@code high} == {@code low} for a unique price); 0 without a schedule.
 * @param maxSurplus sum of value minus cost over the units traded at the equilibrium (scaled price x units).
 */
public record Equilibrium(int quantity, long low, long high, long maxSurplus)
{
    public static final Equilibrium NONE = new Equilibrium(0, 0, 0, 0);

    /** @param demand values, highest first; @param supply costs, lowest first. */
    public static Equilibrium of(final long[] demand, final long[] supply)
    {
        if (demand.length == 0 || supply.length == 0)
        {
            return NONE;
        }
        int q = 0;
        long surplus = 0;
        while (q < demand.length && q < supply.length && demand[q] >= supply[q])
        {
            surplus += demand[q] - supply[q];
            q++;
        }
        if (q == 0)
        {
            // No unit trades: every price from the highest value to the lowest cost clears the schedules.
            return new Equilibrium(0, demand[0], supply[0], 0);
        }
        long low = supply[q - 1];
        long high = demand[q - 1];
        if (q < demand.length)
        {
            low = Math.max(low, demand[q]);
        }
        if (q < supply.length)
        {
            high = Math.min(high, supply[q]);
        }
        return new Equilibrium(q, low, high, surplus);
    }

    public boolean defined()
    {
        return high > 0;
    }

    /** The middle of the clearing range: P0 of Smith's alpha. */
    public double price()
    {
        return (low + high) / 2.0;
    }
}
