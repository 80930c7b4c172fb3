package by.butb.sim.classroom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rounds over HTTP: who receives which values, the instructor's PIN on the measures and the CSV. */
@Timeout(60)
class RoundsServerTest
{
    private static final String PIN = "teach";
    private ClassroomHttp web;
    private Classroom classroom;

    @BeforeEach
    void start() throws Exception
    {
        web = new ClassroomHttp(PIN);
        classroom = web.classroom;
    }

    @AfterEach
    void stop()
    {
        web.close();
    }

    @Test
    void shouldSendEachStudentTheirOwnValuesAndNoBrowserAnyoneElses() throws Exception
    {
        classroom.openClass("ECON101");
        final Classroom.Joined alice = classroom.join("ECON101", "Alice", null);
        final Classroom.Joined bob = classroom.join("ECON101", "Bob", null);
        assertEquals(403, web.post("/api/control", "action=round-start&pin=wrong").statusCode());
        final HttpResponse<String> started = web.post("/api/control",
            "action=round-start&pin=" + PIN + "&robots=3&robotKind=ZIC&units=3&seconds=60&seed=7");
        assertEquals(200, started.statusCode(), started.body());

        final List<RoundMarket.Spec> drawn = RoundMarket.draw(1, new RoundSetup(3, RoundSetup.RobotKind.ZIC, 3, 60,
            7), List.of(alice.seat(), bob.seat()));
        final String state = web.get("/api/state").body();
        final Map<?, ?> round = (Map<?, ?>)((Map<?, ?>)MiniJson.object(state).get("session")).get("round");
        assertEquals(Set.of("number", "running", "secondsLeft", "bestBid", "bestAsk", "prices", "traders", "robots"),
            round.keySet());
        assertFalse(state.contains("limits") || state.contains("demand") || state.contains("supply"), state);

        for (final Classroom.Joined student : List.of(alice, bob))
        {
            final HttpResponse<String> me = web.post("/api/round/me", "token=" + student.token());
            assertEquals(200, me.statusCode(), me.body());
            final Map<String, Object> mine = MiniJson.object(me.body());
            assertEquals(new TreeSet<>(List.of("number", "running", "secondsLeft", "bestBid", "bestAsk", "prices",
                "inRound", "role", "next", "profit", "order", "limits")), new TreeSet<>(mine.keySet()));
            assertEquals(student.seat().role(), mine.get("role"));
            final RoundMarket.Spec own = drawn.stream().filter(s -> s.id().equals(student.seat().participant()))
                .findFirst().orElseThrow();
            assertEquals(java.util.Arrays.stream(own.limits()).mapToObj(Rounds::money).toList(), mine.get("limits"),
                "the values drawn for seed 7, round 1, place of " + student.seat().name());
        }
        assertEquals(401, web.post("/api/round/me", "token=nobody").statusCode());
        assertEquals(403, web.post("/api/round/instructor", "pin=wrong").statusCode());
        final HttpResponse<String> all = web.post("/api/round/instructor", "pin=" + PIN);
        assertEquals(200, all.statusCode());
        assertTrue(all.body().contains("\"demand\""), all.body());
    }

    @Test
    void shouldTakeAStudentsOrderAndExportTheCsvOnlyWithTheInstructorPin() throws Exception
    {
        classroom.openClass("ECON101");
        final Classroom.Joined alice = classroom.join("ECON101", "Alice", null);
        assertEquals(200,
            web.post("/api/control", "action=round-start&pin=" + PIN + "&robots=0&seconds=60").statusCode());
        final HttpResponse<String> order = web.post("/api/round/order", "token=" + alice.token() + "&price=70%2C00");
        assertEquals(200, order.statusCode(), order.body());
        assertEquals("ACCEPTED", MiniJson.object(order.body()).get("result"), "a decimal comma is a decimal point");
        assertEquals(400, web.post("/api/round/order", "token=" + alice.token() + "&price=abc").statusCode());
        assertEquals(200, web.post("/api/control", "action=round-end&pin=" + PIN).statusCode());
        assertEquals(409, web.post("/api/round/order", "token=" + alice.token() + "&price=70").statusCode());

        assertEquals(403, web.get("/api/round/csv?pin=wrong").statusCode());
        final HttpResponse<String> csv = web.get("/api/round/csv?pin=" + PIN);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("rounds.csv"));
        final List<String> lines = csv.body().lines().toList();
        assertEquals(String.join(",", RoundCsv.COLUMNS), lines.get(0));
        assertEquals("1,order,", lines.get(1).substring(0, 8));
        assertTrue(lines.get(1).contains(alice.seat().participant() + ",Alice,student,BUYER,NEW,ACCEPTED,1,70.00,"),
            lines.get(1));
    }
}
