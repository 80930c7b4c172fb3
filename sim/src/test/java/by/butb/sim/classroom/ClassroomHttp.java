package by.butb.sim.classroom;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A classroom with the free scenario loaded, served on a free loopback port, and the requests tests send it. */
final class ClassroomHttp implements AutoCloseable
{
    final Classroom classroom;
    private final ClassroomServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param instructorPin the PIN the instructor's controls need, or null for none. */
    ClassroomHttp(final String instructorPin) throws Exception
    {
        classroom = new Classroom(null, instructorPin);
        classroom.load("free");
        server = ClassroomServer.start(classroom, "127.0.0.1", 0);
    }

    HttpResponse<String> get(final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(final String path, final String form) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens {@code path} as a stream, with the request's headers as name, value pairs. */
    HttpResponse<InputStream> stream(final String path, final String... headers) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)));
        for (int i = 0; i < headers.length; i += 2)
        {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Override
    public void close()
    {
        server.close();
        classroom.close();
    }
}
