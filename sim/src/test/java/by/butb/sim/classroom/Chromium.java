package by.butb.sim.classroom;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A headless Chromium (Debian's package) driven over the Chrome DevTools Protocol with the JDK's WebSocket client:
 * no driver binary, nothing downloaded. One page; evaluate JavaScript in it, wait for a condition, screenshot it.
 */
public final class Chromium implements AutoCloseable
{
    static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> consoleErrors = new ConcurrentLinkedQueue<>();
    private int width = 1600;
    private int height = 1000;
    private boolean mobile;

    private Chromium(final Process process, final Path profile, final WebSocket socket)
    {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The Chromium binary: -Dchromium.binary, else the first of {@link #CANDIDATES} that exists, else null. */
    static String binary()
    {
        final String configured = System.getProperty("chromium.binary");
        if (configured != null && !configured.isBlank())
        {
            return configured;
        }
        for (final String c : CANDIDATES)
        {
            if (Files.isExecutable(Path.of(c)))
            {
                return c;
            }
        }
        return null;
    }

    public static Chromium launch() throws Exception
    {
        final String binary = binary();
        if (binary == null)
        {
            throw new AssertionError("Chromium is not installed, and the classroom's browser tests need it. Install " +
                "it with: sudo apt-get install chromium   (Debian, Ubuntu; ./butb test does this when it is missing " +
                "and it can), or point -Dchromium.binary=/path/to/chromium at a Chromium or Chrome.");
        }
        final Path profile = Files.createTempDirectory("butb-chromium-");
        final Process process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, "--remote-debugging-port=0",
            "--remote-allow-origins=*", "--window-size=1600,1000", "--hide-scrollbars", "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
        try
        {
            final int port = devToolsPort(process, profile);
            final HttpClient http = HttpClient.newHttpClient();
            String page = null;
            final long end = System.nanoTime() + WAIT.toNanos();
            while (page == null && System.nanoTime() < end)
            {
                final URI targets = URI.create("http://127.0.0.1:" + port + "/json/list");
                final String list = http.send(HttpRequest.newBuilder(targets).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
                for (final Object target : (List<?>)MiniJson.parse(list))
                {
                    final Map<?, ?> t = (Map<?, ?>)target;
                    if ("page".equals(t.get("type")))
                    {
                        page = (String)t.get("webSocketDebuggerUrl");
                        break;
                    }
                }
                Thread.sleep(50);
            }
            if (page == null)
            {
                throw new AssertionError("Chromium started but shows no page target");
            }
            final Chromium[] self = new Chromium[1];
            final Listener listener = new Listener(self);
            final WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new Chromium(process, profile, socket);
            self[0].call("Page.enable", "{}");
            self[0].call("Runtime.enable", "{}");
            self[0].call("Log.enable", "{}");
            return self[0];
        }
        catch (final Exception | AssertionError ex)
        {
            process.destroyForcibly();
            throw ex;
        }
    }

    private static int devToolsPort(final Process process, final Path profile) throws Exception
    {
        final Path file = profile.resolve("DevToolsActivePort");
        final long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end)
        {
            if (Files.exists(file))
            {
                final List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank())
                {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive())
            {
                throw new AssertionError("Chromium exited with " + process.exitValue() + ": " +
                    Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Chromium did not open its DevTools port within " + WAIT.toSeconds() + " s");
    }

    /** Sends a DevTools command; returns its "result" object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(final String method, final String paramsJson) throws Exception
    {
        final long id = ids.incrementAndGet();
        final CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        calls.put(id, f);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}", true)
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        final Map<String, Object> answer = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (answer.containsKey("error"))
        {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return (Map<String, Object>)answer.get("result");
    }

    public void navigate(final String url) throws Exception
    {
        call("Page.navigate", "{\"url\":" + quote(url) + "}");
    }

    /** Evaluates an expression in the page (promises awaited); returns its value as JSON types. */
    @SuppressWarnings("unchecked")
    public Object eval(final String expression) throws Exception
    {
        final Map<String, Object> r = call("Runtime.evaluate", "{\"expression\":" + quote(expression) +
            ",\"returnByValue\":true,\"awaitPromise\":true}");
        if (r.containsKey("exceptionDetails"))
        {
            throw new AssertionError("page script failed: " + expression + " -> " + r.get("exceptionDetails"));
        }
        return ((Map<String, Object>)r.get("result")).get("value");
    }

    String text(final String selector) throws Exception
    {
        final Object v = eval("(() => { const e = document.querySelector(" + quote(selector) +
            "); return e ? e.textContent : null; })()");
        return (String)v;
    }

    public void click(final String selector) throws Exception
    {
        final Object found = eval("(() => { const e = document.querySelector(" + quote(selector) +
            "); if (!e) return false; e.click(); return true; })()");
        if (!Boolean.TRUE.equals(found))
        {
            throw new AssertionError("nothing to click at " + selector);
        }
    }

    /** Sets an input's or select's value (and fires change, as a person choosing would). */
    void fill(final String selector, final String value) throws Exception
    {
        final Object found = eval("(() => { const e = document.querySelector(" + quote(selector) +
            "); if (!e) return false; e.value = " + quote(value) +
            "; e.dispatchEvent(new Event('change', {bubbles: true})); return true; })()");
        if (!Boolean.TRUE.equals(found))
        {
            throw new AssertionError("no field at " + selector);
        }
    }

    /** Waits until the expression is truthy in the page; fails naming {@code what} and the page's message. */
    void waitFor(final String expression, final String what) throws Exception
    {
        final long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end)
        {
            final Object v = eval("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()");
            if (Boolean.TRUE.equals(v))
            {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + " (" + expression + "); page message: " +
            text("#message") + "; status: " + text("#status"));
    }

    /** Sets the viewport, in CSS pixels; {@code mobile} emulates a phone (its viewport meta tag, touch layout). */
    void resize(final int newWidth, final int newHeight, final boolean newMobile) throws Exception
    {
        width = newWidth;
        height = newHeight;
        mobile = newMobile;
        metrics(height);
    }

    /** A PNG of the page at the viewport's width x its full height. */
    void screenshot(final Path file) throws Exception
    {
        final Object full = eval("Math.ceil(document.documentElement.scrollHeight)");
        metrics(Math.max(height, ((Number)full).intValue()));
        final Map<String, Object> r = call("Page.captureScreenshot", "{\"format\":\"png\"}");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode((String)r.get("data")));
        metrics(height);
    }

    private void metrics(final int viewHeight) throws Exception
    {
        call("Emulation.setDeviceMetricsOverride", "{\"width\":" + width + ",\"height\":" + viewHeight +
            ",\"deviceScaleFactor\":1,\"mobile\":" + mobile + "}");
    }

    /** The console errors, uncaught exceptions and failed loads (a 404 included) seen since the last call. */
    public List<String> takeConsoleErrors()
    {
        final List<String> out = List.copyOf(consoleErrors);
        consoleErrors.removeAll(out);
        return out;
    }

    /**
     * Stops the browser and its child processes (renderer, network service: they write into the profile until
     * they exit), then deletes the profile, best effort: a file that vanishes meanwhile is skipped.
     */
    @Override
    public void close() throws IOException
    {
        final List<ProcessHandle> children = process.descendants().toList();
        socket.abort();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try
        {
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (final ProcessHandle child : children)
            {
                try
                {
                    child.onExit().get(5, TimeUnit.SECONDS);
                }
                catch (final ExecutionException | TimeoutException ex)
                {
                    child.destroyForcibly();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        Files.walkFileTree(profile, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes)
            {
                file.toFile().delete();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException ex) throws IOException
            {
                if (ex instanceof NoSuchFileException)
                {
                    return FileVisitResult.CONTINUE;
                }
                throw ex;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path directory, final IOException ex)
            {
                directory.toFile().delete();
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void noteError(final Map<String, Object> message)
    {
        final Object method = message.get("method");
        final Map<?, ?> params = (Map<?, ?>)message.get("params");
        if ("Runtime.exceptionThrown".equals(method))
        {
            consoleErrors.add("exception: " + params.get("exceptionDetails"));
        }
        else if ("Runtime.consoleAPICalled".equals(method) && "error".equals(params.get("type")))
        {
            consoleErrors.add("console.error: " + params.get("args"));
        }
        else if ("Log.entryAdded".equals(method) && "error".equals(((Map<?, ?>)params.get("entry")).get("level")))
        {
            final Map<?, ?> entry = (Map<?, ?>)params.get("entry");
            consoleErrors.add(entry.get("source") + ": " + entry.get("text") + " " + entry.get("url"));
        }
    }

    static String quote(final String s)
    {
        return Json.quote(s);
    }

    /** Collects each message's text frames and completes the call its id answers; events are ignored. */
    private static final class Listener implements WebSocket.Listener
    {
        private final Chromium[] owner;
        private final StringBuilder text = new StringBuilder();

        Listener(final Chromium[] owner)
        {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                final Map<String, Object> message = MiniJson.object(text.toString());
                text.setLength(0);
                final Object id = message.get("id");
                if (id == null && owner[0] != null)
                {
                    owner[0].noteError(message);
                }
                else if (id != null && owner[0] != null)
                {
                    final CompletableFuture<Map<String, Object>> f = owner[0].calls.remove(((Number)id).longValue());
                    if (f != null)
                    {
                        f.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
