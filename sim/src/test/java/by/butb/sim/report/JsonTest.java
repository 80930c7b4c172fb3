package by.butb.sim.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The report's chart data as JSON: in the maps' order, numbers plain, safe inside a script element. */
class JsonTest
{
    @Test
    void mapsKeepTheirOrderAndNumbersArePlain()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", new BigDecimal("1.50"));
        m.put("a", Arrays.asList(1L, 2.5, 140.0, null, true, new BigDecimal("1E+3")));
        m.put("e", List.of());
        assertEquals("{\"z\":1.5,\"a\":[1,2.5,140,null,true,1000],\"e\":[]}", Json.of(m));
    }

    @Test
    void stringsCannotEndTheScriptElementOrBreakTheString()
    {
        assertEquals("\"\\u003c/script\\u003e \\\"q\\\" \\\\ \\u0026 \\u000a\"", Json.of("</script> \"q\" \\ & \n"));
    }

    @Test
    void notANumberIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> Json.of(List.of(Double.NaN)));
    }
}
