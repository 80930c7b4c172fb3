package by.butb.sim.agents;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measures of one run, per trading day and instrument and for the whole run: equilibrium, allocative
 * efficiency, Smith's alpha, prices, spread, volume, value by buyer country. Money in minor units and prices scaled
 * while collecting; {@link #rows} converts to the instrument's units. Single-threaded.
 */
public final class Measures
{
    /** What one instrument did in one period (a day, or the run). */
    private static final class Tally
    {
        long trades;
        long quantity;
        long notional;
        long first;
        long last;
        long low = Long.MAX_VALUE;
        long high;
        double squaredDeviation;
        long gains;
        long maxSurplus;
        long rejects;
        double spreadSum;
        long spreadSamples;
        final Map<String, Long> valueByCountry = new TreeMap<>();
    }

    private static final double MINOR_PER_UNIT = Math.pow(10, Instrument.MONEY_SCALE);

    private final Catalog catalog;
    private final int[] instruments;
    private final Equilibrium[] equilibrium;
    private final Tally[] run;
    private Tally[] day;
    private final List<MetricRow> rows = new ArrayList<>();
    private int dayNumber;

    /** @param equilibrium per instrument index (NONE for an instrument without schedules). */
    public Measures(final Catalog catalog, final int[] instruments, final Equilibrium[] equilibrium)
    {
        this.catalog = catalog;
        this.instruments = instruments.clone();
        this.equilibrium = equilibrium.clone();
        run = tallies();
    }

    private Tally[] tallies()
    {
        final Tally[] t = new Tally[catalog.instruments().size()];
        for (final int i : instruments)
        {
            t[i] = new Tally();
            t[i].maxSurplus = equilibrium[i].maxSurplus();
        }
        return t;
    }

    public void startDay(final int number)
    {
        dayNumber = number;
        day = tallies();
        for (final int i : instruments)
        {
            if (number > 1)
            {
                run[i].maxSurplus += equilibrium[i].maxSurplus();
            }
        }
    }

    /** A trade; {@code gains} is the valued traders' value minus cost of the unit (scaled price), 0 for others. */
    public void trade(final int instrument, final long price, final long quantity, final long notional,
        final String country, final long gains)
    {
        for (final Tally t : new Tally[] {day[instrument], run[instrument]})
        {
            if (t.trades == 0)
            {
                t.first = price;
            }
            t.trades++;
            t.quantity += quantity;
            t.notional += notional;
            t.last = price;
            t.low = Math.min(t.low, price);
            t.high = Math.max(t.high, price);
            final double d = price - equilibrium[instrument].price();
            t.squaredDeviation += d * d;
            t.gains += gains;
            t.valueByCountry.merge(country, notional, Long::sum);
        }
    }

    void spread(final int instrument, final long spread)
    {
        for (final Tally t : new Tally[] {day[instrument], run[instrument]})
        {
            t.spreadSum += spread;
            t.spreadSamples++;
        }
    }

    /** A command of an agent on the instrument that the engine rejected. */
    void reject(final int instrument)
    {
        if (day[instrument] != null)
        {
            day[instrument].rejects++;
            run[instrument].rejects++;
        }
    }

    public void endDay()
    {
        emit(dayNumber, day);
    }

    /** The rows of every day, then of the whole run (day 0), then {@code extra} (per-agent rows). */
    public List<MetricRow> finish(final List<MetricRow> extra)
    {
        emit(0, run);
        rows.addAll(extra);
        return rows;
    }

    private void emit(final int dayNo, final Tally[] tallies)
    {
        for (final int i : instruments)
        {
            final Tally t = tallies[i];
            final Instrument in = catalog.instrument(i);
            final String s = in.symbol();
            final Equilibrium eq = equilibrium[i];
            final double pScale = Math.pow(10, in.priceScale());
            final double qScale = Math.pow(10, in.quantityScale());
            final int days = dayNo == 0 ? dayNumber : 1;
            if (eq.defined())
            {
                add(dayNo, s, "", "ce_price", eq.price() / pScale);
                add(dayNo, s, "", "ce_price_low", eq.low() / pScale);
                add(dayNo, s, "", "ce_price_high", eq.high() / pScale);
                add(dayNo, s, "", "ce_units", (double)eq.quantity() * days);
                if (t.maxSurplus > 0)
                {
                    add(dayNo, s, "", "efficiency_pct", 100.0 * t.gains / t.maxSurplus);
                }
                if (t.trades > 0)
                {
                    add(dayNo, s, "", "smith_alpha_pct", 100.0 * Math.sqrt(t.squaredDeviation / t.trades) /
                        eq.price());
                }
            }
            add(dayNo, s, "", "trades", t.trades);
            add(dayNo, s, "", "rejects", t.rejects);
            add(dayNo, s, "", "volume", t.quantity / qScale);
            add(dayNo, s, "", "traded_value", money(t.notional));
            if (t.trades > 0)
            {
                add(dayNo, s, "", "vwap", money(t.notional) / (t.quantity / qScale));
                add(dayNo, s, "", "price_open", t.first / pScale);
                add(dayNo, s, "", "price_close", t.last / pScale);
                add(dayNo, s, "", "price_low", t.low / pScale);
                add(dayNo, s, "", "price_high", t.high / pScale);
            }
            if (t.spreadSamples > 0)
            {
                add(dayNo, s, "", "spread_mean", t.spreadSum / t.spreadSamples / pScale);
            }
            for (final Map.Entry<String, Long> e : t.valueByCountry.entrySet())
            {
                add(dayNo, s, e.getKey(), "traded_value_by_buyer_country", money(e.getValue()));
            }
        }
    }

    /** Money in minor units (the engine's {@link Instrument#MONEY_SCALE}) as currency units. */
    static double money(final long minorUnits)
    {
        return minorUnits / MINOR_PER_UNIT;
    }

    private void add(final int dayNo, final String instrument, final String subject, final String metric,
        final double value)
    {
        rows.add(new MetricRow(dayNo, instrument, subject, metric, value));
    }
}
