package dev.edgepair.internal.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Who counts as one source for limits: an IPv4 address, or an IPv6 /64 (one host usually holds a whole /64). */
public final class SourceAddresses {
    private SourceAddresses() {
    }

    /**
     * @param address a peer's address
     * @return the address itself for IPv4, its /64 prefix for IPv6
     */
    public static InetAddress unitOf(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
