package dev.edgepair.net;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Which source addresses count as "on the LAN" for the local listener (spec/transport.md, "Listeners and
 * locality"): loopback, link-local, or inside the subnet of one of this host's interface addresses. A datagram from
 * anywhere else reached the local port through a router (an IPv6 wildcard bind has no NAT in front of it), so its
 * connection is not local, whatever port it used. The interface list is read again at most every 10 seconds.
 */
public final class LanSources implements Predicate<InetAddress> {
    private static final long REFRESH_NANOS = 10_000_000_000L;

    /** A subnet: an interface address and its prefix length. */
    record Subnet(byte[] address, int prefixLength) {
        boolean contains(byte[] other) {
            if (other.length != address.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (other[full] & mask) == (address[full] & mask);
        }
    }

    private final LongSupplier nanos;
    private volatile List<Subnet> subnets = List.of();
    private volatile long readAt;
    private volatile boolean read;

    private LanSources(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /**
     * The host's own interfaces decide.
     *
     * @return a predicate over source addresses that reads this host's interfaces when first asked
     */
    public static LanSources ofThisHost() {
        return new LanSources(System::nanoTime);
    }

    /**
     * Whether a datagram from {@code source} comes from the LAN.
     *
     * @param source a peer's address
     * @return true for loopback, link-local, or an address inside one of this host's subnets
     */
    @Override
    public boolean test(InetAddress source) {
        if (source.isLoopbackAddress() || source.isLinkLocalAddress()) {
            return true;
        }
        return isInside(source, currentSubnets());
    }

    static boolean isInside(InetAddress source, List<Subnet> subnets) {
        byte[] raw = source.getAddress();
        return subnets.stream().anyMatch(s -> s.contains(raw));
    }

    private List<Subnet> currentSubnets() {
        long now = nanos.getAsLong();
        if (!read || now - readAt > REFRESH_NANOS) {
            subnets = readInterfaces();
            readAt = now;
            read = true;
        }
        return subnets;
    }

    private static List<Subnet> readInterfaces() {
        List<Subnet> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    // an unknown prefix length (-1) is taken as the host alone, never as /0 (the whole Internet)
                    byte[] raw = ia.getAddress().getAddress();
                    int prefix = ia.getNetworkPrefixLength();
                    out.add(new Subnet(raw, prefix < 0 || prefix > raw.length * 8 ? raw.length * 8 : prefix));
                }
            }
        } catch (SocketException e) {
            return List.of(); // no interface list: nothing but loopback and link-local counts as LAN
        }
        return List.copyOf(out);
    }
}
