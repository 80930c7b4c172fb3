package by.butb.engine.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BundledCatalogTest
{
    @Test
    void shouldLoadTheGivenFiles()
    {
        final Catalog catalog = BundledCatalog.load(Path.of("../config/instruments.csv"),
            Path.of("../config/participants.csv"));
        assertEquals(CatalogLoader.load(Path.of("../config/instruments.csv"), Path.of("../config/participants.csv"))
            .instruments().size(), catalog.instruments().size());
    }

    @Test
    void shouldNameAMissingFile()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BundledCatalog.load(Path.of("no-such-instruments.csv"), Path.of("../config/participants.csv")));
        assertEquals("no-such-instruments.csv: file not found", ex.getMessage());
    }

    @Test
    void shouldSayWhatToGiveWhenTheBundledFileIsNotOnTheClassPath()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> BundledCatalog.load(null, Path.of("../config/participants.csv")));
        assertEquals("the bundled defaults/instruments.csv is not on the classpath; give --instruments and " +
            "--participants", ex.getMessage());
    }
}
