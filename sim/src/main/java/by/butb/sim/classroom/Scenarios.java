package by.butb.sim.classroom;

import by.butb.engine.csv.CsvException;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.ScheduleLoader;
import by.butb.engine.model.SessionSchedule;
import by.butb.sim.replay.Source;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.ScenarioSource;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The scenarios an instructor can load: free trading, the study, and the bundled example order files (each
 * mechanism's file, the sample and the auctions day), all read from the jar.
 */
final class Scenarios
{
    /** One loadable scenario; {@code orders} is a bundled order file, or null for free trading and the study. */
    record Choice(String id, String title, String orders, boolean withSchedule)
    {
    }

    static final String FREE = "free";
    static final String STUDY = "study";

    static final List<Choice> ALL = List.of(
        new Choice(FREE, "Free trading: the bundled catalog, continuous trading, no script", null, false),
        new Choice("call-auction", "Mechanism: pre-open and the opening call auction (milk powder)",
            "examples/mechanisms/call-auction.csv", true),
        new Choice("lot-auction", "Mechanism: a seller's ascending lot auction (timber)",
            "examples/mechanisms/lot-auction.csv", false),
        new Choice("reverse-auction", "Mechanism: a buyer's descending (reverse) auction",
            "examples/mechanisms/reverse-auction.csv", false),
        new Choice("address-deal", "Mechanism: an address deal in the dairy export session",
            "examples/mechanisms/address-deal.csv", true),
        new Choice("broker", "Mechanism: a broker acting for its client", "examples/mechanisms/broker.csv", false),
        new Choice("orders-sample", "Continuous trading: limit, market, IOC, FOK, cancel, replace, rejects",
            "examples/orders-sample.csv", false),
        new Choice("orders-auctions", "One trading day with every mechanism (with the sample schedule)",
            "examples/orders-auctions.csv", true),
        new Choice(STUDY, "The study: BUTB's export volumes (docs/study.md), thousands of planned commands", null,
            false));

    private static final Source SCHEDULE = Source.resource("examples/schedule-sample.csv");

    private Scenarios()
    {
    }

    static Choice choice(final String id)
    {
        for (final Choice c : ALL)
        {
            if (c.id().equals(id))
            {
                return c;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final Choice c : ALL)
        {
            known.append(known.length() == 0 ? "" : ", ").append(c.id());
        }
        throw new ClassroomException("unknown scenario '" + id + "'; choose one of " + known);
    }

    /**
     * Loads a scenario from the jar.
     *
     * @param freeStartNanos the simulated start time of free trading (which has no script to take it from).
     */
    static Script load(final String id, final long freeStartNanos)
    {
        final Choice choice = choice(id);
        if (STUDY.equals(id))
        {
            return new StudyScript(id, choice.title(), Scenario.load(ScenarioSource.STUDY));
        }
        final Catalog catalog = defaultCatalog();
        if (choice.orders() == null)
        {
            return new FreeScript(id, choice.title(), catalog, freeStartNanos);
        }
        final SessionSchedule schedule = choice.withSchedule() ? schedule(catalog) : SessionSchedule.NONE;
        return new FileScript(id, choice.title(), catalog, schedule, Source.resource(choice.orders()));
    }

    static Catalog defaultCatalog()
    {
        final Source instruments = Source.DEFAULT_INSTRUMENTS;
        final Source participants = Source.DEFAULT_PARTICIPANTS;
        try (Reader i = instruments.open(); Reader p = participants.open())
        {
            return CatalogLoader.load(instruments.name(), i, participants.name(), p);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the bundled catalog: " + ex.getMessage(), ex);
        }
    }

    private static SessionSchedule schedule(final Catalog catalog)
    {
        try (Reader reader = SCHEDULE.open())
        {
            return ScheduleLoader.load(SCHEDULE.name(), reader, catalog);
        }
        catch (final IOException ex)
        {
            throw new CsvException(SCHEDULE.name(), 0, null, "cannot read: " + ex.getMessage());
        }
    }
}
