package dev.edgepair.device;

import dev.edgepair.internal.protocol.PairingProtocol;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.internal.endpoint.DeviceResource;
import dev.edgepair.internal.pairing.PairingInfoResource;
import dev.edgepair.internal.pairing.PairingMode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.Resource;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.transport.ConnectionRegistry;
import dev.edgepair.internal.transport.DeviceTransport;
import dev.edgepair.net.LanSources;
import dev.edgepair.internal.transport.Dtls;

/**
 * A device: its identity, its two DTLS listeners (local and remote), and its CoAP resources, EdgePair's and the
 * application's. Build with {@link #builder()}, then {@link #start()}; {@link #close()} stops it.
 */
public final class Device implements AutoCloseable {
    /** Default UDP ports: local (LAN) and remote. */
    public static final int DEFAULT_LOCAL_PORT = 5592;
    public static final int DEFAULT_REMOTE_PORT = 5684;
    public static final String VERSION = "0.1.0";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Identity identity;
    private final DeviceInfo info;
    private final DeviceTransport transport;
    private final AccessControl access;

    private Device(Builder b) {
        this.identity = b.identity;
        this.info = new DeviceInfo(b.productId, b.deviceId, b.appName, b.friendlyName);
        AccessControl accessControl = b.access;
        this.transport = new DeviceTransport(b.identity, b.localAddress, b.remoteAddress, b.dtls, b.idleTimeout,
                b.lanSources, accessControl::isPaired);
        this.access = b.access;
        install("iam/pairing", new PairingInfoResource(info, b.modes, b.access), null);
        for (PairingMode mode : b.modes) {
            mode.resources().forEach((path, resource) -> install(path, resource, null));
        }
        for (Map.Entry<String, DeviceResource> e : b.resources.entrySet()) {
            install(e.getKey(), e.getValue(), b.actions.get(e.getKey()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private void install(String path, DeviceResource resource, String action) {
        String[] segments = path.replaceAll("^/+|/+$", "").split("/");
        Resource parent = transport.server().getRoot();
        for (int i = 0; i < segments.length - 1; i++) {
            Resource next = parent.getChild(segments[i]);
            if (next == null) {
                next = new CoapResource(segments[i]);
                parent.add(next);
            }
            parent = next;
        }
        if (!resource.getName().equals(segments[segments.length - 1])) {
            throw new IllegalArgumentException("resource " + resource.getName() + " installed at " + path);
        }
        parent.add(resource);
        resource.bind(transport, access, action);
    }

    public Device start() throws IOException {
        transport.start();
        return this;
    }

    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    public Fingerprint fingerprint() {
        return identity.fingerprint();
    }

    public DeviceInfo info() {
        return info;
    }

    public AccessControl accessControl() {
        return access;
    }

    /** The CoAP resource tree; tests walk it to list every endpoint the device answers. */
    Resource resourceRoot() {
        return transport.server().getRoot();
    }

    /** Live connections and their per-connection state. */
    public ConnectionRegistry connections() {
        return transport.connections();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Device[" + info.productId() + "/" + info.deviceId() + ", " + identity.fingerprint().shortHex() + "]";
    }

    /** Product and device ids and names, as {@code GET /iam/pairing} shows them. */
    public record DeviceInfo(String productId, String deviceId, String appName, String friendlyName) {
    }

    public static final class Builder {
        private Identity identity;
        private String productId;
        private String deviceId;
        private String appName = "";
        private String friendlyName = "";
        private InetSocketAddress localAddress = new InetSocketAddress(DEFAULT_LOCAL_PORT);
        private InetSocketAddress remoteAddress = new InetSocketAddress(DEFAULT_REMOTE_PORT);
        private java.util.function.Predicate<java.net.InetAddress> lanSources = LanSources.ofThisHost();
        private Dtls.Settings dtls = Dtls.Settings.defaults();
        private Duration idleTimeout = Duration.ofMinutes(5);
        private final Map<String, DeviceResource> resources = new LinkedHashMap<>();
        private final List<PairingMode> modes = new ArrayList<>();
        private final Map<String, String> actions = new LinkedHashMap<>();
        private AccessControl access = AccessControl.ALLOW_ALL;

        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        /** The identity set so far (modules that bind to the device key read it). */
        public Identity identity() {
            return Objects.requireNonNull(identity, "set the identity first");
        }

        public String productId() {
            return Objects.requireNonNull(productId, "set the product id first");
        }

        public String deviceId() {
            return Objects.requireNonNull(deviceId, "set the device id first");
        }

        /** Product id, 1-64 of {@code [A-Za-z0-9._-]}, e.g. {@code pr-f4nqpowq}. */
        public Builder productId(String productId) {
            this.productId = checkId("product id", productId);
            return this;
        }

        /** Device id, 1-64 of {@code [A-Za-z0-9._-]}, e.g. {@code de-zqw7vehm}. */
        public Builder deviceId(String deviceId) {
            this.deviceId = checkId("device id", deviceId);
            return this;
        }

        public Builder appName(String appName) {
            this.appName = Objects.requireNonNull(appName);
            return this;
        }

        public Builder friendlyName(String friendlyName) {
            this.friendlyName = Objects.requireNonNull(friendlyName);
            return this;
        }

        /** The local (LAN) listener; port 0 picks a free port. Keep it unreachable from the Internet. */
        public Builder localAddress(InetSocketAddress address) {
            this.localAddress = Objects.requireNonNull(address);
            return this;
        }

        /** The remote listener; port 0 picks a free port. */
        /**
         * Which sources count as on the LAN for the local listener: by default {@link LanSources#ofThisHost()}
         * (loopback, link-local, this host's subnets). {@code source -> true} exposes the local pairing modes to any
         * source that reaches the local port: only for a listener that no router forwards to.
         *
         * @param lanSources the rule
         * @return this builder
         */
        public Builder lanSources(java.util.function.Predicate<java.net.InetAddress> lanSources) {
            this.lanSources = Objects.requireNonNull(lanSources);
            return this;
        }

        public Builder remoteAddress(InetSocketAddress address) {
            this.remoteAddress = Objects.requireNonNull(address);
            return this;
        }

        public Builder dtlsSettings(Dtls.Settings settings) {
            this.dtls = Objects.requireNonNull(settings);
            return this;
        }

        /** Per-connection state is dropped after this long without a request. */
        public Builder connectionIdleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Installs a resource at a path such as {@code "hello"} or {@code "iam/pairing"}. */
        public Builder resource(String path, DeviceResource resource) {
            if (resources.putIfAbsent(path, Objects.requireNonNull(resource)) != null) {
                throw new IllegalArgumentException("two resources at " + path);
            }
            return this;
        }

        /**
         * Installs an application resource whose every method first requires {@code action} (for example
         * {@code Hello:Get}) from the device's {@link AccessControl}.
         */
        public Builder resource(String path, String action, DeviceResource resource) {
            resource(path, resource);
            actions.put(path, Objects.requireNonNull(action));
            return this;
        }

        /** The access control every guarded resource and {@code GET /iam/pairing} consult (IAM). */
        public Builder accessControl(AccessControl access) {
            this.access = Objects.requireNonNull(access);
            return this;
        }

        /** Offers a pairing mode: installs its endpoints and lists it in {@code GET /iam/pairing}. */
        public Builder pairingMode(PairingMode mode) {
            modes.add(Objects.requireNonNull(mode));
            return this;
        }

        public Device build() {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(deviceId, "deviceId");
            if (overlap(localAddress, remoteAddress)) {
                throw new IllegalArgumentException("the local and remote listeners need different ports (or "
                        + "addresses): both are port " + localAddress.getPort());
            }
            return new Device(this);
        }

        /** Two listeners on one port collide when their addresses are equal or either is the wildcard. */
        private static boolean overlap(InetSocketAddress a, InetSocketAddress b) {
            if (a.getPort() == 0 || a.getPort() != b.getPort()) {
                return false;
            }
            InetAddress x = a.getAddress();
            InetAddress y = b.getAddress();
            return x == null || y == null || x.isAnyLocalAddress() || y.isAnyLocalAddress() || x.equals(y);
        }

        private static String checkId(String what, String id) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException(what + " must be 1-64 of [A-Za-z0-9._-]");
            }
            return id;
        }
    }
}
