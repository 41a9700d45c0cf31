package dev.edgepair.client;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.eclipse.californium.core.coap.MediaTypeRegistry;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.internal.transport.ClientTransport.Reply;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/** A DTLS connection from the client to one device, with CoAP requests carrying CBOR or raw bodies. */
public final class DeviceConnection implements AutoCloseable {
    private final ClientTransport transport;

    DeviceConnection(ClientTransport transport) {
        this.transport = transport;
    }

    /** The fingerprint of the key the device proved in this DTLS session. */
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

    /** This session's RFC 5705 exporter value (channel binding). */
    public byte[] exporter() throws IOException {
        return transport.exporter();
    }

    public InetSocketAddress address() {
        return transport.deviceAddress();
    }

    public Reply get(String path) throws IOException {
        return transport.get(path);
    }

    public Reply delete(String path) throws IOException {
        return transport.delete(path);
    }

    public Reply post(String path, CborMap body) throws IOException {
        return transport.post(path, Cbor.encode(body), MediaTypeRegistry.APPLICATION_CBOR);
    }

    public Reply post(String path, byte[] body, int contentFormat) throws IOException {
        return transport.post(path, body, contentFormat);
    }

    public Reply put(String path, CborMap body) throws IOException {
        return transport.put(path, Cbor.encode(body), MediaTypeRegistry.APPLICATION_CBOR);
    }

    /** Reads a successful CBOR response; a failure code or a bad body is an IOException saying which. */
    public static CborMap cbor(Reply reply) throws IOException {
        if (!reply.isSuccess()) {
            throw new IOException("device answered " + reply.code() + ": " + reply.text());
        }
        try {
            return Cbor.decodeMap(reply.payload());
        } catch (WireException e) {
            throw new IOException("device sent a bad CBOR body: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
