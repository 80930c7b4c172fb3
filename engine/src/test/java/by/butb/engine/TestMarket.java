package by.butb.engine;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;

/** A small, fixed market for tests: two sections, four instruments, traders, a broker and inactive members. */
public final class TestMarket
{
    public static final String INSTRUMENTS = """
        symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price,band_pct,\
        floor_price,cap_price
        TIMBER,Sawn softwood,TIMBER,m3,USD,2,3,0.50,1,100.00,20,,
        SMP,Skim milk powder,AGRI,t,USD,2,3,1.00,1,2500.00,20,2200.00,
        SUGAR,Sugar,AGRI,t,USD,2,3,0.50,0.5,600.00,20,,700.00
        BYSUGAR,Sugar for residents,AGRI,t,BYN,2,3,1.00,1,2000.00,20,,
        """;

    public static final String PARTICIPANTS = """
        id,name,country,resident,role,clients,sections,status,deposit,currency
        SELLER,Belarusian seller,BY,true,TRADER,,TIMBER;AGRI,ACTIVE,1000000.00,USD
        BUYER,Chinese buyer,CN,false,TRADER,,TIMBER;AGRI,ACTIVE,1000000.00,USD
        BUYER2,Emirati buyer,AE,false,TRADER,,TIMBER;AGRI,ACTIVE,1000000.00,USD
        POOR,Small buyer,TR,false,TRADER,,TIMBER;AGRI,ACTIVE,100.00,USD
        TIMBERONLY,Korean timber buyer,KR,false,TRADER,,TIMBER,ACTIVE,1000000.00,USD
        BROKER,Mongolian broker,MN,false,BROKER,CLIENT,AGRI,ACTIVE,1000.00,USD
        CLIENT,Mongolian client,MN,false,TRADER,,AGRI,ACTIVE,1000000.00,USD
        SUSPENDED,Suspended buyer,TR,false,TRADER,,TIMBER;AGRI,SUSPENDED,1000000.00,USD
        EXPIRED,Expired buyer,AE,false,TRADER,,TIMBER;AGRI,EXPIRED,1000000.00,USD
        """;

    public static final int TIMBER = 0;
    public static final int SMP = 1;
    public static final int SUGAR = 2;
    public static final int BYSUGAR = 3;

    public static final int SELLER = 0;
    public static final int BUYER = 1;
    public static final int BUYER2 = 2;
    public static final int POOR = 3;
    public static final int TIMBERONLY = 4;
    public static final int BROKER = 5;
    public static final int CLIENT = 6;
    public static final int SUSPENDED = 7;
    public static final int EXPIRED = 8;

    private TestMarket()
    {
    }

    public static Catalog catalog()
    {
        return CatalogLoader.fromText(INSTRUMENTS, PARTICIPANTS);
    }

    /** Price in hundredths (scale 2). */
    public static long px(final double price)
    {
        return Math.round(price * 100);
    }

    /** Quantity in thousandths (scale 3). */
    public static long qty(final double quantity)
    {
        return Math.round(quantity * 1000);
    }
}
