package dev.edgepair.internal.transport;

import dev.edgepair.net.DtlsSettings;

import dev.edgepair.net.LanSources;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.DTLSContext;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;

/**
 * The device's CoAP server on two DTLS listeners, local and remote, with P-256 keys on both sides (raw, or carried in
 * an X.509 certificate for peers without RFC 7250). Builds the
 * {@link RequestContext} of each request and keeps per-connection state in a {@link ConnectionRegistry}.
 */
public final class DeviceTransport implements AutoCloseable {
    private final CoapServer server;
    private final DTLSConnector localConnector;
    private final DTLSConnector remoteConnector;
    private final CoapEndpoint localEndpoint;
    private final CoapEndpoint remoteEndpoint;
    private final ConnectionRegistry registry;
    private final ScheduledExecutorService sweeper;
    private final Duration sweepPeriod;

    private final java.util.function.Predicate<java.net.InetAddress> lanSources;
    private final LanSources neighbours;

    /**
     * @param lanSources which source addresses count as on the LAN for the local listener ({@link LanSources})
     * @throws IllegalArgumentException if both listeners are given the same address and port
     */
    public DeviceTransport(Identity identity, InetSocketAddress local, InetSocketAddress remote,
                           DtlsSettings settings, Duration idleTimeout,
                           java.util.function.Predicate<java.net.InetAddress> lanSources,
                           java.util.function.Predicate<Fingerprint> paired) {
        if (local.getPort() != 0 && local.getPort() == remote.getPort()
                && (local.getAddress().isAnyLocalAddress() || remote.getAddress().isAnyLocalAddress()
                || local.getAddress().equals(remote.getAddress()))) {
            throw new IllegalArgumentException("the local and remote listeners need different ports (both "
                    + local.getPort() + ")");
        }
        this.lanSources = java.util.Objects.requireNonNull(lanSources);
        this.registry = new ConnectionRegistry(idleTimeout, System::nanoTime);
        var cfg = Dtls.configuration(DtlsRole.SERVER_ONLY, settings);
        this.server = new CoapServer(cfg);
        // No /.well-known/core: it would list every application resource to unpaired clients, outside IAM.
        var wellKnown = server.getRoot().getChild(".well-known");
        if (wellKnown != null) {
            server.getRoot().delete(wellKnown);
        }
        // the limits group sources by the host's real subnets, whatever the device decides about locality
        this.neighbours = LanSources.ofThisHost();
        ConnectionGuard localGuard = Dtls.guard(settings, paired, neighbours, "device-local");
        ConnectionGuard remoteGuard = Dtls.guard(settings, paired, neighbours, "device-remote");
        this.localConnector = Dtls.connector(cfg, local, identity, KeyVerifier.anyKey(),
                new Dropper(Listener.LOCAL, localGuard), localGuard, "device-local");
        this.remoteConnector = Dtls.connector(cfg, remote, identity, KeyVerifier.anyKey(),
                new Dropper(Listener.REMOTE, remoteGuard), remoteGuard, "device-remote");
        localGuard.closeWith(key -> localConnector.startTerminateConnectionsForPrincipal(
                (org.eclipse.californium.elements.util.Filter<java.security.Principal>) key::equals));
        remoteGuard.closeWith(key -> remoteConnector.startTerminateConnectionsForPrincipal(
                (org.eclipse.californium.elements.util.Filter<java.security.Principal>) key::equals));
        localConnector.setAlertHandler((peer, alert) -> onAlert(Listener.LOCAL, localGuard, peer,
                alert.getDescription()));
        remoteConnector.setAlertHandler((peer, alert) -> onAlert(Listener.REMOTE, remoteGuard, peer,
                alert.getDescription()));
        this.localEndpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(localConnector).build();
        this.remoteEndpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(remoteConnector).build();
        server.addEndpoint(localEndpoint);
        server.addEndpoint(remoteEndpoint);
        this.sweepPeriod = idleTimeout.dividedBy(4).isZero() ? Duration.ofMillis(10) : idleTimeout.dividedBy(4);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edgepair-connection-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    public CoapServer server() {
        return server;
    }

    /**
     * Starts both listeners, or neither.
     *
     * @throws IOException naming the listener whose address could not be bound
     */
    public void start() throws IOException {
        try {
            server.start();
        } catch (IllegalStateException e) {
            // Californium says "None of the server endpoints could be started": say which and why below
        }
        for (CoapEndpoint ep : List.of(localEndpoint, remoteEndpoint)) {
            if (!ep.isStarted()) {
                server.stop();
                String which = ep == localEndpoint ? "local" : "remote";
                throw new IOException("the " + which + " listener could not bind " + ep.getAddress()
                        + " (address in use, or not an address of this host)");
            }
        }
        long period = Math.max(1, sweepPeriod.toMillis());
        sweeper.scheduleAtFixedRate(registry::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    public InetSocketAddress localAddress() {
        return localEndpoint.getAddress();
    }

    public InetSocketAddress remoteAddress() {
        return remoteEndpoint.getAddress();
    }

    public ConnectionRegistry connections() {
        return registry;
    }

    /** Which listener an exchange arrived on. */
    public Listener listenerOf(CoapExchange exchange) {
        Endpoint endpoint = exchange.advanced().getEndpoint();
        return endpoint == localEndpoint ? Listener.LOCAL : Listener.REMOTE;
    }

    /** The context of a request: only DTLS with a P-256 key (raw or in a certificate) reaches a handler. */
    public RequestContext context(CoapExchange exchange) throws ConnectionChangedException {
        EndpointContext source = exchange.advanced().getRequest().getSourceContext();
        Principal principal = source.getPeerIdentity();
        Fingerprint fingerprint;
        try {
            if (!(source instanceof DtlsEndpointContext)) {
                throw new IllegalArgumentException("not DTLS");
            }
            fingerprint = PeerKey.fingerprint(principal);
        } catch (IllegalArgumentException e) {
            throw new ConnectionChangedException("not a DTLS connection with a P-256 key");
        }
        DtlsEndpointContext dtls = (DtlsEndpointContext) source;
        Listener listener = listenerOf(exchange);
        String sessionId = dtls.getSessionId().getAsString();
        long handshake = dtls.getHandshakeTimestamp().longValue();
        ConnectionKey key = new ConnectionKey(listener, sessionId, handshake);
        InetSocketAddress peer = source.getPeerAddress();
        DTLSConnector connector = listener == Listener.LOCAL ? localConnector : remoteConnector;
        ConnectionState state;
        try {
            state = registry.open(key, peer, () -> export(connector, peer, sessionId, handshake));
        } catch (Unbound e) {
            throw new ConnectionChangedException(e.getMessage());
        }
        return new RequestContext(key, fingerprint, peer, state,
                listener == Listener.LOCAL && lanSources.test(peer.getAddress()),
                neighbours.test(peer.getAddress()) ? peer.getAddress() : SourceAddresses.unitOf(peer.getAddress()));
    }

    private static byte[] export(DTLSConnector connector, InetSocketAddress peer, String sessionId, long handshake) {
        DTLSContext context = connector.getDtlsContextByAddress(peer);
        if (context == null || context.getSession().getSessionIdentifier() == null
                || !context.getSession().getSessionIdentifier().getAsString().equals(sessionId)
                || context.getLastHandshakeTime() != handshake) {
            throw new Unbound("the DTLS connection changed; retry");
        }
        return context.exportKeyMaterial(Dtls.EXPORTER_LABEL, null, Dtls.EXPORTER_LENGTH);
    }

    private void onAlert(Listener listener, ConnectionGuard guard, InetSocketAddress peer,
                         AlertDescription description) {
        if (description == AlertDescription.CLOSE_NOTIFY) {
            registry.dropAddress(listener, peer);
            guard.onClosed(peer);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        server.stop();
        server.destroy();
        registry.clear();
    }

    /** The registry's supplier cannot throw checked exceptions. */
    private static final class Unbound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unbound(String message) {
            super(message, null, false, false);
        }
    }

    /** Drops per-connection state when Scandium removes a connection (eviction, fatal alert, replacement). */
    private final class Dropper extends ConnectionEvents {
        private final Listener listener;
        private final ConnectionGuard guard;

        Dropper(Listener listener, ConnectionGuard guard) {
            this.listener = listener;
            this.guard = guard;
        }

        @Override
        public void onConnectionEstablished(Connection connection) {
            guard.onEstablished(connection);
        }

        @Override
        public void onConnectionRemoved(Connection connection) {
            guard.onRemoved(connection);
            if (connection.getEstablishedSessionIdentifier() != null) {
                registry.dropSession(listener, connection.getEstablishedSessionIdentifier().getAsString());
            }
        }
    }
}
