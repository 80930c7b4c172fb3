package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;

import java.util.HashMap;
import java.util.Map;

/** The report's chart colours (CSS hex): an instrument has the same colour in every chart of the report. */
final class Palette
{
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

    private Palette()
    {
    }

    /** Colour number {@code i}, cycling through the palette. */
    static String colour(final int i)
    {
        return COLOURS[i % COLOURS.length];
    }

    /** Instrument symbol to its colour, by the instrument's place in the catalog. */
    static Map<String, String> ofInstruments(final Catalog catalog)
    {
        final Map<String, String> colours = new HashMap<>();
        for (final Instrument i : catalog.instruments())
        {
            colours.put(i.symbol(), colour(colours.size()));
        }
        return colours;
    }
}
