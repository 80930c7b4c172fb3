package by.butb.sim.study;

import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one leg of a flow (one instrument over a period) is made of: the check that its price and unit fit the
 * instrument, the sizes of its deals, and the days it trades on. {@link ScenarioException} names the scenario's
 * file, line and flow.
 */
final class LegTerms
{
    /** The most deals one flow may take at scale 1 (as {@code flows.plan.ID.deals} allows). */
    static final long MAX_DEALS_A_FLOW = 1_000_000;

    private LegTerms()
    {
    }

    /**
     * Fails when the average price is outside the instrument's price band (the engine would refuse the orders) or
     * when the flow has a quantity in another unit than the instrument's.
     */
    static void check(final Scenario.Flow f, final Instrument instrument, final BigDecimal avgPrice)
    {
        final long avgScaled = avgPrice.movePointRight(instrument.priceScale()).setScale(0, RoundingMode.HALF_UP)
            .longValue();
        if (avgScaled < instrument.lowPrice() || avgScaled > instrument.highPrice())
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id(),
                "the average price USD " + avgPrice.setScale(2, RoundingMode.HALF_UP).toPlainString() + " of " +
                    instrument.symbol() + " is outside its price band " +
                    FixedPoint.format(instrument.lowPrice(), instrument.priceScale()) + ".." +
                    FixedPoint.format(instrument.highPrice(), instrument.priceScale()) +
                    ": the engine would refuse the orders; change the price or the catalog");
        }
        if (f.quantity() != null && !f.unit().isEmpty() && !f.unit().equals(instrument.unit()))
        {
            throw new ScenarioException(f.plan().file(), f.plan().line(), "flows.plan." + f.id(),
                "the flow is in " + f.unit() + " (" + f.source() + ") but " + instrument.symbol() + " trades in " +
                    instrument.unit());
        }
    }

    /**
     * The sizes of the deals of {@code units}: the plan's number of deals (times the scale), equal in lots (the
     * last takes the rest); else random sizes in the deal-size range (whole units, at least a lot), the last
     * taking what is left when less than the range's minimum would remain; in the order drawn.
     */
    static PackedLongs dealSizes(final Scenario scenario, final Scenario.Flow f, final SplittableRandom rng,
        final Instrument instrument, final long units)
    {
        final long unit = FixedPoint.pow10(instrument.quantityScale());
        if (f.plan().deals() != null)
        {
            final int n = f.plan().deals() * scenario.scale();
            final PackedLongs sizes = new PackedLongs();
            final long lots = units / instrument.lotSize();
            long given = 0;
            for (int i = 0; i < n; i++)
            {
                final long share = i == n - 1 ? lots - given : lots / n;
                sizes.add(share * instrument.lotSize());
                given += share;
            }
            return sizes;
        }
        long[] range = f.plan().dealSize() != null ? f.plan().dealSize() :
            scenario.dealSizes().get(instrument.symbol());
        if (range == null)
        {
            range = new long[] {10, 100};
        }
        final long average = Math.max(instrument.lotSize(), (range[0] + range[1]) / 2 * unit);
        final long most = MAX_DEALS_A_FLOW * scenario.scale();
        if (units / average > most) // the deals drawn come to about this many
        {
            throw new ScenarioException(f.source() + " field '" + (f.quantity() != null ? "quantity" : "value_usd") +
                "': " + instrument.symbol() + " would take more than " + most + " deals (of " + range[0] + " to " +
                range[1] + " " + (f.unit() == null || f.unit().isEmpty() ? "units" : f.unit()) + ", the deal sizes): " +
                "at most " + MAX_DEALS_A_FLOW + " a flow (times the scale); give it larger deals (deal_sizes, " +
                "flows.plan." + f.id() + ".deal_size) or a smaller quantity");
        }
        final PackedLongs sizes = new PackedLongs();
        long left = units;
        while (left > 0)
        {
            long size = (range[0] + rng.nextLong(range[1] - range[0] + 1)) * unit;
            size = Math.max(instrument.lotSize(), size / instrument.lotSize() * instrument.lotSize());
            if (left - size < range[0] * unit)
            {
                size = left;
            }
            sizes.add(size);
            left -= size;
        }
        return sizes;
    }

    /** The days from {@code from} to {@code to} (weekdays only if so), or {@code from} alone when there is none. */
    static List<LocalDate> tradingDays(final LocalDate from, final LocalDate to, final boolean weekdaysOnly)
    {
        final List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1))
        {
            if (!weekdaysOnly || d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
            {
                days.add(d);
            }
        }
        if (days.isEmpty())
        {
            days.add(from);
        }
        return days;
    }
}
