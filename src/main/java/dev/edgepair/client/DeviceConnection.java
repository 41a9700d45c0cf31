package dev.edgepair.client;

import java.io.IOException;
import java.net.InetSocketAddress;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * A DTLS connection from the client to one device, with CoAP requests carrying CBOR or raw bodies. Obtained from
 * {@link Client#connect(KnownDevice, InetSocketAddress)} (pinned to the stored key) or
 * {@link Client#connect(InetSocketAddress)} (first contact). {@link #admin()} manages the device's users and settings
 * through this connection. Close it when done.
 */
public final class DeviceConnection implements AutoCloseable {
    /** CoAP Content-Format application/cbor (RFC 7049, registered as 60). */
    private static final int CBOR = 60;
    private final ClientTransport transport;

    DeviceConnection(ClientTransport transport) {
        this.transport = transport;
    }

    /**
     * @return the fingerprint of the key the device proved in this DTLS session
     * @throws IOException if the handshake fails or times out
     */
    public Fingerprint deviceFingerprint() throws IOException {
        return transport.deviceFingerprint();
    }

    /** The current DTLS session: its identity, the device key it authenticated, its exporter value. */
    ClientTransport.Session session() throws IOException {
        return transport.session();
    }

    /** Whether {@code session} is still the current DTLS session. */
    boolean isCurrent(ClientTransport.Session session) {
        return transport.isCurrent(session);
    }

    /**
     * @return this session's RFC 5705 exporter value (channel binding)
     * @throws IOException if the handshake fails or times out
     */
    public byte[] exporter() throws IOException {
        return transport.exporter();
    }

    /**
     * @return the device's address
     */
    public InetSocketAddress address() {
        return transport.deviceAddress();
    }

    /**
     * Reads {@code GET /iam/pairing} on this connection: the device's ids, name and pairing modes.
     *
     * @return what the device says about itself, with the key of this DTLS session
     * @throws IOException if the request fails, is refused or the body is bad
     */
    public DeviceDescription describe() throws IOException {
        CborMap info = cbor(get("/iam/pairing"));
        try {
            return new DeviceDescription(info.text("ProductId", 64), info.text("DeviceId", 64),
                    deviceFingerprint(), info.optionalText("AppName", 64).orElse(""),
                    info.optionalText("FriendlyName", 64).orElse(""), info.textList("Modes", 32, 64));
        } catch (WireException e) {
            throw new IOException("device sent a bad /iam/pairing body: " + e.getMessage());
        }
    }

    /**
     * @return the device's administration (users, roles, tokens, settings) over this connection; what it may do is
     *         what the device's IAM grants this client's user
     */
    public DeviceAdmin admin() {
        return new DeviceAdmin(this);
    }

    /**
     * @param path the resource path, e.g. {@code /hello}
     * @return the device's response
     * @throws IOException if the device does not answer
     */
    public Response get(String path) throws IOException {
        return wrap(transport.get(path));
    }

    /**
     * @param path the resource path
     * @return the device's response
     * @throws IOException if the device does not answer
     */
    public Response delete(String path) throws IOException {
        return wrap(transport.delete(path));
    }

    /**
     * @param path the resource path
     * @param body the CBOR body
     * @return the device's response
     * @throws IOException if the device does not answer
     */
    public Response post(String path, CborMap body) throws IOException {
        return wrap(transport.post(path, Cbor.encode(body), CBOR));
    }

    /**
     * @param path the resource path
     * @param body the raw body
     * @param contentFormat its CoAP Content-Format, or -1 for none
     * @return the device's response
     * @throws IOException if the device does not answer
     */
    public Response post(String path, byte[] body, int contentFormat) throws IOException {
        return wrap(transport.post(path, body, contentFormat));
    }

    /**
     * @param path the resource path
     * @param body the CBOR body
     * @return the device's response
     * @throws IOException if the device does not answer
     */
    public Response put(String path, CborMap body) throws IOException {
        return wrap(transport.put(path, Cbor.encode(body), CBOR));
    }

    private static Response wrap(ClientTransport.Reply r) {
        return new Response(r.code(), r.payload(), r.contentFormat(), r.maxAge());
    }

    /**
     * Reads a successful CBOR response.
     *
     * @param response a response
     * @return its body as a CBOR map
     * @throws IOException if the code is not a success or the body is not a CBOR map, saying which
     */
    public static CborMap cbor(Response response) throws IOException {
        if (!response.isSuccess()) {
            throw new IOException("device answered " + response.code() + ": " + response.text());
        }
        try {
            return Cbor.decodeMap(response.payload());
        } catch (WireException e) {
            throw new IOException("device sent a bad CBOR body: " + e.getMessage());
        }
    }

    /** Closes the DTLS connection (with close_notify). */
    @Override
    public void close() {
        transport.close();
    }
}
