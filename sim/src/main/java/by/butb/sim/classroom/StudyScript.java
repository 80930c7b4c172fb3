package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.model.SessionSchedule;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.RowInfo;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.StudyCommands;
import by.butb.sim.study.StudyPlan;

import java.util.function.LongToIntFunction;

/** The study's planned commands ({@link StudyCommands}) as a script, on the study's own catalog and rules. */
final class StudyScript extends ScriptBase
{
    private final OrderIds ids = new OrderIds();
    private final StudyCommands commands;

    StudyScript(final String id, final String title, final Scenario scenario)
    {
        this(id, title, scenario, StudyPlan.of(scenario));
    }

    private StudyScript(final String id, final String title, final Scenario scenario, final StudyPlan plan)
    {
        super(id, title, plan.catalog(), scenario.rules(), SessionSchedule.NONE);
        // One table for the script's orders and the students': a student may name the agents' orders.
        this.commands = new StudyCommands(plan, ids);
    }

    @Override
    public OrderIds ids()
    {
        return ids;
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

    /** The first of the first 1,000 planned commands that names an instrument. */
    @Override
    public int focusInstrument()
    {
        final Command scratch = new Command();
        for (int i = 0; i < Math.min(1000, commands.size()); i++)
        {
            scratch.clear();
            commands.fill(scratch, i);
            if (scratch.instrument >= 0)
            {
                return scratch.instrument;
            }
        }
        return -1;
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
