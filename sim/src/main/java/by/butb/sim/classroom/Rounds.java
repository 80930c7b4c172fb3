package by.butb.sim.classroom;

import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rounds the instructor runs for the class: each {@link #start} draws new values and costs and opens a fresh
 * {@link RoundMarket} for the seated students and the robots; the round ends after its length (checked at each
 * {@link #tick}) or when the instructor ends it. Past rounds are kept for the measures and the CSV export.
 *
 * <p>Who sees what: {@link #writePublic} (in the state every browser receives) holds no value or cost;
 * {@link #studentJson} holds one student's own; {@link #instructorJson} holds the schedules, equilibrium, price
 * paths and measures of every round. Times are wall-clock milliseconds given by the caller. Threading: synchronized.
 */
final class Rounds
{
    private static final int PRICE_SCALE = 2;
    private final List<RoundMarket> rounds = new ArrayList<>();

    /** Ends a running round and starts the next one; returns its number. */
    synchronized int start(final RoundSetup setup, final List<ClassRoster.Seat> students, final long millis)
    {
        final RoundMarket last = current();
        if (last != null && last.running())
        {
            last.end(millis);
        }
        final int number = rounds.size() + 1;
        rounds.add(new RoundMarket(number, setup, RoundMarket.draw(number, setup, students), millis));
        return number;
    }

    synchronized void end(final long millis)
    {
        final RoundMarket r = current();
        if (r == null || !r.running())
        {
            throw new ClassroomException(409, "no round is running: start one");
        }
        r.end(millis);
    }

    /** The robots act and a round past its length ends; returns whether anything changed. */
    synchronized boolean tick(final long millis)
    {
        final RoundMarket r = current();
        if (r == null || !r.running())
        {
            return false;
        }
        final int before = r.orders().size();
        r.advance(millis);
        if (millis >= r.endsAtMillis())
        {
            r.end(millis);
            return true;
        }
        return r.orders().size() != before;
    }

    /** A student's order for their next unit at {@code priceText} (decimal point or comma). */
    synchronized String order(final String participant, final String priceText, final long millis)
    {
        final RoundMarket r = current();
        if (r == null)
        {
            throw new ClassroomException(409, "no round has started yet");
        }
        return r.order(participant, price(priceText), millis);
    }

    static long price(final String text)
    {
        final String t = StudentOrders.decimalPoint("price", text == null ? "" : text.trim());
        try
        {
            return new BigDecimal(t).movePointRight(PRICE_SCALE).longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException e)
        {
            throw new ClassroomException("field 'price': '" + t + "' is not a price with at most " + PRICE_SCALE +
                " decimals");
        }
    }

    synchronized List<RoundMarket> all()
    {
        return List.copyOf(rounds);
    }

    private RoundMarket current()
    {
        return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
    }

    // ------------------------------------------------------------------------------------------ views

    /** "round": number, running, secondsLeft, traders, robots, bestBid, bestAsk, prices (the tape): no values. */
    synchronized void writePublic(final Json j, final long millis)
    {
        final RoundMarket r = current();
        j.key("round");
        if (r == null)
        {
            j.raw("null");
            return;
        }
        j.beginObject();
        head(j, r, millis);
        j.field("traders", r.traders().size()).field("robots", r.setup.robotsPerSide() * 2L);
        j.endObject();
    }

    private static void head(final Json j, final RoundMarket r, final long millis)
    {
        j.field("number", r.number).field("running", r.running())
            .field("secondsLeft", r.running() ? Math.max(0, (r.endsAtMillis() - millis + 999) / 1000) : 0)
            .field("bestBid", money(r.best(Side.BUY))).field("bestAsk", money(r.best(Side.SELL)));
        j.key("prices").beginArray();
        r.trades().forEach(t -> j.value(money(t.price())));
        j.endArray();
    }

    /** One student's view of the current round: their role, their own values or costs, next unit, profit. */
    synchronized String studentJson(final String participant, final long millis)
    {
        final RoundMarket r = current();
        final RoundMarket.Trader t = r == null ? null : r.trader(participant);
        final Json j = new Json().beginObject();
        if (t == null)
        {
            return j.field("number", r == null ? 0 : r.number).field("inRound", false).endObject().toString();
        }
        head(j, r, millis);
        j.field("inRound", true).field("role", t.spec.side() == Side.BUY ? "BUYER" : "SELLER")
            .field("next", t.next).field("profit", money(t.profit))
            .field("order", t.liveOrder != 0 ? money(t.livePrice) : "");
        j.key("limits").beginArray();
        for (final long v : t.spec.limits())
        {
            j.value(money(v));
        }
        return j.endArray().endObject().toString();
    }

    /** Every round: schedules, equilibrium, price path, measures and traders' profits (instructor only). */
    synchronized String instructorJson(final long millis)
    {
        final Json j = new Json().beginObject().key("rounds").beginArray();
        for (final RoundMarket r : rounds)
        {
            j.beginObject();
            head(j, r, millis);
            j.field("robotKind", r.setup.robots().name()).field("seed", r.setup.seed())
                .field("units", r.setup.units()).field("seconds", r.setup.seconds())
                .field("simSeconds", r.setup.simSeconds());
            curve(j, "demand", r.demand());
            curve(j, "supply", r.supply());
            j.field("eqUnits", r.equilibrium().quantity()).field("eqLow", money(r.equilibrium().low()))
                .field("eqHigh", money(r.equilibrium().high()));
            j.key("path").beginArray();
            for (final RoundMarket.TradeRow t : r.trades())
            {
                j.beginObject().field("s", (t.millis() - r.startMillis) / 1000.0).field("price", money(t.price()))
                    .endObject();
            }
            j.endArray();
            final Map<String, Double> m = r.measures();
            measure(j, "efficiency", m.get("efficiency_pct"));
            measure(j, "alpha", m.get("smith_alpha_pct"));
            j.key("traders").beginArray();
            for (final RoundMarket.Trader t : r.traders())
            {
                j.beginObject().field("id", t.spec.id()).field("name", t.spec.name())
                    .field("kind", t.spec.robot() ? "robot" : "student")
                    .field("role", t.spec.side() == Side.BUY ? "BUYER" : "SELLER").field("traded", t.next)
                    .field("profit", money(t.profit)).endObject();
            }
            j.endArray().endObject();
        }
        return j.endArray().endObject().toString();
    }

    private static void curve(final Json j, final String key, final long[] prices)
    {
        j.key(key).beginArray();
        for (final long p : prices)
        {
            j.value(money(p));
        }
        j.endArray();
    }

    private static void measure(final Json j, final String key, final Double value)
    {
        if (value == null)
        {
            j.key(key).raw("null");
        }
        else
        {
            j.field(key, Math.round(value * 100) / 100.0);
        }
    }

    static String money(final long scaled)
    {
        return FixedPoint.format(scaled, PRICE_SCALE);
    }
}
