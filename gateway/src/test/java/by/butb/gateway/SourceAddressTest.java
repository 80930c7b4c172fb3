package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SourceAddressTest
{
    @Test
    void anIpv4AddressIsItsOwnSource() throws Exception
    {
        assertEquals("192.0.2.7", SourceAddress.of(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 9876)));
        assertNotEquals(SourceAddress.of(InetAddress.getByName("192.0.2.7")),
            SourceAddress.of(InetAddress.getByName("192.0.2.8")));
    }

    @Test
    void everyAddressOfAnIpv6Slash64IsOneSource() throws Exception
    {
        final String a = SourceAddress.of(InetAddress.getByName("2001:db8:0:1::1"));
        assertEquals("2001:db8:0:1::/64", a);
        assertEquals(a, SourceAddress.of(InetAddress.getByName("2001:db8:0:1:ffff:abcd:1234:5678")));
        assertNotEquals(a, SourceAddress.of(InetAddress.getByName("2001:db8:0:2::1")));
    }

    @Test
    void anIpv4MappedIpv6AddressCountsAsItsIpv4Address() throws Exception
    {
        assertEquals("192.0.2.7", SourceAddress.of(InetAddress.getByName("::ffff:192.0.2.7")));
    }
}
