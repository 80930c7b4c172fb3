package by.butb.gateway;

/**
 * {@link GatewayMechanismsTest} against the native FIX engine ({@link FixEngine#NATIVE}): address deals, lot
 * auctions, a broker's client party and client time mode with the same QuickFIX/J clients and expectations.
 */
class NativeGatewayMechanismsTest extends GatewayMechanismsTest
{
    @Override
    GatewayOptions options()
    {
        return super.options().fixEngine(FixEngine.NATIVE);
    }
}
