package dev.edgepair.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.pairing.Codes;
import dev.edgepair.pairing.DeviceSecrets;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.pairing.PakeSecrets;
import dev.edgepair.transport.ClientTransport;
import dev.edgepair.transport.Dtls;
import dev.edgepair.transport.KeyMismatchException;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * A client application's entry point: its own key, its known devices, and connections to devices. A connection to
 * a known device is pinned to the stored key in the DTLS handshake.
 */
public final class Client {
    private final Identity identity;
    private final KnownDevices knownDevices;
    private final Dtls.Settings dtls;

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
            DeviceDescription device = describe(connection);
            PasswordAuthenticator.expectCreated(connection.post(path, body), "pairing");
            KnownDevice known = new KnownDevice(device.productId(), device.deviceId(), device.fingerprint(),
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
        return pairWithSecret(address, expectedDevice, "Username", "",
                (secrets) -> secrets.password("", password).value(), "/iam/pairing/password-open",
                CborMap.builder().put("Username", username).put("FingerprintName", fingerprintName).build());
    }

    /** Password-invite pairing: authenticate as the invited {@code username} with its one-time password. */
    public KnownDevice pairPasswordInvite(InetSocketAddress address, Fingerprint expectedDevice, String username,
                                          String password, String fingerprintName)
            throws IOException, PairingException, DeviceKeyChangedException {
        return pairWithSecret(address, expectedDevice, "Username", username,
                (secrets) -> secrets.password(username, password).value(), "/iam/pairing/password-invite",
                CborMap.builder().put("FingerprintName", fingerprintName).build());
    }

    /** Token pairing, locally or remotely: authenticate with a one-time pairing token. */
    public KnownDevice pairWithToken(InetSocketAddress address, Fingerprint expectedDevice, String tokenId,
                                     String token, String fingerprintName)
            throws IOException, PairingException, DeviceKeyChangedException {
        if (Codes.normalizeToken(token) == null) {
            throw new PairingException("", "that is not a pairing token (16 symbols of " + "0-9 A-Z without I L O U)");
        }
        return pairWithSecret(address, expectedDevice, "TokenId", tokenId,
                (secrets) -> secrets.token(tokenId, token).value(), "/iam/pairing/token",
                CborMap.builder().put("FingerprintName", fingerprintName).build());
    }

    /**
     * Pairs from a pairing string: a token ({@code tid=}), an invitation ({@code u=}) or the open-pairing password
     * (then {@code username} names the new user). The address is {@code a=} unless one is given.
     */
    public KnownDevice pair(PairingString ps, InetSocketAddress addressOrNull, String username,
                            String fingerprintName) throws IOException, PairingException, DeviceKeyChangedException {
        InetSocketAddress address = addressOrNull != null ? addressOrNull : parseAddress(
                ps.address() == null ? "" : ps.address());
        if (ps.isToken()) {
            return checked(ps, () -> pairWithToken(address, ps.fingerprint(), ps.tokenId(), ps.password(),
                    fingerprintName));
        }
        if (ps.username() != null && !ps.username().isEmpty()) {
            return checked(ps, () -> pairPasswordInvite(address, ps.fingerprint(), ps.username(),
                    ps.password(), fingerprintName));
        }
        if (username == null || username.isEmpty()) {
            throw new PairingException("", "open pairing needs a username for the new user");
        }
        return checked(ps, () -> pairPasswordOpen(address, ps.fingerprint(), ps.password(), username,
                fingerprintName));
    }

    @FunctionalInterface
    private interface PairingCall {
        KnownDevice run() throws IOException, PairingException, DeviceKeyChangedException;
    }

    /** Runs a pairing and checks the device it paired with is the one the pairing string named. */
    private KnownDevice checked(PairingString ps, PairingCall call)
            throws IOException, PairingException, DeviceKeyChangedException {
        KnownDevice known = call.run();
        if ((ps.productId() != null && !ps.productId().equals(known.productId()))
                || (ps.deviceId() != null && !ps.deviceId().equals(known.deviceId()))) {
            // Cannot happen with an honest device: the ids are in the secret's salt.
            throw new PairingException("", "paired with " + known.productId() + "/" + known.deviceId()
                    + ", not the device of the pairing string");
        }
        return known;
    }

    @FunctionalInterface
    private interface SecretOf {
        byte[] derive(DeviceSecrets secrets);
    }

    private KnownDevice pairWithSecret(InetSocketAddress address, Fingerprint expectedDevice, String field,
                                       String value, SecretOf secretOf, String pairingPath, CborMap pairingBody)
            throws IOException, PairingException, DeviceKeyChangedException {
        DeviceConnection connection = expectedDevice == null ? connect(address)
                : connectPinned(address, expectedDevice, "at", format(address));
        try (connection) {
            DeviceDescription device = describe(connection);
            DeviceSecrets secrets = new DeviceSecrets(device.productId(), device.deviceId());
            String principal = field.equals("TokenId") ? PakeSecrets.tokenPrincipal(value)
                    : PakeSecrets.userPrincipal(value);
            PasswordAuthenticator.authenticate(connection, fingerprint(), field, value, principal,
                    secretOf.derive(secrets));
            ClientTransport.Reply reply = connection.post(pairingPath, pairingBody);
            PasswordAuthenticator.expectCreated(reply, "pairing");
            KnownDevice known = new KnownDevice(device.productId(), device.deviceId(), device.fingerprint(),
                    device.friendlyName(), format(address));
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
        private Dtls.Settings dtls = Dtls.Settings.defaults();

        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        public Builder knownDevices(KnownDevices knownDevices) {
            this.knownDevices = Objects.requireNonNull(knownDevices);
            return this;
        }

        public Builder dtlsSettings(Dtls.Settings settings) {
            this.dtls = Objects.requireNonNull(settings);
            return this;
        }

        public Client build() {
            return new Client(this);
        }
    }
}
