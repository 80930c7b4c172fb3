package by.butb.sim.classroom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * The classroom's web server (the JDK's {@link HttpServer}): the page and its bundled assets, the state as JSON,
 * a server-sent-events stream of it, and the form posts of the instructor's controls and the students' orders.
 *
 * <p>Endpoints: {@code GET /} (the page), {@code GET /app.js}, {@code /rounds.js}, {@code /app.css};
 * {@code GET /api/state} (JSON);
 * {@code GET /api/stream} (SSE, one "data:" message per new state); {@code POST /api/control} (action = load |
 * play | pause | step | speed | class-open | class-close | round-start | round-end | check, with scenario, speed,
 * code, pin, and for round-start robots, robotKind, units, seconds, simSeconds, seed; check only tests the PIN);
 * {@code POST /api/login} (participant, pin) and {@code POST /api/join} (code, name, pin: a seat in the open class)
 * return a token; {@code POST /api/logout} (token); {@code POST /api/order} (token and order-file
 * columns); {@code POST /api/round/order} (token, price: the student's next unit in the running round),
 * {@code POST /api/round/me} (token: that student's round, values included), {@code POST /api/round/instructor}
 * (pin: every round's schedules and measures), {@code GET /api/round/csv?pin=} (the rounds' CSV, a download).
 * Posts are form-encoded; answers are JSON, errors {"error": "..."} with status 400 (bad input), 401
 * (not logged in), 403 (wrong PIN or class code), 404, 405, 409 (no trader free for a new seat).
 *
 * <p>Threading: requests run on a cached pool (an open stream holds one thread); the classroom serialises the work.
 */
public final class ClassroomServer implements AutoCloseable
{
    private static final long MAX_BODY = 16 * 1024;
    private static final long KEEPALIVE_MILLIS = 15_000;
    /** At most about 6 states a second to each browser; what changes meanwhile arrives with the next one. */
    private static final long MIN_INTERVAL_MILLIS = 150;
    private static final Map<String, String> ASSETS = Map.of(
        "/", "index.html",
        "/index.html", "index.html",
        "/app.js", "app.js",
        "/app.css", "app.css",
        "/rounds.js", "rounds.js");

    private final Classroom classroom;
    private final HttpServer server;
    private final ExecutorService pool;
    private volatile boolean closed;

    private ClassroomServer(final Classroom classroom, final HttpServer server, final ExecutorService pool)
    {
        this.classroom = classroom;
        this.server = server;
        this.pool = pool;
    }

    /** Binds {@code host:port} (port 0: a free port, see {@link #port()}) and starts serving. */
    public static ClassroomServer start(final Classroom classroom, final String host, final int port) throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        final ExecutorService pool = Executors.newCachedThreadPool(r ->
        {
            final Thread t = new Thread(r, "classroom-http");
            t.setDaemon(true);
            return t;
        });
        final ClassroomServer s = new ClassroomServer(classroom, server, pool);
        server.createContext("/", s::handle);
        server.setExecutor(pool);
        server.start();
        return s;
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    public String url()
    {
        final String host = server.getAddress().getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    @Override
    public void close()
    {
        closed = true;
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(final HttpExchange ex) throws IOException
    {
        try (ex)
        {
            final String path = ex.getRequestURI().getPath();
            final String method = ex.getRequestMethod();
            try
            {
                if (path.startsWith("/api/"))
                {
                    api(ex, path, method);
                }
                else if (ASSETS.containsKey(path))
                {
                    requireMethod(method, "GET");
                    asset(ex, ASSETS.get(path));
                }
                else
                {
                    throw new ClassroomException(404, "no such page: " + path);
                }
            }
            catch (final ClassroomException e)
            {
                send(ex, e.status(), "application/json", Json.error(e.getMessage()));
            }
            catch (final RuntimeException e)
            {
                send(ex, 500, "application/json", Json.error("internal error: " + e));
            }
        }
    }

    private void api(final HttpExchange ex, final String path, final String method) throws IOException
    {
        switch (path)
        {
            case "/api/state" ->
            {
                requireMethod(method, "GET");
                send(ex, 200, "application/json", classroom.stateJson());
            }
            case "/api/stream" ->
            {
                requireMethod(method, "GET");
                stream(ex);
            }
            case "/api/control" ->
            {
                requireMethod(method, "POST");
                final Map<String, String> form = form(ex);
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
                send(ex, 200, "application/json", "{\"ok\":true}");
            }
            case "/api/login" ->
            {
                requireMethod(method, "POST");
                final Map<String, String> form = form(ex);
                final String participant = form.getOrDefault("participant", "");
                final String token = classroom.login(participant, form.get("pin"));
                send(ex, 200, "application/json", new Json().beginObject().field("token", token)
                    .field("participant", classroom.participantOf(token)).endObject().toString());
            }
            case "/api/join" ->
            {
                requireMethod(method, "POST");
                final Map<String, String> form = form(ex);
                final Classroom.Joined joined = classroom.join(form.get("code"), form.get("name"), form.get("pin"));
                send(ex, 200, "application/json", new Json().beginObject().field("token", joined.token())
                    .field("participant", joined.seat().participant()).field("role", joined.seat().role())
                    .field("name", joined.seat().name()).endObject().toString());
            }
            case "/api/logout" ->
            {
                requireMethod(method, "POST");
                classroom.logout(form(ex).get("token"));
                send(ex, 200, "application/json", "{\"ok\":true}");
            }
            case "/api/order" ->
            {
                requireMethod(method, "POST");
                final Map<String, String> form = form(ex);
                send(ex, 200, "application/json", classroom.order(form.get("token"), form).json());
            }
            default ->
            {
                if (!path.startsWith("/api/round/"))
                {
                    throw new ClassroomException(404, "no such endpoint: " + path);
                }
                roundApi(ex, path, method);
            }
        }
    }

    /** The endpoints of rounds: /api/round/order, /me, /instructor, /csv. */
    private void roundApi(final HttpExchange ex, final String path, final String method) throws IOException
    {
        switch (path)
        {
            case "/api/round/order" ->
            {
                requireMethod(method, "POST");
                final Map<String, String> form = form(ex);
                final String result = classroom.roundOrder(form.get("token"), form.get("price"));
                send(ex, 200, "application/json", new Json().beginObject().field("result", result).endObject()
                    .toString());
            }
            case "/api/round/me" ->
            {
                requireMethod(method, "POST");
                send(ex, 200, "application/json", classroom.roundOf(form(ex).get("token")));
            }
            case "/api/round/instructor" ->
            {
                requireMethod(method, "POST");
                classroom.checkInstructor(form(ex).get("pin"));
                send(ex, 200, "application/json", classroom.roundsForInstructor());
            }
            case "/api/round/csv" ->
            {
                requireMethod(method, "GET");
                final String query = ex.getRequestURI().getRawQuery();
                classroom.checkInstructor(parseForm(query == null ? "" : query).get("pin"));
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"rounds.csv\"");
                send(ex, 200, "text/csv", classroom.roundsCsv());
            }
            default -> throw new ClassroomException(404, "no such endpoint: " + path);
        }
    }

    /** Server-sent events: the state now, then each new version; a comment line every 15 s keeps it open. */
    private void stream(final HttpExchange ex) throws IOException
    {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        // The state is repetitive JSON (tens of KB with the study's 395 participants): gzip makes it ~10x smaller
        // for a class on Wi-Fi; each message is flushed whole (syncFlush).
        final boolean gzip = ex.getRequestHeaders().getOrDefault("Accept-Encoding", java.util.List.of()).stream()
            .anyMatch(v -> v.contains("gzip"));
        if (gzip)
        {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(200, 0);
        final OutputStream out = gzip ? new GZIPOutputStream(ex.getResponseBody(), true) : ex.getResponseBody();
        final ViewHub hub = classroom.hub();
        long seen = -1;
        try
        {
            while (!closed)
            {
                final long version = hub.await(seen, KEEPALIVE_MILLIS);
                if (version == seen)
                {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8));
                }
                else
                {
                    seen = version;
                    out.write(("data: " + hub.json() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(MIN_INTERVAL_MILLIS);
                    continue;
                }
                out.flush();
            }
        }
        catch (final IOException | InterruptedException gone)
        {
            // the browser went away, or the server stops
        }
    }

    private static void asset(final HttpExchange ex, final String name) throws IOException
    {
        try (InputStream in = ClassroomServer.class.getClassLoader().getResourceAsStream("classroom/" + name))
        {
            if (in == null)
            {
                throw new ClassroomException(500,
                    "classroom/" + name + " is missing from the jar; rebuild with mvn install");
            }
            final String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" :
                "text/css";
            send(ex, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void send(final HttpExchange ex, final int status, final String type, final String body)
        throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void requireMethod(final String method, final String expected)
    {
        if (!expected.equals(method))
        {
            throw new ClassroomException(405, method + " is not allowed here; use " + expected);
        }
    }

    /** The form fields of a POST body (application/x-www-form-urlencoded, at most 16 KiB). */
    static Map<String, String> form(final HttpExchange ex) throws IOException
    {
        final byte[] body = ex.getRequestBody().readNBytes((int)MAX_BODY + 1);
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
