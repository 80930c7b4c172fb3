package by.butb.gateway;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The source a connection counts against in the logon limits (connections not logged on per source, verifications
 * and failure cooldowns per source, logon places per CompID): an IPv4 address as it is; an IPv6 address by its
 * /64 network, since one host is given a whole /64 and can connect from as many of its addresses as it likes.
 */
final class SourceAddress
{
    private SourceAddress()
    {
    }

    /** "192.0.2.7", "2001:db8:0:1::/64", or the text of a socket address that is not an IP one. */
    static String of(final SocketAddress remote)
    {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
        {
            return of(inet.getAddress());
        }
        return String.valueOf(remote);
    }

    static String of(final InetAddress address)
    {
        if (!(address instanceof Inet6Address))
        {
            return address.getHostAddress();
        }
        final byte[] b = address.getAddress();
        final StringBuilder text = new StringBuilder(24);
        for (int group = 0; group < 4; group++)
        {
            text.append(Integer.toHexString((b[2 * group] & 0xFF) << 8 | b[2 * group + 1] & 0xFF)).append(':');
        }
        return text.append(":/64").toString();
    }
}
