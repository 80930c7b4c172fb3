package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.RowInfo;

import java.util.function.LongToIntFunction;

/** Free trading: no planned commands; only the students' orders and the clock. */
final class FreeScript extends ScriptBase
{
    private final long startNanos;
    private final OrderIds ids = new OrderIds();

    FreeScript(final String id, final String title, final Catalog catalog, final long startNanos)
    {
        super(id, title, catalog, MarketRules.DEFAULT, SessionSchedule.NONE);
        this.startNanos = startNanos;
    }






    @Override
    public OrderIds ids()
    {
        return ids;
    }

    @Override
    public int size()
    {
        return 0;
    }

    @Override
    public long timeNanos(final int i)
    {
        throw new IndexOutOfBoundsException("free trading has no planned command " + i);
    }

    @Override
    public long startNanos()
    {
        return startNanos;
    }

    @Override
    public RowInfo fill(final Command command, final int i, final LongToIntFunction instrumentOfExchangeOrder)
    {
        throw new IndexOutOfBoundsException("free trading has no planned command " + i);
    }

    @Override
    public int focusInstrument()
    {
        return -1;
    }
}
