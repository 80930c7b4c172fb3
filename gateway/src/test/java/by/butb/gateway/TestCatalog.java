package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;

/** A small catalog for gateway tests; every active participant's password is "pw-" + its id. */
final class TestCatalog
{
    static final String INSTRUMENTS = """
        symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price,band_pct
        SMP,Skim milk powder,AGRI,t,USD,2,3,1.00,1,2500.00,15
        SUGAR,White sugar,AGRI,t,USD,2,3,0.50,1,625.00,20
        TIMBER_SW,Sawn softwood timber,TIMBER,m3,USD,2,3,0.50,1,180.00,20
        """;

    static final String[] TRADERS = {"TRADER-A", "TRADER-B", "TRADER-C", "TRADER-D", "TRADER-E", "TRADER-F"};

    private TestCatalog()
    {
    }

    static String password(final String id)
    {
        return "pw-" + id;
    }

    static String hash(final String id)
    {
        return PasswordHasher.hash(password(id).toCharArray(), 1_000);
    }

    static String participantsCsv()
    {
        final StringBuilder sb = new StringBuilder(
            "id,name,country,resident,role,clients,sections,status,deposit,currency,password_hash\n");
        for (final String t : TRADERS)
        {
            sb.append(t).append(",Trader,BY,true,TRADER,,AGRI,ACTIVE,100000000.00,USD,").append(hash(t)).append('\n');
        }
        sb.append("CLIENT-C,Client,CN,false,TRADER,,AGRI,ACTIVE,100000000.00,USD,").append(hash("CLIENT-C"))
            .append('\n');
        sb.append("BROKER-1,Broker,CN,false,BROKER,CLIENT-C,AGRI,ACTIVE,1000000.00,USD,").append(hash("BROKER-1"))
            .append('\n');
        sb.append("SUSP,Suspended,TR,false,TRADER,,AGRI,SUSPENDED,1000.00,USD,").append(hash("SUSP")).append('\n');
        sb.append("EXPD,Expired,AE,false,TRADER,,AGRI,EXPIRED,1000.00,USD,").append(hash("EXPD")).append('\n');
        sb.append("NOPW,No password,AE,false,TRADER,,AGRI,ACTIVE,1000.00,USD,\n");
        return sb.toString();
    }

    static Catalog catalog()
    {
        return CatalogLoader.fromText(INSTRUMENTS, participantsCsv());
    }

    static Credentials credentials()
    {
        return ParticipantsFile.credentialsFromText(participantsCsv());
    }

    /** Server options with the test catalog and its passwords, on a free loopback port. */
    static GatewayOptions options()
    {
        return new GatewayOptions().catalog(catalog()).credentials(credentials()).host("127.0.0.1").port(0);
    }
}
