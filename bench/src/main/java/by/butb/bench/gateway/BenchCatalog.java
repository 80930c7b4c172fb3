package by.butb.bench.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.gateway.Credentials;
import by.butb.gateway.PasswordHasher;

import java.util.Map;

/** One instrument and one trader with a password, for the gateway round trip. */
final class BenchCatalog
{
    static final String TRADER = "BENCH-A";
    static final String PASSWORD = "bench-password";
    static final String SYMBOL = "SMP";

    private static final String INSTRUMENTS = """
        symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price,band_pct
        SMP,Skim milk powder,AGRI,t,USD,2,3,1.00,1,2500.00,15
        """;

    private BenchCatalog()
    {
    }

    static Catalog catalog()
    {
        final String participants = "id,name,country,resident,role,clients,sections,status,deposit,currency\n" +
            TRADER + ",Bench trader,BY,true,TRADER,,AGRI,ACTIVE,1000000000.00,USD\n";
        return CatalogLoader.fromText(INSTRUMENTS, participants);
    }

    /** The trader's password hash (few iterations: the benchmark measures trading, not logons). */
    static Credentials credentials()
    {
        return new Credentials(Map.of(TRADER, PasswordHasher.hash(PASSWORD.toCharArray(), 1_000)));
    }
}
