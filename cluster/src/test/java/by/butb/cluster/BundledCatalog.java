package by.butb.cluster;

import by.butb.engine.model.Catalog;

import java.nio.file.Path;

/** The bundled catalog (config/instruments.csv and participants.csv) for the cluster tests, and a time to trade at. */
final class BundledCatalog
{
    static final Catalog CATALOG = CatalogFiles.catalog(Path.of("../config/instruments.csv"),
        Path.of("../config/participants.csv"));
    /** 2024-01-01 09:00 UTC, in nanoseconds since the epoch: a command time within every bundled band and session. */
    static final long TIME = 1_704_099_600_000_000_000L;

    private BundledCatalog()
    {
    }
}
