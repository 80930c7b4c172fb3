package by.butb.engine.model;

import by.butb.engine.TestMarket;
import by.butb.engine.csv.CsvException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DepositSharesTest
{
    private static final String INSTRUMENTS = """
        symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price,band_pct
        PINE,Pine,TIMBER,m3,USD,2,3,0.50,1,100.00,20
        SMP,Skim milk powder,AGRI,t,USD,2,3,1.00,1,2500.00,20
        COPPER,Copper,METAL,t,USD,2,3,1.00,1,9000.00,20
        """;
    private static final String HEADER =
        "id,name,country,resident,role,clients,sections,status,deposit,currency,deposit_shares\n";

    private static Participant only(final String row)
    {
        return CatalogLoader.fromText(INSTRUMENTS, HEADER + row + "\n").participant(0);
    }

    private static String error(final String row)
    {
        return assertThrows(CsvException.class, () -> only(row)).getMessage();
    }

    @Test
    void depositIsSplitEvenlyOverAdmittedSectionsWithTheRemainderToTheFirstInCatalogOrder()
    {
        // 1000.00 = 100000 minor units over 3 sections: 33334, 33333, 33333.
        final Participant p = only("A,,BY,true,TRADER,,METAL;TIMBER;AGRI,ACTIVE,1000.00,USD,");
        assertEquals(33_334, p.depositShare(0));
        assertEquals(33_333, p.depositShare(1));
        assertEquals(33_333, p.depositShare(2));
        assertFalse(p.depositSharesGiven());
    }

    @Test
    void sectionsTheParticipantIsNotAdmittedToGetNothing()
    {
        final Participant p = only("A,,BY,true,TRADER,,TIMBER;METAL,ACTIVE,1000.01,USD,");
        assertEquals(50_001, p.depositShare(0));
        assertEquals(0, p.depositShare(1));
        assertEquals(50_000, p.depositShare(2));
    }

    @Test
    void givenSharesStandAndTheRestIsSplitOverTheOtherSections()
    {
        final Participant p = only("A,,BY,true,TRADER,,TIMBER;AGRI;METAL,ACTIVE,1000.00,USD,agri=600.00");
        assertEquals(20_000, p.depositShare(0));
        assertEquals(60_000, p.depositShare(1));
        assertEquals(20_000, p.depositShare(2));
        assertTrue(p.depositSharesGiven());
    }

    @Test
    void sharesGivenForEverySectionMayLeavePartOfTheDepositUnassigned()
    {
        final Participant p = only("A,,BY,true,TRADER,,TIMBER;AGRI,ACTIVE,1000.00,USD,TIMBER=100;AGRI=200.50");
        assertEquals(10_000, p.depositShare(0));
        assertEquals(20_050, p.depositShare(1));
        assertEquals(0, p.depositShare(2));
    }

    @Test
    void sharesAddingUpToMoreThanTheDepositAreRefusedNamingFileLineAndField()
    {
        assertEquals("participants.csv:2 field 'deposit_shares': the shares add up to more than the deposit " +
            "1000.00", error("A,,BY,true,TRADER,,TIMBER;AGRI,ACTIVE,1000.00,USD,TIMBER=600;AGRI=400.01"));
    }

    @Test
    void badShareItemsAreRefusedEachWithItsReason()
    {
        assertTrue(error("A,,BY,true,TRADER,,TIMBER,ACTIVE,1000.00,USD,TIMBER")
            .endsWith("'TIMBER' is not SECTION=AMOUNT"));
        assertTrue(error("A,,BY,true,TRADER,,TIMBER,ACTIVE,1000.00,USD,WOOD=1")
            .endsWith("'WOOD' is not a section of the instrument catalog [TIMBER, AGRI, METAL]"));
        assertTrue(error("A,,BY,true,TRADER,,TIMBER,ACTIVE,1000.00,USD,AGRI=1")
            .endsWith("the participant is not admitted to section AGRI (column sections)"));
        assertTrue(error("A,,BY,true,TRADER,,TIMBER,ACTIVE,1000.00,USD,TIMBER=1;timber=2")
            .endsWith("section TIMBER appears twice"));
        assertTrue(error("A,,BY,true,TRADER,,TIMBER,ACTIVE,1000.00,USD,TIMBER=-1")
            .endsWith("section TIMBER: the share must not be negative"));
        assertTrue(error("A,,BY,true,TRADER,,TIMBER,ACTIVE,1000.00,USD,TIMBER=abc").contains("section TIMBER: "));
    }

    @Test
    void aFileWithoutTheColumnSplitsEvenly()
    {
        final Participant seller = TestMarket.catalog().participant(TestMarket.SELLER);
        assertEquals(50_000_000, seller.depositShare(0));
        assertEquals(50_000_000, seller.depositShare(1));
    }
}
