package by.butb.sim.study;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.pipeline.EngineListener;
import org.agrona.collections.Long2LongHashMap;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Gives the study's listeners, for commands that came through the gateway, the same view they get in process:
 * {@code userRef} = the study command's number, and the client order ids {@link StudyCommands#clientOrderId} gives
 * (the gateway numbers ClOrdIDs its own way).
 *
 * <p>The driver sends one command at a time and {@link #expect expects} it before sending, so the n-th command the
 * engine completes is the n-th expected one; each completed command is checked against its expectation (type,
 * submitter, time) and a mismatch stops the run ({@link #error()}). A gateway client order id is bound to the
 * study's id at the first event of the command that created or renamed it (accepted, rejected, replaced).
 *
 * <p>Threading: {@link #expect} on the driver's thread; the listener methods on the engine's logic thread;
 * {@link #error()} from any thread.
 */
final class StepAttribution implements EngineListener
{
    /** What the driver sent: study command {@code index}, for {@code owner}'s order {@code studyClientId}. */
    record Expected(int index, CommandType type, int submitter, long timeNanos, int owner, long studyClientId)
    {
    }

    private final List<EngineListener> delegates;
    private final ConcurrentLinkedQueue<Expected> expected = new ConcurrentLinkedQueue<>();
    private final Long2LongHashMap[] studyIds;
    private final EngineEvent copy = new EngineEvent();
    private final Command commandCopy = new Command();
    private Expected current;
    private volatile String error;

    StepAttribution(final int participants, final List<EngineListener> delegates)
    {
        this.delegates = delegates;
        studyIds = new Long2LongHashMap[participants];
        for (int i = 0; i < participants; i++)
        {
            studyIds[i] = new Long2LongHashMap(0);
        }
    }

    void expect(final Expected e)
    {
        expected.add(e);
    }

    /** The first mismatch between what was sent and what the engine applied, or null. */
    String error()
    {
        return error;
    }

    @Override
    public void onEvent(final EngineEvent event)
    {
        if (current == null)
        {
            current = expected.poll();
            if (current == null)
            {
                fail("the engine applied a command the study did not send (" + event.commandType + ")");
                return;
            }
        }
        copy.copyFrom(event);
        copy.userRef = current.index() + 1L;
        if (isCreation(event) && event.owner == current.owner() &&
            event.clientOrderId != 0)
        {
            studyIds[event.owner].put(event.clientOrderId, current.studyClientId());
        }
        copy.clientOrderId = studyId(event.owner, event.clientOrderId);
        copy.buyClientOrderId = studyId(event.buyOwner, event.buyClientOrderId);
        copy.sellClientOrderId = studyId(event.sellOwner, event.sellClientOrderId);
        for (int i = 0; i < delegates.size(); i++)
        {
            delegates.get(i).onEvent(copy);
        }
    }

    @Override
    public void onCommandComplete(final Command command, final MatchingEngine engine)
    {
        final Expected e = current != null ? current : expected.poll();
        current = null;
        if (e == null)
        {
            fail("the engine applied a command the study did not send (" + command.type + ")");
            return;
        }
        if (command.type != e.type() || (e.type() != CommandType.CLOCK && command.submitter != e.submitter()) ||
            command.timeNanos != e.timeNanos())
        {
            fail("study command " + (e.index() + 1) + ": sent " + e.type() + " by participant #" + e.submitter() +
                " at " + e.timeNanos() + " ns, the engine applied " + command.type + " by #" + command.submitter +
                " at " + command.timeNanos + " ns");
        }
        commandCopy.copyFrom(command);
        commandCopy.userRef = e.index() + 1L;
        for (int i = 0; i < delegates.size(); i++)
        {
            delegates.get(i).onCommandComplete(commandCopy, engine);
        }
    }

    private static boolean isCreation(final EngineEvent e)
    {
        return switch (e.type)
        {
            case ACCEPTED, REJECTED, REPLACED -> true;
            default -> false;
        };
    }

    private long studyId(final int owner, final long gatewayId)
    {
        if (gatewayId == 0 || owner < 0 || owner >= studyIds.length)
        {
            return gatewayId;
        }
        final long id = studyIds[owner].get(gatewayId);
        return id != 0 ? id : gatewayId;
    }

    private void fail(final String message)
    {
        if (error == null)
        {
            error = message;
        }
    }
}
