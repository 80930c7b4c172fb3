package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.pipeline.CommandTranslator;
import org.junit.jupiter.api.Test;
import quickfix.SessionID;
import quickfix.field.Side;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link FixApplication#fromApp} when the order path fails: nothing escapes to QuickFIX/J (which would then not
 * count the message, and ask for it again for ever), and nothing stays taken.
 */
class FixApplicationTest
{
    private final Catalog catalog = TestCatalog.catalog();
    private final ClOrdIdTable clOrdIds = new ClOrdIdTable(catalog.participants().size(), null);
    private final SessionID session = new SessionID("FIX.4.4", "BUTB", "TRADER-A");

    private FixApplication applicationOn(final Supplier<RuntimeException> failure)
    {
        final EngineHost failing = new EngineHost()
        {
            @Override
            public <A> void submit(final CommandTranslator<A> translator, final A arg)
            {
                throw failure.get();
            }

            @Override
            public void drain()
            {
            }

            @Override
            public MatchingEngine engine()
            {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe()
            {
                return "failing";
            }

            @Override
            public void close()
            {
            }
        };
        final EngineBridge bridge = new EngineBridge(catalog, clOrdIds, null,
            new SessionShare(catalog, SessionShare.DEFAULT_MAX));
        final EngineSubmitter submitter = new EngineSubmitter(failing, bridge, clOrdIds, () -> 1L, false);
        return new FixApplication(catalog, submitter, clOrdIds, null, 10, ResendPace.MIN_INTERVAL_NANOS);
    }

    @Test
    void anUnexpectedErrorOnAnOrderDoesNotEscapeAndLeavesItsClOrdIdFree()
    {
        final FixApplication app = applicationOn(() -> new ArithmeticException("a bug"));
        assertDoesNotThrow(() -> app.fromApp(Fix.limit("X1", "SMP", Side.BUY, "1", "2400"), session));
        assertEquals(0, clOrdIds.lookup(catalog.participant("TRADER-A").index(), "X1"));
    }

    @Test
    void aStoppedEngineLikewise()
    {
        final FixApplication app = applicationOn(() -> new IllegalStateException("stopped"));
        assertDoesNotThrow(() -> app.fromApp(Fix.limit("X2", "SMP", Side.BUY, "1", "2400"), session));
        assertEquals(0, clOrdIds.lookup(catalog.participant("TRADER-A").index(), "X2"));
    }
}
