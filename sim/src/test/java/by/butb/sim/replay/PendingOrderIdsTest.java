package by.butb.sim.replay;

import by.butb.engine.core.Command;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PendingOrderIdsTest
{
    private static final String[] OWNERS = {"BY-A", "CN-B", "AE-C"};

    @Test
    void idsNumberedInBatchesGetTheNumbersAndInstrumentsTheyGetOneByOne()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> names = idNames(random);
        final OrderIds direct = new OrderIds();
        final OrderIds batched = new OrderIds();
        final PendingOrderIds pending = new PendingOrderIds();
        final List<Command> commands = new ArrayList<>();
        final List<Long> expected = new ArrayList<>();
        int untilNumbered = 1 + random.nextInt(3 * PendingOrderIds.CAPACITY);
        for (int row = 0; row < 20_000; row++)
        {
            final String owner = OWNERS[random.nextInt(OWNERS.length)];
            final String name = names.get(random.nextInt(names.size()));
            final byte[] utf8 = ("," + name + ",").getBytes(StandardCharsets.UTF_8);
            final int length = utf8.length - 2;
            final int hash = OwnerIds.hash(utf8, 1, length);
            final Command cmd = new Command();
            final long id = direct.idOf(owner, name);
            if (random.nextInt(4) == 0)
            {
                pending.addCancel(batched.owner(owner), cmd, utf8, 1, length, hash);
            }
            else
            {
                cmd.instrument = random.nextInt(3);
                direct.setInstrument(owner, id, cmd.instrument);
                pending.addNew(batched.owner(owner), cmd, utf8, 1, length, hash);
            }
            commands.add(cmd);
            expected.add(id);
            if (--untilNumbered == 0)
            {
                pending.number();
                untilNumbered = 1 + random.nextInt(3 * PendingOrderIds.CAPACITY);
            }
        }
        pending.number();

        for (int row = 0; row < commands.size(); row++)
        {
            assertEquals(expected.get(row), commands.get(row).clientOrderId, "row " + row + ", seed " + seed);
        }
        for (final String owner : OWNERS)
        {
            for (long id = 1; direct.nameOf(owner, id) != null; id++)
            {
                assertEquals(direct.nameOf(owner, id), batched.nameOf(owner, id), owner + " " + id + ", seed " + seed);
                assertEquals(direct.instrumentOf(owner, id), batched.instrumentOf(owner, id),
                    owner + " " + id + ", seed " + seed);
            }
        }
    }

    /** Ids of 1 to 64 bytes, some alike in their first bytes, some not ASCII. */
    private static List<String> idNames(final SplittableRandom random)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < 2_000; i++)
        {
            final int length = 1 + random.nextInt(random.nextBoolean() ? 9 : 64);
            final StringBuilder s = new StringBuilder(i % 3 == 0 ? "ORDER-" : "");
            while (s.length() < length)
            {
                s.append(random.nextInt(20) == 0 ? 'ж' : (char)('0' + random.nextInt(10)));
            }
            final String name = s.toString();
            names.add(name.getBytes(StandardCharsets.UTF_8).length > OrderFileReader.MAX_ORDER_ID_LENGTH ?
                name.substring(0, 20) : name);
        }
        return names;
    }
}
