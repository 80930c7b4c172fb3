package by.butb.sim.agents;

import by.butb.sim.study.ScenarioSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every agent's profit per day adds up to its profit over the run, and some agent's profit moves from day to day. */
class DailyProfitTest
{
    @Test
    void dailyProfitsAddUpToTheRunsProfit()
    {
        final AgentScenario s =
            AgentScenarioLoader.load(ScenarioSource.file(Path.of("../examples/agents/study-market.yaml")));
        final AgentRun.Result result = AgentRun.run(s, false);
        final Map<String, Double> daily = new HashMap<>();
        final Map<String, Double> whole = new HashMap<>();
        int dailyRows = 0;
        boolean anyDayDiffers = false;
        for (final MetricRow row : result.rows())
        {
            if (!row.metric().equals("profit"))
            {
                continue;
            }
            if (row.day() == 0)
            {
                whole.put(row.subject(), row.value());
            }
            else
            {
                dailyRows++;
                daily.merge(row.subject(), row.value(), Double::sum);
                anyDayDiffers |= row.day() > 1 && row.value() != 0;
            }
        }
        assertEquals(whole.size() * s.days(), dailyRows, "one profit row per agent and day");
        for (final Map.Entry<String, Double> e : whole.entrySet())
        {
            assertEquals(e.getValue(), daily.get(e.getKey()), 1e-6, e.getKey());
        }
        assertTrue(anyDayDiffers, "profits after day 1");
    }
}
