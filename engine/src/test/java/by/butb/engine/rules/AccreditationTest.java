package by.butb.engine.rules;

import by.butb.engine.core.Command;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccreditationTest
{
    private static final int INSTRUMENTS = 70;
    private static final String[] SECTIONS = {"AGRI", "TIMBER", "METAL"};
    private static final String[] CURRENCIES = {"USD", "BYN"};

    /** Instrument i: section i % 3, currency (i / 3) % 2; past the 63 that the per-participant word holds. */
    private static Catalog catalog()
    {
        final StringBuilder instruments = new StringBuilder("symbol,name,section,unit,currency,price_scale," +
            "quantity_scale,price_step,lot_size,reference_price,band_pct,floor_price,cap_price\n");
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            instruments.append("I").append(i).append(",Instrument ").append(i).append(',').append(SECTIONS[i % 3])
                .append(",t,").append(CURRENCIES[(i / 3) % 2]).append(",2,3,1.00,1,100.00,20,,\n");
        }
        final String participants = "id,name,country,resident,role,clients,sections,status,deposit,currency\n" +
            "P0,P0,BY,true,TRADER,,AGRI,ACTIVE,1000.00,USD\n" +
            "P1,P1,CN,false,TRADER,,AGRI;TIMBER;METAL,ACTIVE,1000.00,BYN\n" +
            "P2,P2,CN,false,TRADER,,TIMBER;METAL,SUSPENDED,1000.00,USD\n" +
            "P3,P3,CN,false,TRADER,,METAL,EXPIRED,1000.00,BYN\n";
        return CatalogLoader.load("instruments", new StringReader(instruments.toString()), "participants",
            new StringReader(participants));
    }

    @Test
    void admissionNeedsTheSectionAndTheCurrencyForEveryInstrument()
    {
        final Accreditation accreditation = new Accreditation(catalog());
        final String[][] sections = {{"AGRI"}, {"AGRI", "TIMBER", "METAL"}, {"TIMBER", "METAL"}, {"METAL"}};
        final String[] currency = {"USD", "BYN", "USD", "BYN"};
        for (int p = 0; p < sections.length; p++)
        {
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                final ResultCode expected = !List.of(sections[p]).contains(SECTIONS[i % 3]) ?
                    ResultCode.NOT_ADMITTED_TO_SECTION :
                    !currency[p].equals(CURRENCIES[(i / 3) % 2]) ? ResultCode.CURRENCY_MISMATCH : ResultCode.OK;
                assertEquals(expected, accreditation.checkAdmission(p, i), "participant P" + p + ", instrument I" + i);
            }
        }
    }

    @Test
    void onlyActiveParticipantsMayEnterOrders()
    {
        final Accreditation accreditation = new Accreditation(catalog());
        final ResultCode[] expected = {ResultCode.OK, ResultCode.OK, ResultCode.PARTICIPANT_NOT_ACTIVE,
            ResultCode.PARTICIPANT_NOT_ACTIVE};
        for (int p = 0; p < expected.length; p++)
        {
            final Command cmd = new Command();
            cmd.submitter = p;
            cmd.onBehalfOf = Command.NONE;
            assertEquals(expected[p], accreditation.checkParties(cmd, true), "participant P" + p);
            assertEquals(ResultCode.OK, accreditation.checkParties(cmd, false), "cancels from P" + p);
        }
    }
}
