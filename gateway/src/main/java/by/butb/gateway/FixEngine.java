package by.butb.gateway;

/** The FIX session layer a {@link GatewayServer} runs ({@link GatewayOptions#fixEngine}). */
public enum FixEngine
{
    /** QuickFIX/J 2.x over MINA: every documented message and mechanism. */
    QFJ,
    /**
     * The gateway's own session layer (stage 1): logon, heartbeats, sequence numbers, resend and sequence reset,
     * plain orders (new, cancel, cancel/replace) with their reports, and market data; parties, brokers' clients,
     * address deals and lots are refused with a BusinessMessageReject. No {@code --fix-store}.
     */
    NATIVE
}
