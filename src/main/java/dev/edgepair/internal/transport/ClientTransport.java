package dev.edgepair.internal.transport;

import dev.edgepair.net.DtlsSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.dtls.DTLSContext;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;

/**
 * One client-side DTLS connection to one device: its own UDP socket, its own key check (any key, or exactly a
 * pinned one), and the session's exporter value for channel binding.
 */
public final class ClientTransport implements AutoCloseable {
    /** A CoAP response: code as "2.05", payload, content format (or -1), Max-Age in seconds. */
    public record Reply(String code, byte[] payload, int contentFormat, long maxAge) {
        public boolean isSuccess() {
            return code.startsWith("2.");
        }

        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final InetSocketAddress device;
    private final DTLSConnector connector;
    private final java.util.concurrent.ScheduledThreadPoolExecutor executor;
    private final CoapEndpoint endpoint;
    private final CoapClient coap;
    private final KeyVerifier verifier;
    private final Fingerprint pinned;
    /** Released when the handshake completes or the ping that started it fails: connect() waits on it. */
    private final java.util.concurrent.Semaphore progress = new java.util.concurrent.Semaphore(0);

    private ClientTransport(Identity identity, InetSocketAddress device, Fingerprint pinned, DtlsSettings settings) {
        this.device = device;
        this.pinned = pinned;
        this.verifier = pinned == null ? KeyVerifier.firstKeyThenLocked() : KeyVerifier.pinnedTo(pinned);
        var cfg = Dtls.configuration(DtlsRole.CLIENT_ONLY, settings);
        InetSocketAddress bind = settings.clientBind() == null ? new InetSocketAddress(0)
                : new InetSocketAddress(settings.clientBind(), 0);
        this.connector = Dtls.connector(cfg, bind, identity, verifier, new Established(progress), "client");
        // One executor of our own for the connector, its timers and the endpoint: close() can then wait until the
        // close_notify task has run, and drop what is left. Left to them, the connector makes a timer thread and
        // the endpoint its own threads, and the endpoint's destroy() waits up to 500 ms for its timers (the
        // retransmission of a request not answered yet, such as the handshake's ping when a connection is closed
        // right after connect); a closed connection has nothing left to retransmit. Scandium takes a scheduled
        // executor as its timer too: two threads in all, made when first used, instead of four.
        this.executor = new java.util.concurrent.ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "edgepair-client");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        connector.setExecutor(executor);
        this.endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(connector).build();
        endpoint.setExecutors(executor, executor);
        this.coap = new CoapClient();
        coap.setEndpoint(endpoint);
        coap.setTimeout(settings.coapTimeout().toMillis());
    }

    /** Opens a connection and completes the DTLS handshake. */
    public static ClientTransport connect(Identity identity, InetSocketAddress device, Fingerprint pinnedOrNull,
                                          DtlsSettings settings) throws IOException, KeyMismatchException {
        return connect(identity, device, pinnedOrNull, settings, null);
    }

    /**
     * Opens a connection and completes the DTLS handshake; {@code whileHandshakingOrNull} runs on the calling thread
     * once the handshake has started (the connector's threads run it), for work that needs no session. If it throws,
     * the connection is closed and its exception passes through.
     */
    public static ClientTransport connect(Identity identity, InetSocketAddress device, Fingerprint pinnedOrNull,
                                          DtlsSettings settings, Runnable whileHandshakingOrNull)
            throws IOException, KeyMismatchException {
        ClientTransport t = new ClientTransport(identity, device, pinnedOrNull, settings);
        try {
            t.endpoint.start();
            t.handshake(whileHandshakingOrNull);
            return t;
        } catch (Throwable e) { // an Error in the caller's work too: the connector's threads and socket go
            t.close();
            throw e;
        }
    }

    private void handshake(Runnable whileHandshakingOrNull) throws IOException, KeyMismatchException {
        // A CoAP ping (empty CON) makes the DTLS handshake happen now, before any request is sent. The connection is
        // ready as soon as the handshake is: the ping's own answer is not waited for, so the first request follows the
        // handshake at once (a pairing is two round trips after it, spec/pairing.md).
        Request ping = new Request(null, org.eclipse.californium.core.coap.CoAP.Type.CON);
        ping.setToken(org.eclipse.californium.core.coap.Token.EMPTY);
        ping.setURI(uri("/"));
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        ping.addMessageObserver(new org.eclipse.californium.core.coap.MessageObserverAdapter() {
            @Override
            public void onSendError(Throwable error) {
                failed.set(true);
                progress.release();
            }

            @Override
            public void onTimeout() {
                failed.set(true);
                progress.release();
            }
        });
        endpoint.sendRequest(ping);
        long deadline = System.nanoTime() + coap.getTimeout() * 1_000_000L;
        if (whileHandshakingOrNull != null) {
            whileHandshakingOrNull.run();
        }
        while (connector.getDtlsContextByAddress(device) == null) {
            if (failed.get() || System.nanoTime() - deadline > 0) {
                ping.cancel();
                if (pinned != null && verifier.seenKey() != null
                        && !pinned.equals(Fingerprint.of(verifier.seenKey()))) {
                    throw new KeyMismatchException(pinned, Fingerprint.of(verifier.seenKey()));
                }
                throw new IOException("no DTLS connection to " + device);
            }
            try {
                // woken when the handshake completes (Scandium calls the listener once the connection holds the
                // context, so the check above then succeeds) or the ping fails; the timeout only bounds a miss
                progress.tryAcquire(RECHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + device, e);
            }
        }
    }

    /** How long connect() waits for a wake-up before it looks again anyway. */
    private static final long RECHECK_MILLIS = 50;

    /**
     * Wakes connect() when a handshake completes. It replaces a 1 ms polling sleep: 8 clients handshaking at once
     * woke 8,000 times a second (spec/benchmarks.md).
     */
    private static final class Established extends ConnectionEvents {
        private final java.util.concurrent.Semaphore progress;

        Established(java.util.concurrent.Semaphore progress) {
            this.progress = progress;
        }

        @Override
        public void onConnectionEstablished(org.eclipse.californium.scandium.dtls.Connection connection) {
            progress.release();
        }
    }

    /**
     * One DTLS session as the client saw it: which session, the device key it authenticated, and its RFC 5705
     * exporter value. A pairing takes one at its start and checks at its end that the session is still current.
     */
    public record Session(String sessionId, long handshakeTime, Fingerprint deviceFingerprint, byte[] exporter) {
        @Override
        public String toString() {
            return "Session[" + sessionId + ", device " + deviceFingerprint.shortHex() + "]";
        }
    }

    /** The current DTLS session; fails if there is none. */
    public Session session() throws IOException {
        DTLSContext context = context();
        return new Session(sessionId(context), context.getLastHandshakeTime(), fingerprint(context),
                context.exportKeyMaterial(Dtls.EXPORTER_LABEL, null, Dtls.EXPORTER_LENGTH));
    }

    /** The next request resumes the session in an abbreviated handshake (tests: resumptions against the device). */
    void resumeOnNextRequest() {
        connector.forceResumeSessionFor(device);
    }

    /** Whether {@code session} is still the current DTLS session (no re-handshake, no resumption since). */
    public boolean isCurrent(Session session) {
        DTLSContext context = connector.getDtlsContextByAddress(device);
        return context != null && sessionId(context).equals(session.sessionId())
                && context.getLastHandshakeTime() == session.handshakeTime();
    }

    private static String sessionId(DTLSContext context) {
        var id = context.getSession().getSessionIdentifier();
        return id == null ? "" : id.getAsString();
    }

    /** The device key of the session, whether it came as a raw public key or in a certificate. */
    private Fingerprint fingerprint(DTLSContext context) throws IOException {
        try {
            return PeerKey.fingerprint(context.getSession().getPeerIdentity());
        } catch (IllegalArgumentException e) {
            throw new IOException("the DTLS connection to " + device + " has no P-256 device key", e);
        }
    }

    /** The fingerprint of the key the device proved in the current DTLS session. */
    public Fingerprint deviceFingerprint() throws IOException {
        return fingerprint(context());
    }

    /** 32 bytes of RFC 5705 keying material of the current session, the same value the device computes. */
    public byte[] exporter() throws IOException {
        return context().exportKeyMaterial(Dtls.EXPORTER_LABEL, null, Dtls.EXPORTER_LENGTH);
    }

    public InetSocketAddress deviceAddress() {
        return device;
    }

    private DTLSContext context() throws IOException {
        DTLSContext context = connector.getDtlsContextByAddress(device);
        if (context == null) {
            throw new IOException("the DTLS connection to " + device + " is gone");
        }
        return context;
    }

    public Reply get(String path) throws IOException {
        return send(Request.newGet(), path, null, -1);
    }

    public Reply delete(String path) throws IOException {
        return send(Request.newDelete(), path, null, -1);
    }

    public Reply post(String path, byte[] body, int contentFormat) throws IOException {
        return send(Request.newPost(), path, body, contentFormat);
    }

    public Reply put(String path, byte[] body, int contentFormat) throws IOException {
        return send(Request.newPut(), path, body, contentFormat);
    }

    private Reply send(Request request, String path, byte[] body, int contentFormat) throws IOException {
        request.setURI(uri(path));
        if (body != null) {
            request.setPayload(body);
            if (contentFormat >= 0) {
                request.getOptions().setContentFormat(contentFormat);
            }
        }
        CoapResponse response;
        try {
            response = coap.advanced(request);
        } catch (ConnectorException e) {
            throw new IOException("CoAP request to " + device + path + " failed: " + e.getMessage(), e);
        }
        if (response == null) {
            throw new IOException("no response from " + device + path + " (timeout or connection lost)");
        }
        int format = response.getOptions().hasContentFormat() ? response.getOptions().getContentFormat()
                : MediaTypeRegistry.UNDEFINED;
        // RFC 7252 5.10.5: an absent Max-Age means 60 seconds (Californium leaves out the default value).
        long maxAge = response.getOptions().hasMaxAge() ? response.getOptions().getMaxAge() : 60;
        return new Reply(response.getCode().codeClass + "." + String.format("%02d", response.getCode().codeDetail),
                response.getPayload() == null ? new byte[0] : response.getPayload(), format, maxAge);
    }

    private URI uri(String path) {
        String host = device.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("coaps://" + host + ":" + device.getPort() + path);
    }

    @Override
    public void close() {
        // close_notify tells the device to drop this connection's state now rather than at its idle timeout.
        // Scandium sends it from a task on the connection's serial executor; a for-each over the connections runs
        // on those same executors, so its completion means the close task has run.
        try {
            connector.close(device);
            // Scandium sends the alert from that task itself (DatagramSocket.send), so once it has run the datagram
            // is the kernel's: closing the socket after it loses nothing (best effort all the same: the device's
            // idle timeout drops the state if this datagram is lost on the way)
            connector.startForEach((org.eclipse.californium.elements.util.Filter<org.eclipse.californium.scandium.dtls.Connection>) connection -> true)
                    .get(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RuntimeException e) {
            // not connected, or already stopping: nothing more to notify
        }
        executor.shutdown();
        try {
            executor.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        coap.shutdown();
        endpoint.destroy();
        executor.shutdownNow();
    }

}
