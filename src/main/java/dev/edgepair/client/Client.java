package dev.edgepair.client;

import dev.edgepair.net.DtlsSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

import dev.edgepair.iam.PakeSecret;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.protocol.Codes;
import dev.edgepair.internal.protocol.DeviceSecrets;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.internal.protocol.PakeSecrets;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.internal.transport.Dtls;
import dev.edgepair.internal.transport.KeyMismatchException;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * A client application's entry point: its own key, its known devices, and connections to devices. A connection to
 * a known device is pinned to the stored key in the DTLS handshake.
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

    public static Builder builder() {
        return new Builder();
    }

    public Identity identity() {
        return identity;
    }

    public Fingerprint fingerprint() {
        return identity.fingerprint();
    }

    public KnownDevices knownDevices() {
        return knownDevices;
    }

    /** First contact: any device key is accepted; {@link DeviceConnection#deviceFingerprint()} says which. */
    public DeviceConnection connect(InetSocketAddress device) throws IOException {
        try {
            return new DeviceConnection(ClientTransport.connect(identity, device, null, dtls));
        } catch (KeyMismatchException e) {
            throw new IllegalStateException("no key is pinned on a first-contact connection", e);
        }
    }

    /** A connection pinned to a known device's key, at its last address unless one is given. */
    public DeviceConnection connect(KnownDevice device, InetSocketAddress addressOrNull)
            throws IOException, DeviceKeyChangedException {
        InetSocketAddress address = addressOrNull != null ? addressOrNull : parseAddress(device.lastAddress());
        return connectPinned(address, device.fingerprint(), device.productId(), device.deviceId());
    }

    private DeviceConnection connectPinned(InetSocketAddress address, Fingerprint pinned, String productId,
                                           String deviceId) throws IOException, DeviceKeyChangedException {
        try {
            return new DeviceConnection(ClientTransport.connect(identity, address, pinned, dtls));
        } catch (KeyMismatchException e) {
            throw new DeviceKeyChangedException(productId, deviceId, e.expected(), e.presented());
        }
    }

    /** Reads {@code GET /iam/pairing} and the handshake key of a connected device. */
    public static DeviceDescription describe(DeviceConnection connection) throws IOException {
        CborMap info = DeviceConnection.cbor(connection.get("/iam/pairing"));
        try {
            return new DeviceDescription(info.text("ProductId", 64), info.text("DeviceId", 64),
                    connection.deviceFingerprint(), info.optionalText("AppName", 64).orElse(""),
                    info.optionalText("FriendlyName", 64).orElse(""), info.textList("Modes", 32, 64));
        } catch (WireException e) {
            throw new IOException("device sent a bad /iam/pairing body: " + e.getMessage());
        }
    }

    /**
     * The Nabto Edge 5.1 flow: connect on the device's local listener, show the device's fingerprint to the user
     * ({@code confirm}), ask the device to pair ({@code POST /pair}, which the device user confirms in turn), and
     * store the device so that every later connection is pinned to its key.
     */
    public KnownDevice pairWithFingerprintConfirmation(InetSocketAddress localAddress, DeviceConfirmation confirm)
            throws IOException, PairingException, DeviceKeyChangedException {
        try (DeviceConnection connection = connect(localAddress)) {
            DeviceDescription device = describe(connection);
            if (!confirm.confirm(device)) {
                throw new PairingException("", "the device fingerprint was not confirmed; nothing was sent");
            }
            ClientTransport.Reply reply = connection.post("/pair", new byte[0], -1);
            if (!reply.isSuccess()) {
                throw new PairingException(reply.code(), "device refused pairing (" + reply.code() + "): "
                        + reply.text());
            }
            KnownDevice known = new KnownDevice(device.productId(), device.deviceId(), device.fingerprint(),
                    device.friendlyName(), format(localAddress));
            knownDevices.remember(known);
            return known;
        }
    }

    /** Local-initial pairing: on the device's local listener, become its initial user (usually {@code admin}). */
    public KnownDevice pairLocalInitial(InetSocketAddress localAddress, String fingerprintName)
            throws IOException, PairingException, DeviceKeyChangedException {
        return pairDirectly(localAddress, "/iam/pairing/local-initial",
                CborMap.builder().put("FingerprintName", fingerprintName).build());
    }

    /** Local-open pairing: on the device's local listener, become a new user {@code username}. */
    public KnownDevice pairLocalOpen(InetSocketAddress localAddress, String username, String fingerprintName)
            throws IOException, PairingException, DeviceKeyChangedException {
        return pairDirectly(localAddress, "/iam/pairing/local-open",
                CborMap.builder().put("Username", username).put("FingerprintName", fingerprintName).build());
    }

    private KnownDevice pairDirectly(InetSocketAddress address, String path, CborMap body)
            throws IOException, PairingException, DeviceKeyChangedException {
        try (DeviceConnection connection = connect(address)) {
            ClientTransport.Session session = connection.session();
            DeviceDescription device = describe(connection);
            PasswordAuthenticator.expectCreated(connection.post(path, body), "pairing");
            if (!connection.isCurrent(session)) {
                throw new PairingException("", "the DTLS session changed during pairing; nothing was stored");
            }
            KnownDevice known = new KnownDevice(device.productId(), device.deviceId(), session.deviceFingerprint(),
                    device.friendlyName(), format(address));
            knownDevices.remember(known);
            return known;
        }
    }

    /**
     * Password-open pairing: authenticate with the device's open-pairing password, then become a new user
     * {@code username}. {@code expectedDevice} (or null) pins the device key from the first packet.
     */
    public KnownDevice pairPasswordOpen(InetSocketAddress address, Fingerprint expectedDevice, String password,
                                        String username, String fingerprintName)
            throws IOException, PairingException, DeviceKeyChangedException {
        return pairWithSecret(address, expectedDevice, null, "Username", "",
                (secrets) -> secrets.password("", password),
                CborMap.builder().put("Username", username).put("FingerprintName", fingerprintName).build());
    }

    /** Password-invite pairing: authenticate as the invited {@code username} with its one-time password. */
    public KnownDevice pairPasswordInvite(InetSocketAddress address, Fingerprint expectedDevice, String username,
                                          String password, String fingerprintName)
            throws IOException, PairingException, DeviceKeyChangedException {
        return pairWithSecret(address, expectedDevice, null, "Username", username,
                (secrets) -> secrets.password(username, password),
                CborMap.builder().put("FingerprintName", fingerprintName).build());
    }

    /** Token pairing, locally or remotely: authenticate with a one-time pairing token. */
    public KnownDevice pairWithToken(InetSocketAddress address, Fingerprint expectedDevice, String tokenId,
                                     String token, String fingerprintName)
            throws IOException, PairingException, DeviceKeyChangedException {
        if (Codes.normalizeToken(token) == null) {
            throw new PairingException("", "that is not a pairing token (16 symbols of " + "0-9 A-Z without I L O U)");
        }
        return pairWithSecret(address, expectedDevice, null, "TokenId", tokenId,
                (secrets) -> secrets.token(tokenId, token),
                CborMap.builder().put("FingerprintName", fingerprintName).build());
    }

    /**
     * Pairs from a pairing string: a token ({@code tid=}), an invitation ({@code u=}) or the open-pairing password
     * (then {@code username} names the new user). The address is {@code a=} unless one is given. With the product
     * and device id of the string, this is two round trips after the DTLS handshake.
     */
    public KnownDevice pair(PairingString ps, InetSocketAddress addressOrNull, String username,
                            String fingerprintName) throws IOException, PairingException, DeviceKeyChangedException {
        InetSocketAddress address = addressOrNull != null ? addressOrNull : parseAddress(
                ps.address() == null ? "" : ps.address());
        DeviceIds ids = ps.productId() != null && ps.deviceId() != null
                ? new DeviceIds(ps.productId(), ps.deviceId()) : null;
        CborMap named = CborMap.builder().put("FingerprintName", fingerprintName).build();
        if (ps.isToken()) {
            if (Codes.normalizeToken(ps.password()) == null) {
                throw new PairingException("", "that is not a pairing token (16 symbols of 0-9 A-Z without I L O U)");
            }
            return checked(ps, pairWithSecret(address, ps.fingerprint(), ids, "TokenId", ps.tokenId(),
                    (secrets) -> secrets.token(ps.tokenId(), ps.password()), named));
        }
        if (ps.username() != null && !ps.username().isEmpty()) {
            return checked(ps, pairWithSecret(address, ps.fingerprint(), ids, "Username", ps.username(),
                    (secrets) -> secrets.password(ps.username(), ps.password()), named));
        }
        if (username == null || username.isEmpty()) {
            throw new PairingException("", "open pairing needs a username for the new user");
        }
        return checked(ps, pairWithSecret(address, ps.fingerprint(), ids, "Username", "",
                (secrets) -> secrets.password("", ps.password()),
                CborMap.builder().put("Username", username).put("FingerprintName", fingerprintName).build()));
    }

    /** Checks the device it paired with is the one the pairing string named. */
    private static KnownDevice checked(PairingString ps, KnownDevice known) throws PairingException {
        if ((ps.productId() != null && !ps.productId().equals(known.productId()))
                || (ps.deviceId() != null && !ps.deviceId().equals(known.deviceId()))) {
            // Cannot happen with an honest device: the ids are in the secret's salt.
            throw new PairingException("", "paired with " + known.productId() + "/" + known.deviceId()
                    + ", not the device of the pairing string");
        }
        return known;
    }

    private record DeviceIds(String productId, String deviceId) {
    }

    @FunctionalInterface
    private interface SecretOf {
        PakeSecret derive(DeviceSecrets secrets);
    }

    /**
     * Password or token pairing on one DTLS session (spec/pairing.md): the session is taken at the start; without
     * {@code ids} the device's ids come from {@code GET /iam/pairing} on that session; {@code /pake/1}; {@code
     * /pake/2} with the pairing request; the device is stored only after its MAC verified, with the device key of
     * that session, the key the confirmation covered.
     */
    private KnownDevice pairWithSecret(InetSocketAddress address, Fingerprint expectedDevice, DeviceIds ids,
                                       String field, String value, SecretOf secretOf, CborMap pairRequest)
            throws IOException, PairingException, DeviceKeyChangedException {
        DeviceConnection connection = expectedDevice == null ? connect(address)
                : connectPinned(address, expectedDevice, ids == null ? "?" : ids.productId(),
                ids == null ? "?" : ids.deviceId());
        try (connection) {
            ClientTransport.Session session = connection.session();
            String friendlyName = "";
            if (ids == null) {
                DeviceDescription device = describe(connection);
                ids = new DeviceIds(device.productId(), device.deviceId());
                friendlyName = device.friendlyName();
            }
            DeviceSecrets secrets = new DeviceSecrets(ids.productId(), ids.deviceId());
            String principal = field.equals("TokenId") ? PakeSecrets.tokenPrincipal(value)
                    : PakeSecrets.userPrincipal(value);
            PasswordAuthenticator.authenticate(connection, session, fingerprint(), field, value, principal,
                    secretOf.derive(secrets), pairRequest);
            KnownDevice known = new KnownDevice(ids.productId(), ids.deviceId(), session.deviceFingerprint(),
                    friendlyName, format(address));
            knownDevices.remember(known);
            return known;
        }
    }

    /** host:port, with brackets around an IPv6 host. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Parses host:port (IPv6 in brackets). */
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

    public static final class Builder {
        private Identity identity;
        private KnownDevices knownDevices = KnownDevices.inMemory();
        private DtlsSettings dtls = DtlsSettings.defaults();

        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        public Builder knownDevices(KnownDevices knownDevices) {
            this.knownDevices = Objects.requireNonNull(knownDevices);
            return this;
        }

        public Builder dtlsSettings(DtlsSettings settings) {
            this.dtls = Objects.requireNonNull(settings);
            return this;
        }

        public Client build() {
            return new Client(this);
        }
    }
}
