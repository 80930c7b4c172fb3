package by.butb.gateway;

import java.util.Locale;

/** The FIX session layer a {@link GatewayServer} runs ({@link GatewayOptions#fixEngine}). */
public enum FixEngine
{
    /**
     * QuickFIX/J 2.x over MINA ({@code serve --fix-engine qfj}): the same messages and mechanisms as {@link #NATIVE};
     * it alone takes {@link GatewayOptions#storedMessages} {@link GatewayOptions#STORE_ALL} and
     * {@link GatewayOptions#sessionQueueCapacity}. Its {@code fixStoreDirectory} holds {@link QfjSessionStore}s.
     */
    QFJ,
    /**
     * The gateway's own session layer, the default: logon, heartbeats, sequence numbers, resend and sequence reset,
     * orders (new, cancel, cancel/replace) with every mechanism and their reports, and market data; other
     * application messages are answered with a BusinessMessageReject. Its {@code fixStoreDirectory} holds
     * its own session store files ({@code *.native-fix-session}).
     */
    NATIVE;

    /** The name {@code serve --fix-engine} takes: {@code qfj} or {@code native}. */
    public String optionValue()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The engine whose {@link #optionValue} is {@code value}, or null when none is. */
    public static FixEngine ofOptionValue(final String value)
    {
        for (final FixEngine engine : values())
        {
            if (engine.optionValue().equals(value))
            {
                return engine;
            }
        }
        return null;
    }
}
