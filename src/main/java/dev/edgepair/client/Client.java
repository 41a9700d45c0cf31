package dev.edgepair.client;

import dev.edgepair.net.DtlsSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

import dev.edgepair.iam.PakeSecret;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.internal.protocol.SecretDerivation;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.internal.transport.KeyMismatchException;
import dev.edgepair.wire.CborMap;

/**
 * A client application's entry point: its own key, its known devices, and connections to devices. Pairing
 * ({@link #pair(PairingRequest)}) stores the device with the key it proved; every later connection to a known device
 * ({@link #connect(KnownDevice, InetSocketAddress)}) is pinned to that key in the DTLS handshake.
 * <pre>{@code
 * Client client = Client.builder().identity(Identity.loadOrCreate(home.resolve("client.key")))
 *         .knownDevices(JsonFileKnownDevices.open(home.resolve("known-devices.json"))).build();
 * KnownDevice device = client.pair(PairingRequest.fromPairingString(PairingString.parse(text))
 *         .username("alice").keyName("phone").build());
 * }</pre>
 * A client is safe to use from several threads; each connection is used by one thread at a time.
 */
public final class Client {
    private final Identity identity;
    private final KnownDevices knownDevices;
    private final DtlsSettings dtls;

    private Client(Builder b) {
        this.identity = Objects.requireNonNull(b.identity, "identity");
        this.knownDevices = b.knownDevices;
        this.dtls = b.dtls;
    }

    /**
     * @return a builder; {@link Builder#identity} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return this client's key pair
     */
    public Identity identity() {
        return identity;
    }

    /**
     * @return the fingerprint of this client's public key, as devices list it
     */
    public Fingerprint fingerprint() {
        return identity.fingerprint();
    }

    /**
     * @return the devices this client has paired with
     */
    public KnownDevices knownDevices() {
        return knownDevices;
    }

    /**
     * First contact: any device key is accepted; {@link DeviceConnection#deviceFingerprint()} says which.
     *
     * @param device the device's address
     * @return an open connection (the handshake happens on the first request)
     * @throws IOException if the connection cannot be set up
     */
    public DeviceConnection connect(InetSocketAddress device) throws IOException {
        try {
            return open(device, null, null, null, null);
        } catch (DeviceKeyChangedException e) {
            throw new IllegalStateException("no key is pinned on a first-contact connection", e);
        }
    }

    /**
     * A connection pinned to a device key whose device ids are not known (yet), e.g. a fingerprint read from a
     * label: a device presenting another key is refused in the handshake.
     *
     * @param device the device's address
     * @param pinned the fingerprint the device must prove
     * @return an open connection
     * @throws IOException if the device does not answer
     * @throws DeviceKeyChangedException if the device presents another key (its ids are then empty)
     */
    public DeviceConnection connect(InetSocketAddress device, Fingerprint pinned)
            throws IOException, DeviceKeyChangedException {
        Objects.requireNonNull(pinned, "pinned");
        return open(device, pinned, null, null, null);
    }

    /**
     * A connection pinned to a known device's key, at its last address unless one is given.
     *
     * @param device a known device
     * @param addressOrNull where to reach it, or null for {@link KnownDevice#lastAddress()}
     * @return an open connection
     * @throws IOException if no address is known or the device does not answer
     * @throws DeviceKeyChangedException if the device presents another key than the stored one
     */
    public DeviceConnection connect(KnownDevice device, InetSocketAddress addressOrNull)
            throws IOException, DeviceKeyChangedException {
        InetSocketAddress address = addressOrNull != null ? addressOrNull : parseAddress(device.lastAddress());
        return open(address, device.fingerprint(), device.productId(), device.deviceId(), null);
    }

    /**
     * Connects (pinned to {@code pinnedOrNull} if given) and runs {@code whileHandshaking} on this thread while the
     * handshake is under way; a device presenting another key is named by its ids if known, else by its address.
     */
    private DeviceConnection open(InetSocketAddress address, Fingerprint pinnedOrNull, String productId,
                                  String deviceId, Runnable whileHandshaking)
            throws IOException, DeviceKeyChangedException {
        try {
            return new DeviceConnection(ClientTransport.connect(identity, address, pinnedOrNull, dtls,
                    whileHandshaking));
        } catch (KeyMismatchException e) {
            throw productId == null ? new DeviceKeyChangedException(format(address), e.expected(), e.presented())
                    : new DeviceKeyChangedException(productId, deviceId, e.expected(), e.presented());
        }
    }

    /**
     * Reads {@code GET /iam/pairing} and the handshake key of a connected device.
     *
     * @param connection a connection to the device
     * @return what the device says about itself
     * @throws IOException if the request fails or the body is bad
     */
    public static DeviceDescription describe(DeviceConnection connection) throws IOException {
        return connection.describe();
    }

    /**
     * The Nabto Edge 5.1 flow: connect on the device's local listener, show the device's fingerprint to the user
     * ({@code confirm}), ask the device to pair ({@code POST /pair}, which the device user confirms in turn), and
     * store the device so that every later connection is pinned to its key.
     *
     * @param localAddress the device's local listener
     * @param confirm shows the device to the user and returns whether the user accepts it
     * @return the stored device
     * @throws IOException if the device does not answer, or storing it fails
     * @throws PairingDeclinedException if the user did not accept the device (nothing was sent)
     * @throws PairingRefusedException if the device refused (e.g. 4.03: not confirmed on the device)
     * @throws PairingException for the other pairing failures
     * @throws DeviceKeyChangedException if the device is known with another key
     */
    public KnownDevice pairWithFingerprintConfirmation(InetSocketAddress localAddress, DeviceConfirmation confirm)
            throws IOException, PairingException, DeviceKeyChangedException {
        try (DeviceConnection connection = connect(localAddress)) {
            ClientTransport.Session session = connection.session();
            DeviceDescription device = connection.describe();
            if (!confirm.confirm(device)) {
                throw new PairingDeclinedException("the device fingerprint was not confirmed; nothing was sent");
            }
            Response reply = connection.post("/pair", new byte[0], -1);
            if (!reply.isSuccess()) {
                throw PairingException.of(reply);
            }
            return store(connection, session, device.productId(), device.deviceId(), device.friendlyName(),
                    localAddress);
        }
    }

    /**
     * Pairs as the request says (spec/pairing.md) and stores the device with the key it proved. Local modes take one
     * request; password and token modes run EC J-PAKE bound to the DTLS session, and store the device only after its
     * key confirmation verified, with the key of that session. Without the device's ids (a pairing string has them)
     * they are read from {@code GET /iam/pairing} on the same session first.
     *
     * @param request what to pair with, and how
     * @return the stored device, with its real product and device id
     * @throws IOException if the device does not answer, or storing it fails
     * @throws WrongSecretException if the device did not accept the password or token (4.01)
     * @throws PairingThrottledException if the device throttles attempts (4.29); its retry time
     * @throws KeyConfirmationFailedException if the device's MAC did not match or the session changed: a man in the
     *                                        middle or another device
     * @throws PairingRefusedException if the device refused with another code (4.03, 4.04, 4.09, ...)
     * @throws PairingProtocolException if the device's answer broke the protocol
     * @throws PairingException never other than the above (they are its subclasses)
     * @throws DeviceKeyChangedException if the device presented another key than the pinned or stored one
     */
    public KnownDevice pair(PairingRequest request) throws IOException, PairingException, DeviceKeyChangedException {
        Objects.requireNonNull(request, "request");
        return switch (request.mode()) {
            case LOCAL_INITIAL -> pairDirectly(request, "/iam/pairing/local-initial",
                    CborMap.builder().put("FingerprintName", request.keyName()).build());
            case LOCAL_OPEN -> pairDirectly(request, "/iam/pairing/local-open", CborMap.builder()
                    .put("Username", request.username().orElseThrow())
                    .put("FingerprintName", request.keyName()).build());
            case PASSWORD_OPEN -> pairWithSecret(request, "Username", "",
                    (secrets) -> secrets.password("", request.secret()), CborMap.builder()
                            .put("Username", request.username().orElseThrow())
                            .put("FingerprintName", request.keyName()).build());
            case PASSWORD_INVITE -> {
                String invited = request.username().orElseThrow();
                yield pairWithSecret(request, "Username", invited,
                        (secrets) -> secrets.password(invited, request.secret()),
                        CborMap.builder().put("FingerprintName", request.keyName()).build());
            }
            case TOKEN -> {
                String tokenId = request.tokenId().orElseThrow();
                yield pairWithSecret(request, "TokenId", tokenId, (secrets) -> secrets.token(tokenId,
                        request.secret()), CborMap.builder().put("FingerprintName", request.keyName()).build());
            }
        };
    }

    /**
     * Pairs from a pairing string: a token ({@code tid=}), an invitation ({@code u=}) or the open-pairing password
     * (then {@code username} names the new user). Shorthand for {@link #pair(PairingRequest)} with
     * {@link PairingRequest#fromPairingString}.
     *
     * @param pairingString the parsed pairing string
     * @param addressOrNull where the device listens, or null for the string's {@code a=}
     * @param username the new user for open pairing; ignored (may be null) for an invitation or a token
     * @param keyName a name for this client's key on the device, or null
     * @return the stored device
     * @throws IllegalArgumentException if the string and arguments do not make a valid request (no address, no
     *                                  username for open pairing, a malformed token)
     * @throws IOException as {@link #pair(PairingRequest)}
     * @throws PairingException as {@link #pair(PairingRequest)}
     * @throws DeviceKeyChangedException as {@link #pair(PairingRequest)}
     */
    public KnownDevice pair(PairingString pairingString, InetSocketAddress addressOrNull, String username,
                            String keyName) throws IOException, PairingException, DeviceKeyChangedException {
        PairingRequest.Builder b = PairingRequest.fromPairingString(pairingString).keyName(keyName);
        if (addressOrNull != null) {
            b.address(addressOrNull);
        }
        if (!pairingString.isToken() && (pairingString.username() == null || pairingString.username().isEmpty())) {
            b.username(username);
        }
        return pair(b.build());
    }

    private KnownDevice pairDirectly(PairingRequest request, String path, CborMap body)
            throws IOException, PairingException, DeviceKeyChangedException {
        try (DeviceConnection connection = open(request, null)) {
            ClientTransport.Session session = connection.session();
            DeviceDescription device = connection.describe();
            Response reply = connection.post(path, body);
            if (reply.isSuccess() && !reply.code().equals("2.01")) {
                throw new PairingProtocolException("the device answered " + reply.code() + " where 2.01 was due");
            }
            if (!reply.isSuccess()) {
                throw PairingException.of(reply);
            }
            return store(connection, session, device.productId(), device.deviceId(), device.friendlyName(),
                    request.address());
        }
    }

    private DeviceConnection open(PairingRequest request, Runnable whileHandshaking)
            throws IOException, DeviceKeyChangedException {
        return open(request.address(), request.expectedDevice().orElse(null), request.productIdOrNull(),
                request.deviceIdOrNull(), whileHandshaking);
    }

    /** Stores the device with the key of {@code session}, if that is still the connection's session. */
    private KnownDevice store(DeviceConnection connection, ClientTransport.Session session, String productId,
                              String deviceId, String friendlyName, InetSocketAddress address)
            throws IOException, KeyConfirmationFailedException, DeviceKeyChangedException {
        if (!connection.isCurrent(session)) {
            throw new KeyConfirmationFailedException("the DTLS session changed during pairing; nothing was stored");
        }
        KnownDevice known = new KnownDevice(productId, deviceId, session.deviceFingerprint(), friendlyName,
                format(address));
        knownDevices.remember(known);
        return known;
    }

    @FunctionalInterface
    private interface SecretOf {
        PakeSecret derive(DeviceSecretDerivation secrets);
    }

    /**
     * Password or token pairing on one DTLS session (spec/pairing.md): the session is taken at the start; without
     * the ids of a pairing string the device's ids come from {@code GET /iam/pairing} on that session; {@code
     * /pake/1}; {@code /pake/2} with the pairing request; the device is stored only after its MAC verified, with the
     * device key of that session, the key the confirmation covered. With the ids known beforehand, the PBKDF2 secret
     * and the client's round one (neither depends on the session) are made while the handshake's flights are under
     * way, which takes them off the pairing's time on a slow link (spec/benchmarks.md).
     */
    private KnownDevice pairWithSecret(PairingRequest request, String field, String value, SecretOf secretOf,
                                       CborMap pairRequest)
            throws IOException, PairingException, DeviceKeyChangedException {
        String principal = field.equals("TokenId") ? SecretDerivation.tokenPrincipal(value)
                : SecretDerivation.userPrincipal(value);
        var start = new java.util.concurrent.atomic.AtomicReference<PasswordAuthenticator.Start>();
        Runnable early = request.productIdOrNull() == null ? null : () -> start.set(PasswordAuthenticator.start(
                secretOf.derive(new DeviceSecretDerivation(request.productIdOrNull(), request.deviceIdOrNull()))));
        try (DeviceConnection connection = open(request, early)) {
            ClientTransport.Session session = connection.session();
            String productId = request.productIdOrNull();
            String deviceId = request.deviceIdOrNull();
            String friendlyName = "";
            if (productId == null) {
                DeviceDescription device = connection.describe();
                productId = device.productId();
                deviceId = device.deviceId();
                friendlyName = device.friendlyName();
                start.set(PasswordAuthenticator.start(secretOf.derive(new DeviceSecretDerivation(productId,
                        deviceId))));
            }
            PasswordAuthenticator.authenticate(connection, session, fingerprint(), field, value, principal,
                    start.get(), pairRequest);
            return store(connection, session, productId, deviceId, friendlyName, request.address());
        } finally {
            PasswordAuthenticator.Start made = start.get();
            if (made != null) {
                made.forget();
            }
        }
    }

    /**
     * @param address an address
     * @return host:port, with brackets around an IPv6 host
     */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Parses host:port (IPv6 in brackets); a host name is resolved.
     *
     * @param hostPort the address text
     * @return the address
     * @throws IOException if the text is not host:port
     */
    public static InetSocketAddress parseAddress(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException("no address known for the device: '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IOException("bad device address '" + hostPort + "'");
        }
    }

    /** Builds a {@link Client}. */
    public static final class Builder {
        private Identity identity;
        private KnownDevices knownDevices = KnownDevices.inMemory();
        private DtlsSettings dtls = DtlsSettings.defaults();

        private Builder() {
        }

        /**
         * @param identity the client's key pair (required), e.g. {@link Identity#loadOrCreate}
         * @return this builder
         */
        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        /**
         * @param knownDevices where paired devices are stored (default: in memory, for this process only)
         * @return this builder
         */
        public Builder knownDevices(KnownDevices knownDevices) {
            this.knownDevices = Objects.requireNonNull(knownDevices);
            return this;
        }

        /**
         * @param settings DTLS retransmission, timeouts and limits (default {@link DtlsSettings#defaults()})
         * @return this builder
         */
        public Builder dtlsSettings(DtlsSettings settings) {
            this.dtls = Objects.requireNonNull(settings);
            return this;
        }

        /**
         * @return the client
         * @throws NullPointerException if no identity was given
         */
        public Client build() {
            return new Client(this);
        }
    }
}
