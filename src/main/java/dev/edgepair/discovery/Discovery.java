package dev.edgepair.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

import dev.edgepair.identity.Fingerprint;

/**
 * Finds EdgePair devices on the LAN with mDNS/DNS-SD, and the LAN addresses of this host. What a browser finds is
 * a hint, never trusted: the client pins the device key with {@code fp=} or authenticates it by pairing, whoever
 * answered.
 */
public final class Discovery {
    /** The DNS-SD service type, {@code _edgepair._udp} in {@code .local}. */
    public static final String SERVICE_TYPE = "_edgepair._udp.local.";

    private Discovery() {
    }

    /**
     * A device that answered: what it announced, unverified.
     *
     * @param instance the DNS-SD instance name, {@code <productId>-<deviceId>}
     * @param productId the announced product id, empty if absent
     * @param deviceId the announced device id, empty if absent
     * @param fingerprint the announced key fingerprint, null if absent or malformed
     * @param modes the pairing modes it announced as open
     * @param addresses where it answered, link-local IPv6 addresses left out
     */
    public record Found(String instance, String productId, String deviceId, Fingerprint fingerprint,
                        List<String> modes, List<InetSocketAddress> addresses) {
        /**
         * A found device; the lists are copied.
         *
         * @param instance the DNS-SD instance name
         * @param productId the announced product id
         * @param deviceId the announced device id
         * @param fingerprint the announced key fingerprint, or null
         * @param modes the announced pairing modes
         * @param addresses where it answered
         */
        public Found {
            modes = List.copyOf(modes);
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * Browses for {@link #SERVICE_TYPE} for {@code timeout} on each of {@code addresses} (one jmDNS instance each,
     * in parallel), merging answers per instance. An interface that fails is skipped.
     *
     * @param addresses this host's addresses to browse from, for example {@link #lanAddresses()}
     * @param timeout how long to listen on each
     * @return the devices that answered, one per instance, in the order first seen
     * @throws IOException if {@code addresses} is empty
     */
    public static List<Found> browse(List<InetAddress> addresses, Duration timeout) throws IOException {
        if (addresses.isEmpty()) {
            throw new IOException("no LAN interface to browse on");
        }
        ExecutorService pool = Executors.newFixedThreadPool(addresses.size(), r -> {
            Thread t = new Thread(r, "edgepair-mdns-browse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ServiceInfo[]>> answers = new ArrayList<>();
            for (InetAddress address : addresses) {
                answers.add(pool.submit(() -> {
                    try (JmDNS jmdns = JmDNS.create(address, hostLabel("edgepair-browser-"
                            + ProcessHandle.current().pid()))) {
                        return jmdns.list(SERVICE_TYPE, timeout.toMillis());
                    }
                }));
            }
            Map<String, Found> found = new LinkedHashMap<>();
            for (Future<ServiceInfo[]> answer : answers) {
                ServiceInfo[] infos;
                try {
                    infos = answer.get();
                } catch (Exception e) {
                    continue; // one interface failing does not hide what the others found
                }
                for (ServiceInfo info : infos) {
                    found.merge(info.getName(), toFound(info), Discovery::merge);
                }
            }
            return new ArrayList<>(found.values());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Found toFound(ServiceInfo info) {
        String fp = info.getPropertyString("fp");
        String modes = info.getPropertyString("modes");
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (InetAddress a : info.getInet4Addresses()) {
            addresses.add(new InetSocketAddress(a, info.getPort()));
        }
        for (InetAddress a : info.getInet6Addresses()) {
            if (!a.isLinkLocalAddress()) { // a link-local address without its interface cannot be dialled
                addresses.add(new InetSocketAddress(a, info.getPort()));
            }
        }
        return new Found(info.getName(), text(info.getPropertyString("productid")),
                text(info.getPropertyString("deviceid")),
                fp != null && Fingerprint.isValid(fp) ? Fingerprint.parse(fp) : null,
                modes == null || modes.isEmpty() ? List.of() : Arrays.asList(modes.split(",")), addresses);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Found merge(Found a, Found b) {
        List<InetSocketAddress> all = new ArrayList<>(a.addresses());
        b.addresses().stream().filter(x -> !all.contains(x)).forEach(all::add);
        return new Found(a.instance(), a.productId(), a.deviceId(), a.fingerprint() != null ? a.fingerprint()
                : b.fingerprint(), a.modes(), all);
    }

    /**
     * The addresses of this host's LAN interfaces: up, not loopback, multicast-capable; IPv4 first, then IPv6
     * (link-local included: mDNS works there).
     *
     * @return the addresses, possibly none
     * @throws IOException if the interfaces cannot be listed
     */
    public static List<InetAddress> lanAddresses() throws IOException {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || !nif.supportsMulticast()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        v4.add(a);
                    } else if (a instanceof Inet6Address) {
                        v6.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            throw new IOException("cannot list network interfaces: " + e.getMessage(), e);
        }
        v4.addAll(v6);
        return v4;
    }

    /**
     * The address to put in pairing strings.
     *
     * @return the first {@link #lanAddresses()} address that is not link-local (so IPv4 before IPv6), or null
     * @throws IOException if the interfaces cannot be listed
     */
    public static InetAddress preferredLanAddress() throws IOException {
        List<InetAddress> all = lanAddresses();
        for (InetAddress a : all) {
            if (!a.isLinkLocalAddress()) {
                return a;
            }
        }
        return null;
    }

    /** A DNS label made of what the ids allow: letters, digits and dashes, at most 63 characters. */
    static String hostLabel(String name) {
        String label = name.replaceAll("[^A-Za-z0-9-]", "-");
        return label.length() > 63 ? label.substring(0, 63) : label;
    }
}
