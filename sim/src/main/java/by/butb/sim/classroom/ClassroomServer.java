package by.butb.sim.classroom;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The classroom's web server (Javalin on Jetty): the page and its bundled assets, the state as JSON, a
 * server-sent-events stream of it, and the form posts of the instructor's controls and the students' orders.
 *
 * <p>Endpoints: {@code GET /} (the page), {@code GET /app.js}, {@code /rounds.js}, {@code /app.css},
 * {@code /chart.js} (Chart.js from its WebJar: the page needs no network); {@code GET /api/state} (JSON);
 * {@code GET /api/stream} (SSE, one "data:" message per new state, gzip when the browser accepts it);
 * {@code POST /api/control} (action = load | play | pause | step | speed | class-open | class-close | round-start |
 * round-end | check, with scenario, speed, code, pin, and for round-start robots, robotKind, units, seconds,
 * simSeconds, seed; check only tests the PIN); {@code POST /api/login} (participant, pin) and
 * {@code POST /api/join} (code, name, pin: a seat in the open class) return a token; {@code POST /api/logout}
 * (token); {@code POST /api/order} (token and order-file columns); {@code POST /api/round/order} (token, price: the
 * student's next unit in the running round), {@code POST /api/round/me} (token: that student's round, values
 * included), {@code POST /api/round/instructor} (pin: every round's schedules and measures),
 * {@code GET /api/round/csv?pin=} (the rounds' CSV, a download). Posts are form-encoded; answers are JSON, errors
 * {"error": "..."} with status 400 (bad input), 401 (not logged in), 403 (wrong PIN or class code), 404, 405, 409
 * (no trader free for a new seat).
 *
 * <p>Threading: Jetty's pool runs the requests (an open stream holds one thread); the classroom serialises the work.
 */
public final class ClassroomServer implements AutoCloseable
{
    private static final int MAX_BODY = 16 * 1024;
    private static final long KEEPALIVE_MILLIS = 15_000;
    /** At most about 6 states a second to each browser; what changes meanwhile arrives with the next one. */
    private static final long MIN_INTERVAL_MILLIS = 150;
    private static final String JSON = "application/json; charset=utf-8";
    private static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final Map<String, String> ASSETS = Map.of(
        "/", "classroom/index.html",
        "/index.html", "classroom/index.html",
        "/app.js", "classroom/app.js",
        "/app.css", "classroom/app.css",
        "/rounds.js", "classroom/rounds.js",
        "/chart.js", CHART_JS);

    private final Classroom classroom;
    /** Each path served, with the one method it answers (for the 405 text). */
    private final Map<String, HandlerType> routes = new LinkedHashMap<>();
    /** The threads serving an open stream, interrupted by {@link #close}. */
    private final Set<Thread> streams = ConcurrentHashMap.newKeySet();
    private final Javalin app;
    private final String host;
    private volatile boolean closed;

    private ClassroomServer(final Classroom classroom, final String host, final int port)
    {
        this.classroom = classroom;
        this.host = host;
        this.app = Javalin.create(config -> configure(config, host, port));
    }

    /**
     * Binds {@code host:port} (port 0: a free port, see {@link #port()}) and starts serving.
     *
     * @throws IOException when it cannot listen there (the port is taken, the host is not this machine's).
     */
    public static ClassroomServer start(final Classroom classroom, final String host, final int port) throws IOException
    {
        final ClassroomServer s = new ClassroomServer(classroom, host, port);
        try
        {
            s.app.start();
        }
        catch (final RuntimeException ex)
        {
            s.app.stop();
            Throwable cause = ex;
            while (cause.getCause() != null && !(cause instanceof IOException))
            {
                cause = cause.getCause();
            }
            final BindException bind = bindFailure(ex);
            if (bind != null)
            {
                throw new IOException(bindReason(bind), ex);
            }
            throw new IOException(cause.getMessage() == null ? ex.getMessage() : cause.getMessage(), ex);
        }
        return s;
    }

    private static BindException bindFailure(final Throwable ex)
    {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            if (t instanceof BindException bind)
            {
                return bind;
            }
        }
        return null;
    }

    /** The operating system's reason for a failed bind, in words a teacher can act on. */
    private static String bindReason(final BindException bind)
    {
        final String message = bind.getMessage() == null ? "" : bind.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("in use"))
        {
            return "the port is in use (another program listens on it; pick another --port, or 0 for a free one)";
        }
        if (message.contains("assign requested address"))
        {
            return "the address is not one of this machine's (--host)";
        }
        if (message.contains("permission denied"))
        {
            return "permission denied (ports below 1024 need administrator rights; pick a port above 1023)";
        }
        return bind.getMessage();
    }

    public int port()
    {
        return app.port();
    }

    public String url()
    {
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port() +
            "/";
    }

    @Override
    public void close()
    {
        closed = true;
        streams.forEach(Thread::interrupt);
        app.stop();
    }

    private void configure(final JavalinConfig config, final String host, final int port)
    {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.host = host;
        config.jetty.port = port;
        config.http.prefer405over404 = true;
        ASSETS.forEach((path, resource) -> route(config, HandlerType.GET, path, ctx -> asset(ctx, resource)));
        route(config, HandlerType.GET, "/api/state", ctx -> json(ctx, classroom.stateJson()));
        route(config, HandlerType.GET, "/api/stream", this::stream);
        route(config, HandlerType.POST, "/api/control", this::control);
        route(config, HandlerType.POST, "/api/login", ctx ->
        {
            final Map<String, String> form = form(ctx);
            final String token = classroom.login(form.getOrDefault("participant", ""), form.get("pin"));
            json(ctx, new Json().beginObject().field("token", token)
                .field("participant", classroom.participantOf(token)).endObject().toString());
        });
        route(config, HandlerType.POST, "/api/join", ctx ->
        {
            final Map<String, String> form = form(ctx);
            final Classroom.Joined joined = classroom.join(form.get("code"), form.get("name"), form.get("pin"));
            json(ctx, new Json().beginObject().field("token", joined.token())
                .field("participant", joined.seat().participant()).field("role", joined.seat().role())
                .field("name", joined.seat().name()).endObject().toString());
        });
        route(config, HandlerType.POST, "/api/logout", ctx ->
        {
            classroom.logout(form(ctx).get("token"));
            json(ctx, "{\"ok\":true}");
        });
        route(config, HandlerType.POST, "/api/order", ctx ->
        {
            final Map<String, String> form = form(ctx);
            json(ctx, classroom.order(form.get("token"), form).json());
        });
        roundRoutes(config);
        config.routes.exception(ClassroomException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e));
        config.routes.error(404, ctx -> error(ctx, 404,
            (ctx.path().startsWith("/api/") ? "no such endpoint: " : "no such page: ") + ctx.path()));
        config.routes.error(405, ctx ->
        {
            final HandlerType allowed = routes.get(ctx.path());
            error(ctx, 405, ctx.method() + " is not allowed here" + (allowed == null ? "" : "; use " + allowed));
        });
    }

    /** The endpoints of rounds: /api/round/order, /me, /instructor, /csv. */
    private void roundRoutes(final JavalinConfig config)
    {
        route(config, HandlerType.POST, "/api/round/order", ctx ->
        {
            final Map<String, String> form = form(ctx);
            final String result = classroom.roundOrder(form.get("token"), form.get("price"));
            json(ctx, new Json().beginObject().field("result", result).endObject().toString());
        });
        route(config, HandlerType.POST, "/api/round/me", ctx -> json(ctx, classroom.roundOf(form(ctx).get("token"))));
        route(config, HandlerType.POST, "/api/round/instructor", ctx ->
        {
            classroom.checkInstructor(form(ctx).get("pin"));
            json(ctx, classroom.roundsForInstructor());
        });
        route(config, HandlerType.GET, "/api/round/csv", ctx ->
        {
            final String query = ctx.queryString();
            classroom.checkInstructor(parseForm(query == null ? "" : query).get("pin"));
            ctx.header("Content-Disposition", "attachment; filename=\"rounds.csv\"");
            send(ctx, 200, "text/csv; charset=utf-8", classroom.roundsCsv());
        });
    }

    private void route(final JavalinConfig config, final HandlerType method, final String path, final Handler handler)
    {
        routes.put(path, method);
        config.routes.addHttpHandler(method, path, handler);
    }

    private void control(final Context ctx) throws IOException
    {
        final Map<String, String> form = form(ctx);
        classroom.checkInstructor(form.get("pin"));
        final String action = form.getOrDefault("action", "");
        switch (action)
        {
            case "load" -> classroom.load(form.getOrDefault("scenario", ""));
            case "play" -> classroom.play();
            case "pause" -> classroom.pause();
            case "step" -> classroom.step();
            case "speed" -> classroom.speed(number("speed", form.getOrDefault("speed", "")));
            case "class-open" -> classroom.openClass(form.getOrDefault("code", ""));
            case "class-close" -> classroom.closeClass();
            case "round-start" -> classroom.startRound(form);
            case "round-end" -> classroom.endRound();
            case "check" ->
            {
                // the PIN alone: the page unlocks the instructor's controls when it is right
            }
            default -> throw new ClassroomException("field 'action': '" + action +
                "' is not one of load, play, pause, step, speed, class-open, class-close, round-start, " +
                "round-end, check");
        }
        json(ctx, "{\"ok\":true}");
    }

    /**
     * Server-sent events: the state now, then each new version; a comment line every 15 s keeps it open. Written
     * straight to the response (not through Javalin's SSE client) so that each message can be gzipped and flushed
     * whole (syncFlush): the state is repetitive JSON of tens of KB with the study's 395 participants, about ten
     * times smaller gzipped, for a class on Wi-Fi.
     */
    private void stream(final Context ctx) throws IOException
    {
        final boolean gzip = String.valueOf(ctx.header("Accept-Encoding")).contains("gzip");
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        if (gzip)
        {
            ctx.res().setHeader("Content-Encoding", "gzip");
        }
        ctx.res().setStatus(200);
        final ViewHub hub = classroom.hub();
        streams.add(Thread.currentThread());
        try (OutputStream out = gzip ? new GZIPOutputStream(ctx.res().getOutputStream(), true) :
            ctx.res().getOutputStream())
        {
            long seen = -1;
            while (!closed)
            {
                final long version = hub.await(seen, KEEPALIVE_MILLIS);
                if (version == seen)
                {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                seen = version;
                out.write(("data: " + hub.json() + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(MIN_INTERVAL_MILLIS);
            }
        }
        catch (final IOException | InterruptedException gone)
        {
            // the browser went away, or the server stops
        }
        finally
        {
            streams.remove(Thread.currentThread());
        }
    }

    private static void asset(final Context ctx, final String resource) throws IOException
    {
        try (InputStream in = ClassroomServer.class.getClassLoader().getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new ClassroomException(500, resource + " is missing from the jar; rebuild with mvn install");
            }
            final String type = resource.endsWith(".html") ? "text/html" : resource.endsWith(".js") ?
                "text/javascript" : "text/css";
            send(ctx, 200, type + "; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void json(final Context ctx, final String body)
    {
        send(ctx, 200, JSON, body);
    }

    private static void error(final Context ctx, final int status, final String message)
    {
        send(ctx, status, JSON, Json.error(message));
    }

    private static void send(final Context ctx, final int status, final String type, final String body)
    {
        ctx.status(status).contentType(type).header("Cache-Control", "no-store").result(body);
    }

    /** The form fields of a POST body (application/x-www-form-urlencoded, at most 16 KiB). */
    private static Map<String, String> form(final Context ctx) throws IOException
    {
        final byte[] body = ctx.req().getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY)
        {
            throw new ClassroomException("the request body is larger than " + MAX_BODY + " bytes");
        }
        return parseForm(new String(body, StandardCharsets.UTF_8));
    }

    static Map<String, String> parseForm(final String body)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String pair : body.split("&"))
        {
            if (pair.isEmpty())
            {
                continue;
            }
            final int eq = pair.indexOf('=');
            try
            {
                final String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.put(key, value);
            }
            catch (final IllegalArgumentException e)
            {
                throw new ClassroomException("the form field '" + pair + "' is not URL-encoded text");
            }
        }
        return fields;
    }

    private static double number(final String field, final String text)
    {
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException e)
        {
            throw new ClassroomException("field '" + field + "': '" + text + "' is not a number");
        }
    }
}
