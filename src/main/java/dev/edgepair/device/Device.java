package dev.edgepair.device;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.iam.AccessList;
import dev.edgepair.iam.Iam;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.endpoint.EndpointResource;
import dev.edgepair.internal.endpoint.IamAccessControl;
import dev.edgepair.internal.iam.IamModule;
import dev.edgepair.internal.pairing.FingerprintConfirmPairing;
import dev.edgepair.internal.pairing.LocalInitialPairing;
import dev.edgepair.internal.pairing.LocalOpenPairing;
import dev.edgepair.internal.pairing.PairingInfo;
import dev.edgepair.internal.pairing.PairingMode;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.transport.DeviceTransport;
import dev.edgepair.net.DtlsSettings;
import dev.edgepair.net.LanSources;
import dev.edgepair.pairing.ClientConfirmation;
import dev.edgepair.pairing.PairingOptions;

/**
 * A device: its identity, its two DTLS listeners (local and remote), IAM, the pairing modes it offers, and its CoAP
 * endpoints, EdgePair's and the application's. Build with {@link #builder()}, then {@link #start()}; {@link #close()}
 * stops it.
 *
 * <pre>{@code
 * Device device = Device.builder()
 *         .identity(Identity.loadOrCreate(home.resolve("device.key")))
 *         .productId("pr-thermo").deviceId("de-0001")
 *         .iam(Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(home.resolve("iam-state.json"))))
 *         .passwordPairing(PairingOptions.defaults())
 *         .endpoint(new HelloEndpoint())
 *         .build().start();
 * }</pre>
 */
public final class Device implements AutoCloseable {
    /** Default UDP port of the local (LAN) listener, Nabto Edge's. */
    public static final int DEFAULT_LOCAL_PORT = 5592;
    /** Default UDP port of the remote listener (CoAP over DTLS). */
    public static final int DEFAULT_REMOTE_PORT = 5684;
    /** The EdgePair version a device announces in {@code GET /iam/pairing}. */
    public static final String VERSION = "0.1.0";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Identity identity;
    private final DeviceInfo info;
    private final DeviceTransport transport;
    private final AccessControl access;
    private final List<Endpoint<?>> endpoints;
    private final DevicePairing pairing;

    private Device(Builder b) {
        this.identity = b.identity;
        this.info = new DeviceInfo(b.productId, b.deviceId, b.appName, b.friendlyName);
        DeviceSecretDerivation secrets = new DeviceSecretDerivation(b.productId, b.deviceId);
        List<Endpoint<?>> all = new ArrayList<>();
        List<PairingMode> modes = new ArrayList<>();
        AccessControl accessControl = b.access;
        PasswordPairing password = null;
        if (b.iam != null) {
            accessControl = new IamAccessControl(b.iam);
            all.addAll(IamModule.endpoints(b.iam, secrets, b.wallClock));
            modes.add(new LocalInitialPairing(b.iam));
            modes.add(new LocalOpenPairing(b.iam));
            if (b.pairingOptions != null) {
                password = PasswordPairing.create(b.iam, secrets, b.identity.fingerprint(), b.pairingOptions,
                        b.monotonicNanos, b.wallClock);
                all.addAll(password.endpoints());
                modes.addAll(password.modes());
            }
        }
        if (b.confirmation != null) {
            modes.add(new FingerprintConfirmPairing(b.confirmationList, b.confirmation));
        }
        all.add(0, new PairingInfo(new PairingInfo.Description(b.productId, b.deviceId, b.appName, b.friendlyName,
                VERSION), modes));
        for (PairingMode mode : modes) {
            all.addAll(mode.endpoints());
        }
        // the application's endpoints are routed first (a relay's "iam/**" takes everything below /iam); one with the
        // same method and pattern as EdgePair's is refused when mounted
        all.addAll(0, b.endpoints);
        this.access = accessControl;
        this.endpoints = List.copyOf(all);
        this.pairing = new DevicePairing(info, identity.fingerprint(), b.iam, secrets, password, b.wallClock);
        this.transport = new DeviceTransport(b.identity, b.localAddress, b.remoteAddress, b.dtls, b.idleTimeout,
                b.lanSources, accessControl::isPaired);
        EndpointResource.mount(transport, endpoints, accessControl);
    }

    /**
     * Starts building a device.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds both listeners and starts answering. Both bind or neither does.
     *
     * @return this device
     * @throws IOException if a listener cannot bind
     */
    public Device start() throws IOException {
        transport.start();
        return this;
    }

    /**
     * The local listener's bound address (the real port when 0 was asked for).
     *
     * @return the address
     */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /**
     * The remote listener's bound address.
     *
     * @return the address
     */
    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    /**
     * The fingerprint of the device's key, the one clients pin.
     *
     * @return the fingerprint
     */
    public Fingerprint fingerprint() {
        return identity.fingerprint();
    }

    /**
     * Product and device id and names, as {@code GET /iam/pairing} shows them.
     *
     * @return the description
     */
    public DeviceInfo info() {
        return info;
    }

    /**
     * The access control every guarded endpoint consults (IAM when the device has it).
     *
     * @return the access control
     */
    public AccessControl accessControl() {
        return access;
    }

    /**
     * Pairing on this device: the pairing window, and the pairing strings of the open password, invitations and
     * tokens.
     *
     * @return the pairing controls
     */
    public DevicePairing pairing() {
        return pairing;
    }

    /**
     * Every endpoint the device answers, EdgePair's and the application's, in the order they are routed.
     *
     * @return the endpoints
     */
    public List<Endpoint<?>> endpoints() {
        return endpoints;
    }

    /**
     * Live DTLS connections on both listeners (each holds per-connection state until closed or idle).
     *
     * @return the count
     */
    public int connectionCount() {
        return transport.connections().size();
    }

    /** Stops both listeners and drops every connection. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Device[" + info.productId() + "/" + info.deviceId() + ", " + identity.fingerprint().shortHex() + "]";
    }

    /**
     * Product and device ids and names, as {@code GET /iam/pairing} shows them.
     *
     * @param productId the product id
     * @param deviceId the device id
     * @param appName the application name, or ""
     * @param friendlyName the device's friendly name, or ""
     */
    public record DeviceInfo(String productId, String deviceId, String appName, String friendlyName) {
    }

    /** Builds a {@link Device}; identity, product id and device id are required. */
    public static final class Builder {
        private Identity identity;
        private String productId;
        private String deviceId;
        private String appName = "";
        private String friendlyName = "";
        private InetSocketAddress localAddress = new InetSocketAddress(DEFAULT_LOCAL_PORT);
        private InetSocketAddress remoteAddress = new InetSocketAddress(DEFAULT_REMOTE_PORT);
        private Predicate<InetAddress> lanSources = LanSources.ofThisHost();
        private DtlsSettings dtls = DtlsSettings.defaults();
        private Duration idleTimeout = Duration.ofMinutes(5);
        private final List<Endpoint<?>> endpoints = new ArrayList<>();
        private AccessControl access = AccessControl.ALLOW_ALL;
        private Iam iam;
        private PairingOptions pairingOptions;
        private AccessList confirmationList;
        private ClientConfirmation confirmation;
        private Clock wallClock = Clock.systemUTC();
        private LongSupplier monotonicNanos = System::nanoTime;

        private Builder() {
        }

        /**
         * The device's key pair (its identity on every connection).
         *
         * @param identity the key
         * @return this builder
         */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity);
            return this;
        }

        /**
         * Product id, 1-64 of {@code [A-Za-z0-9._-]}, e.g. {@code pr-f4nqpowq}.
         *
         * @param productId the product id
         * @return this builder
         * @throws IllegalArgumentException if malformed
         */
        public Builder productId(String productId) {
            this.productId = checkId("product id", productId);
            return this;
        }

        /**
         * Device id, 1-64 of {@code [A-Za-z0-9._-]}, e.g. {@code de-zqw7vehm}.
         *
         * @param deviceId the device id
         * @return this builder
         * @throws IllegalArgumentException if malformed
         */
        public Builder deviceId(String deviceId) {
            this.deviceId = checkId("device id", deviceId);
            return this;
        }

        /**
         * The application name shown to clients in {@code GET /iam/pairing}.
         *
         * @param appName the name
         * @return this builder
         */
        public Builder appName(String appName) {
            this.appName = Objects.requireNonNull(appName);
            return this;
        }

        /**
         * The friendly name shown to clients in {@code GET /iam/pairing}.
         *
         * @param friendlyName the name
         * @return this builder
         */
        public Builder friendlyName(String friendlyName) {
            this.friendlyName = Objects.requireNonNull(friendlyName);
            return this;
        }

        /**
         * The local (LAN) listener, default UDP 5592 on every address; port 0 picks a free port. Keep it unreachable
         * from the Internet.
         *
         * @param address the address to bind
         * @return this builder
         */
        public Builder localAddress(InetSocketAddress address) {
            this.localAddress = Objects.requireNonNull(address);
            return this;
        }

        /**
         * The remote listener, default UDP 5684 on every address; port 0 picks a free port.
         *
         * @param address the address to bind
         * @return this builder
         */
        public Builder remoteAddress(InetSocketAddress address) {
            this.remoteAddress = Objects.requireNonNull(address);
            return this;
        }

        /**
         * Which sources count as on the LAN for the local listener: by default {@link LanSources#ofThisHost()}
         * (loopback, link-local, this host's subnets). {@code source -> true} exposes the local pairing modes to any
         * source that reaches the local port: only for a listener that no router forwards to.
         *
         * @param lanSources the rule
         * @return this builder
         */
        public Builder lanSources(Predicate<InetAddress> lanSources) {
            this.lanSources = Objects.requireNonNull(lanSources);
            return this;
        }

        /**
         * DTLS tunables (connection limits, retransmissions).
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder dtlsSettings(DtlsSettings settings) {
            this.dtls = Objects.requireNonNull(settings);
            return this;
        }

        /**
         * Per-connection state is dropped after this long without a request (default 5 minutes).
         *
         * @param timeout the idle timeout
         * @return this builder
         */
        public Builder connectionIdleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Adds an application endpoint. Its action (if any) is checked against the device's access control before
         * it acts; with IAM, grant the action to roles in the IAM config. Application endpoints are routed before
         * EdgePair's; the same method and pattern as one of EdgePair's is refused by {@link #build()}.
         *
         * @param endpoint the endpoint
         * @return this builder
         */
        public Builder endpoint(Endpoint<?> endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint));
            return this;
        }

        /**
         * Access control for a device without IAM (default: {@link AccessControl#ALLOW_ALL}). A device with
         * {@link #iam(Iam)} uses IAM instead.
         *
         * @param access the access control
         * @return this builder
         */
        public Builder accessControl(AccessControl access) {
            this.access = Objects.requireNonNull(access);
            return this;
        }

        /**
         * IAM: access control for every endpoint, the {@code /iam/...} endpoints (users, roles, settings, pairing
         * tokens) and the local-initial and local-open pairing modes.
         *
         * @param iam the device's IAM
         * @return this builder
         */
        public Builder iam(Iam iam) {
            this.iam = Objects.requireNonNull(iam);
            return this;
        }

        /**
         * Password and token pairing over EC J-PAKE (password-open, password-invite, token), local and remote. Needs
         * {@link #iam(Iam)}.
         *
         * @param options guessing limits and timeouts
         * @return this builder
         */
        public Builder passwordPairing(PairingOptions options) {
            this.pairingOptions = Objects.requireNonNull(options);
            return this;
        }

        /**
         * Fingerprint-confirmation pairing ({@code POST /pair}, local only): the device's user accepts each new
         * client's fingerprint.
         *
         * @param accessList where accepted keys are added (the device's {@link Iam})
         * @param confirmation asks the device's user
         * @return this builder
         */
        public Builder fingerprintConfirmPairing(AccessList accessList, ClientConfirmation confirmation) {
            this.confirmationList = Objects.requireNonNull(accessList);
            this.confirmation = Objects.requireNonNull(confirmation);
            return this;
        }

        /**
         * The clocks of every time-dependent rule (pairing window, throttle, exchange and token expiry); the system
         * clocks by default. Tests drive the rules with their own clocks instead of sleeping.
         *
         * @param wall the wall clock (token expiry)
         * @param monotonicNanos a monotonic clock in nanoseconds (window, throttle, timeouts)
         * @return this builder
         */
        public Builder clocks(Clock wall, LongSupplier monotonicNanos) {
            this.wallClock = Objects.requireNonNull(wall);
            this.monotonicNanos = Objects.requireNonNull(monotonicNanos);
            return this;
        }

        /**
         * Builds the device (not started).
         *
         * @return the device
         * @throws NullPointerException if identity, product id or device id is missing
         * @throws IllegalStateException if password pairing is asked for without IAM, or both IAM and another access
         *         control are given
         * @throws IllegalArgumentException if the two listeners collide or two endpoints have the same method and
         *         path
         */
        public Device build() {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(deviceId, "deviceId");
            if (pairingOptions != null && iam == null) {
                throw new IllegalStateException("password pairing needs IAM: call iam(...) too");
            }
            if (iam != null && access != AccessControl.ALLOW_ALL) {
                throw new IllegalStateException("a device with IAM uses IAM as its access control: drop "
                        + "accessControl(...) or iam(...)");
            }
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
