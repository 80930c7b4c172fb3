package by.butb.sim.classroom;

import by.butb.sim.Butb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classroom's HTTP endpoints, with the JDK's HTTP client. */
@Timeout(60)
class ClassroomServerTest
{
    private ClassroomHttp web;
    private Classroom classroom;

    @BeforeEach
    void start() throws Exception
    {
        web = new ClassroomHttp(null);
        classroom = web.classroom;
    }

    @AfterEach
    void stop()
    {
        web.close();
    }

    @Test
    void shouldServeThePageAndItsAssetsFromTheJarWithoutAnyOtherHost() throws Exception
    {
        final Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
        for (final String path : new String[] {"/", "/app.js", "/app.css"})
        {
            final HttpResponse<String> r = web.get(path);
            assertEquals(200, r.statusCode(), path);
            assertFalse(r.body().isEmpty(), path);
            assertFalse(external.matcher(r.body()).find(), path + " names another host: " +
                external.matcher(r.body()).results().map(m -> m.group()).toList());
        }
        assertTrue(web.get("/").headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(web.get("/app.js").body().contains("new EventSource('/api/stream')"));
    }

    @Test
    void shouldAnswerTheStateAsJson() throws Exception
    {
        final HttpResponse<String> r = web.get("/api/state");
        assertEquals(200, r.statusCode());
        final Map<String, Object> state = MiniJson.object(r.body());
        assertEquals("free", ((Map<?, ?>)state.get("session")).get("scenario"));
        assertFalse(((java.util.List<?>)((Map<?, ?>)state.get("market")).get("instruments")).isEmpty());
    }

    @Test
    void shouldStreamTheStateAsServerSentEventsAndSendTheNextOneAfterAnOrder() throws Exception
    {
        final HttpResponse<InputStream> r = web.stream("/api/stream");
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)))
        {
            final String first = in.readLine();
            assertTrue(first.startsWith("data: {"), first);
            assertEquals("", in.readLine());
            final long version = ((Number)MiniJson.object(first.substring(6)).get("version")).longValue();
            final String token = (String)MiniJson.object(web.post("/api/login", "participant=BY-SAWMILL-01").body())
                .get("token");
            final HttpResponse<String> placed = web.post("/api/order", "token=" + token +
                "&action=NEW&instrument=TIMBER_SW&side=SELL&type=LIMIT&tif=GTC&price=190.00&quantity=5");
            assertEquals(200, placed.statusCode(), placed.body());
            String line;
            String last = null;
            while ((line = in.readLine()) != null)
            {
                if (line.startsWith("data: "))
                {
                    last = line.substring(6);
                    if (last.contains("\"price\":\"190.00\""))
                    {
                        break;
                    }
                }
            }
            assertTrue(((Number)MiniJson.object(last).get("version")).longValue() > version);
        }
    }

    @Test
    void shouldGzipTheStreamForABrowserThatAcceptsIt() throws Exception
    {
        final HttpResponse<InputStream> r = web.stream("/api/stream", "Accept-Encoding", "gzip");
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream in = r.body())
        {
            final byte[] magic = in.readNBytes(2);
            assertEquals(0x1f, magic[0] & 0xff);
            assertEquals(0x8b, magic[1] & 0xff);
        }
    }

    @Test
    void shouldAnswerBadRequestsWithAStatusAndAJsonError() throws Exception
    {
        final HttpResponse<String> missing = web.get("/nothing-here");
        assertEquals(404, missing.statusCode());
        assertEquals("no such page: /nothing-here", MiniJson.object(missing.body()).get("error"));
        assertEquals(405, web.get("/api/control").statusCode());
        final HttpResponse<String> action = web.post("/api/control", "action=rewind");
        assertEquals(400, action.statusCode());
        assertEquals("field 'action': 'rewind' is not one of load, play, pause, step, speed, class-open, " +
            "class-close, round-start, round-end, check", MiniJson.object(action.body()).get("error"));
        final HttpResponse<String> speed = web.post("/api/control", "action=speed&speed=fast");
        assertEquals("field 'speed': 'fast' is not a number", MiniJson.object(speed.body()).get("error"));
        final HttpResponse<String> order = web.post("/api/order", "token=nope&action=NEW");
        assertEquals(401, order.statusCode());
    }

    @Test
    void shouldRefuseEveryInstructorActionWithoutTheInstructorPin() throws Exception
    {
        web.close();
        web = new ClassroomHttp("9000");
        classroom = web.classroom;
        for (final String action : new String[] {"load&scenario=free", "play", "pause", "step", "speed&speed=60",
            "class-open&code=A1", "class-close", "check"})
        {
            final HttpResponse<String> refused = web.post("/api/control", "action=" + action + "&pin=1234");
            assertEquals(403, refused.statusCode(), action);
            assertTrue(MiniJson.object(refused.body()).get("error").toString().contains("instructor PIN"), action);
        }
        assertEquals(200, web.post("/api/control", "action=check&pin=9000").statusCode());
    }

    @Test
    void shouldRefuseToListenBeyondThisMachineWithoutAnInstructorPin()
    {
        final Butb.Run run = Butb.run("classroom", "--host", "0.0.0.0", "--port", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--host 0.0.0.0 lets other machines reach the page, so --instructor-pin PIN " +
            "is required"), run.err());
        assertTrue(ClassroomCommand.isLoopback("127.0.0.1"));
        assertTrue(ClassroomCommand.isLoopback("::1"));
        assertFalse(ClassroomCommand.isLoopback("0.0.0.0"));
    }

    @Test
    void shouldRefuseAnEmptyPinAnUnknownHostAndAPortInUseInOneLine() throws Exception
    {
        final Butb.Run emptyPin = Butb.run("classroom", "--pin", "", "--port", "0");
        assertEquals(2, emptyPin.exitCode());
        assertEquals("butb classroom: --pin must not be empty (leave it out for no PIN) (see ./butb classroom " +
            "--help)", emptyPin.err().strip());
        final Butb.Run emptyInstructorPin = Butb.run("classroom", "--instructor-pin", " ", "--port", "0");
        assertEquals(2, emptyInstructorPin.exitCode());
        assertTrue(emptyInstructorPin.err().startsWith("butb classroom: --instructor-pin must not be empty"),
            emptyInstructorPin.err());
        final Butb.Run unknown = Butb.run("classroom", "--host", "no.such.host.invalid", "--port", "0");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("butb classroom: --host no.such.host.invalid: unknown host"),
            unknown.err());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            final Butb.Run inUse = Butb.run("classroom", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, inUse.exitCode());
            assertTrue(inUse.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is " +
                "in use (another program listens on it; pick another --port, or 0 for a free one)"), inUse.err());
        }
    }

    @Test
    void shouldParseUrlEncodedForms()
    {
        assertEquals(Map.of("a", "1 2", "b", "x&y", "c", ""), ClassroomServer.parseForm("a=1+2&b=x%26y&c"));
    }
}
