package dev.edgepair.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
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
        try {
            return new DeviceConnection(ClientTransport.connect(identity, address, device.fingerprint(), dtls));
        } catch (KeyMismatchException e) {
            throw new DeviceKeyChangedException(device.productId(), device.deviceId(), e.expected(), e.presented());
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

    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    static InetSocketAddress parseAddress(String hostPort) throws IOException {
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
