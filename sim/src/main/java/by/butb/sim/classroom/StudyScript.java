package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.RowInfo;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.StudyCommands;
import by.butb.sim.study.StudyPlan;

import java.util.function.LongToIntFunction;

/** The study's planned commands ({@link StudyCommands}) as a script, on the study's own catalog and rules. */
final class StudyScript implements Script
{
    private final String id;
    private final String title;
    private final StudyPlan plan;
    private final StudyCommands commands;
    private final MarketRules rules;

    StudyScript(final String id, final String title, final Scenario scenario)
    {
        this.id = id;
        this.title = title;
        this.plan = StudyPlan.of(scenario);
        this.commands = new StudyCommands(plan);
        this.rules = new MarketRules(scenario.guaranteePct().movePointRight(2).intValueExact(),
            scenario.feePct().movePointRight(2).intValueExact());
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public String title()
    {
        return title;
    }

    @Override
    public Catalog catalog()
    {
        return plan.catalog();
    }

    @Override
    public MarketRules rules()
    {
        return rules;
    }

    @Override
    public SessionSchedule schedule()
    {
        return SessionSchedule.NONE;
    }

    @Override
    public OrderIds ids()
    {
        return commands.ids();
    }

    @Override
    public int size()
    {
        return commands.size();
    }

    @Override
    public long timeNanos(final int i)
    {
        return commands.timeNanos(i);
    }

    @Override
    public long startNanos()
    {
        return commands.timeNanos(0);
    }

    @Override
    public RowInfo fill(final Command command, final int i, final LongToIntFunction instrumentOfExchangeOrder)
    {
        command.clear();
        commands.fill(command, i);
        return commands.row(i);
    }
}
