package by.butb.bench.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.gateway.Credentials;
import by.butb.gateway.PasswordHasher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instrument and 1 to {@value #MAX_TRADERS} traders ({@code BENCH-A}, {@code BENCH-B}, ...), all with one
 * password, for the gateway round trip: one trader per FIX session.
 */
final class BenchCatalog
{
    /** The most traders, and so FIX sessions, a bench catalog has. */
    static final int MAX_TRADERS = 26;
    static final String PASSWORD = "bench-password";
    static final String SYMBOL = "SMP";

    private static final String INSTRUMENTS = """
        symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price,band_pct
        SMP,Skim milk powder,AGRI,t,USD,2,3,1.00,1,2500.00,15
        """;

    private BenchCatalog()
    {
    }

    /** The ids of the first {@code count} traders (1 to {@value #MAX_TRADERS}): BENCH-A, BENCH-B, ... */
    static List<String> traders(final int count)
    {
        if (count < 1 || count > MAX_TRADERS)
        {
            throw new IllegalArgumentException("the bench catalog has 1 to " + MAX_TRADERS + " traders, not " + count);
        }
        final List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            ids.add("BENCH-" + (char)('A' + i));
        }
        return ids;
    }

    /** The instrument and {@code traders} traders; with one trader, the catalog of the one-session bench. */
    static Catalog catalog(final int traders)
    {
        final StringBuilder participants =
            new StringBuilder("id,name,country,resident,role,clients,sections,status,deposit,currency\n");
        for (final String id : traders(traders))
        {
            participants.append(id).append(",Bench trader,BY,true,TRADER,,AGRI,ACTIVE,1000000000.00,USD\n");
        }
        return CatalogLoader.fromText(INSTRUMENTS, participants.toString());
    }

    /** The traders' password hashes (few iterations: the benchmark measures trading, not logons). */
    static Credentials credentials(final int traders)
    {
        final Map<String, String> hashes = new HashMap<>();
        for (final String id : traders(traders))
        {
            hashes.put(id, PasswordHasher.hash(PASSWORD.toCharArray(), 1_000));
        }
        return new Credentials(hashes);
    }
}
