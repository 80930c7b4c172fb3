package by.butb.sim.study;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * Measures one {@link Figure} on the trades of a run, one trade at a time ({@link #add}), and says whether the
 * study's figure is met ({@link #result}). Threading: fed from the engine's listener thread, read after the run.
 */
public final class FigureTally
{
    /** What the run achieved for a figure. */
    public record Result(Figure figure, String target, String achieved, boolean ok)
    {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Figure figure;
    private final Catalog catalog;
    private final int scale;
    private final long fromNanos;
    private final long toNanos;
    private long selectedCents;
    private long allCents;
    private long trades;
    private final Set<Integer> participants = new HashSet<>();
    private long firstTime = Long.MAX_VALUE;
    private int firstInstrument = -1;

    /** @param scale the run's --scale: a number of trades is multiplied by it. */
    FigureTally(final Figure figure, final Catalog catalog, final int scale)
    {
        this.figure = figure;
        this.catalog = catalog;
        this.scale = scale;
        fromNanos = StudyPlan.nanos(figure.from());
        toNanos = StudyPlan.nanos(figure.to().plusDays(1));
    }

    /** A trade: its time, instrument, beneficial buyer and seller (participant indexes), value in cents. */
    void add(final long time, final int instrument, final int buyer, final int seller, final long cents)
    {
        if (time < fromNanos || time >= toNanos)
        {
            return;
        }
        final int party = party(buyer, seller);
        if (party < 0)
        {
            return;
        }
        allCents += cents;
        if (!selected(catalog.instrument(instrument)))
        {
            return;
        }
        selectedCents += cents;
        trades++;
        participants.add(party);
        if (time < firstTime)
        {
            firstTime = time;
            firstInstrument = instrument;
        }
    }

    /** The participant of the figure's countries on the figure's side of the trade, or -1. */
    private int party(final int buyer, final int seller)
    {
        if (!figure.side().equals("seller") && in(catalog.participant(buyer)))
        {
            return buyer;
        }
        if (!figure.side().equals("buyer") && in(catalog.participant(seller)))
        {
            return seller;
        }
        return -1;
    }

    private boolean in(final Participant p)
    {
        return figure.countries().contains(p.country());
    }

    private boolean selected(final Instrument instrument)
    {
        final boolean listed = figure.instruments().contains(instrument.symbol()) ||
            figure.sections().contains(instrument.section());
        if (figure.except())
        {
            return !listed;
        }
        return listed || figure.instruments().isEmpty() && figure.sections().isEmpty();
    }

    Result result()
    {
        final String target = figure.targetText(scale);
        return switch (figure.measure())
        {
            case SHARE_PCT ->
            {
                final BigDecimal pct = allCents == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(selectedCents)
                    .movePointRight(2).divide(BigDecimal.valueOf(allCents), 2, RoundingMode.HALF_UP);
                final boolean ok = figure.target() != null ?
                    pct.subtract(figure.target()).abs().compareTo(figure.tolerance()) <= 0 : within(pct);
                yield new Result(figure, target, pct.toPlainString() + " %", ok && allCents > 0);
            }
            case TRADES -> new Result(figure, target, String.valueOf(trades), within(BigDecimal.valueOf(trades)));
            case BUYERS -> new Result(figure, target, String.valueOf(participants.size()),
                within(BigDecimal.valueOf(participants.size())));
            case FIRST_TRADE -> first(target);
        };
    }

    private Result first(final String target)
    {
        if (firstInstrument < 0)
        {
            return new Result(figure, target, "no such trade", false);
        }
        final String symbol = catalog.instrument(firstInstrument).symbol();
        final LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(firstTime / NANOS_PER_SECOND), ZoneOffset.UTC);
        final boolean ok = (figure.instrument() == null || figure.instrument().equals(symbol)) &&
            !day.isBefore(figure.firstFrom()) && !day.isAfter(figure.firstTo());
        return new Result(figure, target, symbol + ", " + day, ok);
    }

    private boolean within(final BigDecimal value)
    {
        final BigDecimal min = figure.scaled(figure.min(), scale);
        final BigDecimal max = figure.scaled(figure.max(), scale);
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }
}
