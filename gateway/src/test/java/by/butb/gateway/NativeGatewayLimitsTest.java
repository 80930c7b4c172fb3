package by.butb.gateway;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * {@link GatewayLimitsTest} against the native FIX engine ({@link FixEngine#NATIVE}): the frame limits; the
 * market-data bounds do not apply, as the native engine refuses market data (see
 * {@link NativeGatewayEndToEndTest#refusesWhatItDoesNotSupportByName}).
 */
class NativeGatewayLimitsTest extends GatewayLimitsTest
{
    private static final String NO_MARKET_DATA = "the native engine refuses market data";

    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }

    @Override
    @Test
    @Disabled(NO_MARKET_DATA)
    void aSymbolRepeatedInOneRequestGetsOneSnapshot()
    {
    }

    @Override
    @Test
    @Disabled(NO_MARKET_DATA)
    void aRequestNamingTooManySymbolsIsRejected()
    {
    }

    @Override
    @Test
    @Disabled(NO_MARKET_DATA)
    void aSubscriptionNamingASymbolManyTimesSendsOneUpdatePerChange()
    {
    }

    @Override
    @Test
    @Disabled(NO_MARKET_DATA)
    void aSecondLiveSubscriptionToTheSameSymbolIsRejected()
    {
    }

    @Override
    @Test
    @Disabled(NO_MARKET_DATA)
    void aSessionHoldsAtMostTheAllowedLiveSubscriptions()
    {
    }
}
