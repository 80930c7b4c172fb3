package by.butb.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadFileTest
{
    static Workload sample()
    {
        return new Workload(42, 3, 1, 1, 10, 1000,
            new byte[]{Workload.NEW, Workload.NEW, Workload.CANCEL},
            new byte[]{Workload.BUY, Workload.SELL, 0},
            new byte[]{Workload.GTC, Workload.IOC, 0},
            new int[]{0, 2, 0}, new int[]{1, 1, 1},
            new long[]{62_500, 62_450, 0}, new long[]{2_000, 1_000, 0});
    }

    @Test
    void shouldReadBackWhatItWrote(@TempDir final Path dir)
    {
        final Workload w = sample();
        final Path file = dir.resolve("w.bin");
        WorkloadFile.write(w, file);
        final Workload r = WorkloadFile.read(file);
        assertEquals(42, r.seed);
        assertEquals(3, r.participants);
        assertEquals(10, r.idStride);
        assertEquals(1000, r.lot);
        assertArrayEquals(w.kind, r.kind);
        assertArrayEquals(w.side, r.side);
        assertArrayEquals(w.tif, r.tif);
        assertArrayEquals(w.participant, r.participant);
        assertArrayEquals(w.localId, r.localId);
        assertArrayEquals(w.price, r.price);
        assertArrayEquals(w.quantity, r.quantity);
    }

    @Test
    void shouldRejectAFileThatIsNotAWorkload(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("other.bin");
        Files.writeString(file, "symbol,price\nSUGAR,625\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> WorkloadFile.read(file));
        assertTrue(ex.getMessage().contains("not a workload file"), ex.getMessage());
    }

    @Test
    void shouldRejectATruncatedFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("w.bin");
        WorkloadFile.write(sample(), file);
        final byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> WorkloadFile.read(file));
        assertTrue(ex.getMessage().contains("cut short"), ex.getMessage());
    }

    @Test
    void shouldShiftClientOrderIdsByTheStrideFromOneCycleToTheNext()
    {
        final Workload.Replay r = new Workload.Replay(sample());
        final long[] ids = new long[6];
        for (int i = 0; i < ids.length; i++)
        {
            r.advance();
            ids[i] = r.clientOrderId;
        }
        assertArrayEquals(new long[]{1, 1, 1, 11, 11, 11}, ids);
        assertEquals(1, r.cycle);
        assertEquals(2, r.index);
    }
}
