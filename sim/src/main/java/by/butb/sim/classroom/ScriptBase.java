package by.butb.sim.classroom;

import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;

/** What every {@link Script} holds the same way: its name, and the market it runs on. */
abstract class ScriptBase implements Script
{
    private final String id;
    private final String title;
    private final Catalog catalog;
    private final MarketRules rules;
    private final SessionSchedule schedule;

    ScriptBase(final String id, final String title, final Catalog catalog, final MarketRules rules,
        final SessionSchedule schedule)
    {
        this.id = id;
        this.title = title;
        this.catalog = catalog;
        this.rules = rules;
        this.schedule = schedule;
    }

    @Override
    public final String id()
    {
        return id;
    }

    @Override
    public final String title()
    {
        return title;
    }

    @Override
    public final Catalog catalog()
    {
        return catalog;
    }

    @Override
    public final MarketRules rules()
    {
        return rules;
    }

    @Override
    public final SessionSchedule schedule()
    {
        return schedule;
    }
}
