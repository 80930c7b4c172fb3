package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.csv.CsvException;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.engine.pipeline.WaitStrategyName;
import by.butb.sim.replay.ReplayException;
import by.butb.sim.replay.ReplayListener;
import by.butb.sim.replay.RowInfo;
import by.butb.sim.study.ScenarioException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The classroom: one engine pipeline for the loaded scenario, a player for its planned commands, and the students'
 * orders, all submitted by one driver thread (the pipeline's only producer).
 *
 * <p>Time: the classroom keeps a simulated clock. Loading a scenario sets it to the scenario's first command
 * (free trading: the wall-clock time of loading). While paused it stands still; while playing it runs at
 * {@code speed} simulated seconds per real second, and every planned command whose time it reaches is submitted.
 * A step submits the next planned command and moves the clock to its time. Students' orders carry the current
 * simulated time. Every batch ends with a CLOCK command at the simulated time, so that lots close and session
 * phases change on time, and the listener publishes the market as it is then.
 *
 * <p>Threading: public methods may be called from any thread; they run their work on the driver thread and wait
 * for it (at most {@link #TIMEOUT_SECONDS}).
 */
public final class Classroom implements AutoCloseable
{
    /** Speeds the page offers, in simulated seconds per real second. */
    public static final List<Double> SPEEDS = List.of(1.0, 10.0, 60.0, 300.0, 3600.0, 86400.0);
    static final double DEFAULT_SPEED = 60;
    static final long TICK_MILLIS = 200;
    private static final int MAX_COMMANDS_PER_TICK = 5000;
    private static final long TIMEOUT_SECONDS = 120;

    /** Any thread: the PINs, tokens and roster are checked before work is handed to the driver. */
    private final Logins logins;
    private final ViewHub hub = new ViewHub();
    private final ScheduledExecutorService driver;
    private final Rounds rounds = new Rounds();

    // Driver thread only.
    private Script script;
    private EnginePipeline pipeline;
    private MarketWatch watch;
    private Map<Long, RowInfo> rows;
    private Map<Long, Integer> liveOrders;
    private StudentOrders orders;
    private final Command command = new Command();
    private int cursor;
    private long now;
    private long lastWall;
    private boolean playing;
    private double speed = DEFAULT_SPEED;
    private String loadError;
    private String focus = "";
    private long loadSerial;

    /**
     * @param pin           the classroom PIN students give with their participant id, or null for none.
     * @param instructorPin the PIN the instructor's controls need, or null when anyone at the page may use them.
     */
    public Classroom(final String pin, final String instructorPin)
    {
        logins = new Logins(pin, instructorPin);
        driver = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "classroom-driver");
            t.setDaemon(true);
            return t;
        });
        driver.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        driver.scheduleAtFixedRate(this::roundTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    ViewHub hub()
    {
        return hub;
    }

    // ------------------------------------------------------------------------------------------ instructor

    /** Loads a scenario (see {@link Scenarios#ALL}): a new engine, paused at the scenario's start. */
    public void load(final String scenarioId)
    {
        call(() ->
        {
            final Script loaded;
            try
            {
                loaded = Scenarios.load(scenarioId, System.currentTimeMillis() / 1000 * 1_000_000_000L);
            }
            catch (final CsvException | ScenarioException | ReplayException ex)
            {
                loadError = ex.getMessage();
                publishSession();
                throw new ClassroomException("cannot load scenario '" + scenarioId + "': " + ex.getMessage());
            }
            start(loaded);
            return null;
        });
    }

    public void play()
    {
        call(() ->
        {
            requireScenario();
            playing = true;
            lastWall = System.nanoTime();
            publishSession();
            return null;
        });
    }

    public void pause()
    {
        call(() ->
        {
            playing = false;
            publishSession();
            return null;
        });
    }

    /** Submits the next planned command and moves the clock to its time; refused when the script is done. */
    public void step()
    {
        call(() ->
        {
            requireScenario();
            if (cursor >= script.size())
            {
                throw new ClassroomException("the scenario has no more planned commands (" + script.size() +
                    " played); press Play to let the clock run, or load a scenario");
            }
            submitPlanned();
            marker();
            return null;
        });
    }

    /** Simulated seconds per real second, one of {@link #SPEEDS}. */
    public void speed(final double newSpeed)
    {
        if (!SPEEDS.contains(newSpeed))
        {
            throw new ClassroomException("speed " + newSpeed + " is not one of " + SPEEDS);
        }
        call(() ->
        {
            speed = newSpeed;
            publishSession();
            return null;
        });
    }

    /** Throws when an instructor PIN is set and {@code given} is not it. */
    public void checkInstructor(final String given)
    {
        logins.checkInstructor(given);
    }

    // ------------------------------------------------------------------------------------------ students

    /**
     * Logs a student in as a participant of the loaded catalog; returns the token their requests carry. Refused
     * while a class is open (students join it instead, {@link #join}).
     */
    public String login(final String participantId, final String givenPin)
    {
        logins.checkLogin(givenPin);
        final String id = participantId == null ? "" : participantId.trim();
        return call(() ->
        {
            requireScenario();
            final Participant p = script.catalog().participant(id);
            if (p == null)
            {
                throw new ClassroomException("unknown participant '" + id + "': choose one of the participants of " +
                    "the loaded scenario");
            }
            return issueToken(p);
        });
    }

    /** Joins the open class: the student's seat (participant and role) and the token their requests carry. */
    public Joined join(final String classCode, final String name, final String givenPin)
    {
        logins.checkPin(givenPin);
        return call(() ->
        {
            requireScenario();
            final ClassRoster.Seat seat = logins.join(classCode, name, script.catalog());
            return new Joined(issueToken(script.catalog().participant(seat.participant())), seat);
        });
    }

    /** A student's answer to {@link #join}. */
    public record Joined(String token, ClassRoster.Seat seat)
    {
    }

    /** Ends a token (the page's "log out"); an unknown token is ignored. */
    public void logout(final String token)
    {
        if (logins.end(token))
        {
            call(() ->
            {
                publishSession();
                return null;
            });
        }
    }

    /** Opens a class with a code (instructor): from now on students join instead of choosing a participant. */
    public void openClass(final String classCode)
    {
        logins.openClass(classCode);
        call(() ->
        {
            publishSession();
            return null;
        });
    }

    /** Closes the class (instructor): students choose a participant again; tokens already given stay valid. */
    public void closeClass()
    {
        logins.closeClass();
        call(() ->
        {
            publishSession();
            return null;
        });
    }

    /** Driver thread: a new token for {@code p}, whose resting orders the market JSON now lists. */
    private String issueToken(final Participant p)
    {
        final String token = logins.issue(p.id());
        watch.watch(p.index());
        marker();
        return token;
    }

    /** The participant id a token was given to, or a 401 refusal. */
    public String participantOf(final String token)
    {
        return logins.participantOf(token);
    }

    /**
     * A student's order, cancel, replace or lot bid, read by the replay's order-file reader (the same checks and
     * reject codes as a file or the gateway) and stamped with the simulated time.
     *
     * @param fields the order-file columns: action, order_id (CANCEL and REPLACE), instrument, side, type, tif,
     *               price, quantity, exchange_order_id (the lot of a LOT_BID). NEW and LOT_BID get a new order id
     *               ("web-1", "web-2"... per participant).
     */
    public StudentOrders.OrderResult order(final String token, final Map<String, String> fields)
    {
        final String participant = participantOf(token);
        final String action = StudentOrders.action(fields);
        return call(() ->
        {
            requireScenario();
            return orders.order(participant, action, fields, now);
        });
    }

    // ------------------------------------------------------------------------------------------ rounds

    /**
     * Starts a round (instructor) for the seated students (the open class's seats; without a class, every
     * logged-in participant, BUYER and SELLER alternately) and the setup's robots; returns its number.
     */
    public int startRound(final Map<String, String> form)
    {
        final RoundSetup setup = RoundSetup.parse(form);
        return call(() ->
        {
            final int number = rounds.start(setup, logins.students(), System.currentTimeMillis());
            publishSession();
            return number;
        });
    }

    /** Ends the running round (instructor). */
    public void endRound()
    {
        call(() ->
        {
            rounds.end(System.currentTimeMillis());
            publishSession();
            return null;
        });
    }

    /** A student's order in the running round for their next unit at {@code price}; returns what became of it. */
    public String roundOrder(final String token, final String price)
    {
        final String participant = participantOf(token);
        return call(() ->
        {
            final String result = rounds.order(participant, price, System.currentTimeMillis());
            publishSession();
            return result;
        });
    }

    /** The round as one student sees it: their own values or costs, none of anyone else's (JSON). */
    public String roundOf(final String token)
    {
        return rounds.studentJson(participantOf(token), System.currentTimeMillis());
    }

    /** Every round's schedules, equilibrium, price path, measures and profits (JSON, for the instructor). */
    public String roundsForInstructor()
    {
        return rounds.instructorJson(System.currentTimeMillis());
    }

    /** Every round's orders, trades and profits as CSV ({@link RoundCsv#COLUMNS}). */
    public String roundsCsv()
    {
        return RoundCsv.of(rounds.all());
    }

    private void roundTick()
    {
        try
        {
            if (rounds.tick(System.currentTimeMillis()))
            {
                publishSession();
            }
        }
        catch (final RuntimeException ex)
        {
            loadError = "the round stopped: " + ex.getMessage();
            publishSession();
        }
    }

    // ------------------------------------------------------------------------------------------ state

    /** The page's state as JSON: {"version", "session", "market"}. */
    public String stateJson()
    {
        return hub.json();
    }

    /** Waits for the driver to finish what was asked before, then returns the state (for tests). */
    String settledStateJson()
    {
        call(() ->
        {
            if (pipeline != null)
            {
                pipeline.drain();
            }
            return null;
        });
        return hub.json();
    }

    @Override
    public void close()
    {
        try
        {
            call(() ->
            {
                stopPipeline();
                return null;
            });
        }
        finally
        {
            driver.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ driver thread

    private void start(final Script loaded)
    {
        stopPipeline();
        script = loaded;
        rows = new ConcurrentHashMap<>();
        liveOrders = new ConcurrentHashMap<>();
        watch = new MarketWatch(loaded.catalog(), loaded.rules(), loaded.ids(), rows, liveOrders, hub::publishMarket);
        pipeline = EnginePipeline.start(new EngineContext()
            .catalog(loaded.catalog())
            .rules(loaded.rules())
            .schedule(loaded.schedule())
            .waitStrategy(WaitStrategyName.BLOCKING)
            .listener(watch));
        orders = new StudentOrders(loaded, command, pipeline, watch, rows, this::marker, this::instrumentOf);
        final Catalog catalog = loaded.catalog();
        for (final String id : logins.participants())
        {
            final Participant p = catalog.participant(id);
            if (p != null)
            {
                watch.watch(p.index());
            }
        }
        cursor = 0;
        now = loaded.startNanos();
        playing = false;
        loadError = null;
        final int first = loaded.focusInstrument();
        focus = first >= 0 ? catalog.instrument(first).symbol() : "";
        loadSerial++;
        marker();
        pipeline.drain();
    }

    private void stopPipeline()
    {
        if (pipeline != null)
        {
            pipeline.close();
            pipeline = null;
        }
    }

    private void tick()
    {
        try
        {
            if (!playing || pipeline == null)
            {
                return;
            }
            final long wall = System.nanoTime();
            long target = now + (long)((wall - lastWall) * speed);
            lastWall = wall;
            int submitted = 0;
            while (cursor < script.size() && script.timeNanos(cursor) <= target && submitted < MAX_COMMANDS_PER_TICK)
            {
                submitPlanned();
                submitted++;
            }
            if (submitted == MAX_COMMANDS_PER_TICK && cursor < script.size())
            {
                target = now;
            }
            now = Math.max(now, target);
            marker();
        }
        catch (final RuntimeException ex)
        {
            playing = false;
            loadError = "stopped: " + ex.getMessage();
            publishSession();
        }
    }

    private void submitPlanned()
    {
        final RowInfo info = script.fill(command, cursor, this::instrumentOf);
        if (info != null)
        {
            if (command.userRef == 0)
            {
                command.userRef = info.line();
            }
            rows.put(command.userRef, info);
        }
        now = Math.max(now, command.timeNanos);
        cursor++;
        pipeline.submit(command);
    }

    /** Ends a batch: a CLOCK at the simulated time (lots due close, phases change; the market is published). */
    private void marker()
    {
        pipeline.submit(command.clock(now));
        publishSession();
    }

    private int instrumentOf(final long exchangeOrderId)
    {
        pipeline.drain();
        return liveOrders.getOrDefault(exchangeOrderId, Command.UNKNOWN);
    }

    private void requireScenario()
    {
        if (pipeline == null)
        {
            throw new ClassroomException("no scenario is loaded");
        }
    }

    private void publishSession()
    {
        final Json j = new Json().beginObject();
        j.field("scenario", script == null ? "" : script.id())
            .field("title", script == null ? "" : script.title())
            .field("focus", focus)
            .field("loads", loadSerial)
            .field("playing", playing)
            .field("speed", speed)
            .field("cursor", cursor)
            .field("total", script == null ? 0 : script.size())
            .field("now", ReplayListener.time(now))
            .field("nowNanos", now)
            .field("next", script != null && cursor < script.size() ? ReplayListener.time(script.timeNanos(cursor)) :
                "")
            .field("pinRequired", logins.pinRequired())
            .field("instructorPinRequired", logins.instructorPinRequired())
            .field("error", loadError != null ? loadError : watch != null && watch.failure() != null ?
                "the market view failed: " + watch.failure() : "");
        logins.write(j);
        rounds.writePublic(j, System.currentTimeMillis());
        j.key("speeds").beginArray();
        for (final double s : SPEEDS)
        {
            j.value(s);
        }
        j.endArray();
        j.key("scenarios").beginArray();
        for (final Scenarios.Choice c : Scenarios.ALL)
        {
            j.beginObject().field("id", c.id()).field("title", c.title()).endObject();
        }
        j.endArray();
        hub.publishSession(j.endObject().toString());
    }

    private <T> T call(final Callable<T> work)
    {
        final Future<T> future = driver.submit(work);
        try
        {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof ClassroomException c)
            {
                throw c;
            }
            if (cause instanceof RuntimeException r)
            {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ClassroomException(503, "interrupted");
        }
        catch (final TimeoutException ex)
        {
            throw new ClassroomException(503, "the classroom is busy (a scenario is loading?): try again");
        }
    }

    /** For tests: the participants of the loaded catalog. */
    List<String> participantIds()
    {
        return call(() ->
        {
            final List<String> ids = new ArrayList<>();
            for (final Participant p : script.catalog().participants())
            {
                ids.add(p.id());
            }
            return ids;
        });
    }
}
