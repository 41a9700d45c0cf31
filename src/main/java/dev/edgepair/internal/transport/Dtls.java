package dev.edgepair.internal.transport;

import dev.edgepair.internal.secret.SecretAccess;

import dev.edgepair.net.DtlsSettings;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.ExtendedMasterSecretMode;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuiteParameters;
import org.eclipse.californium.scandium.dtls.cipher.DefaultCipherSuiteSelector;
import org.eclipse.californium.scandium.dtls.x509.CertificateConfigurationHelper;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

import dev.edgepair.identity.Identity;

/**
 * The DTLS 1.2 settings both sides use: the key offered and accepted as a raw public key (RFC 7250) first or inside a
 * self-signed X.509 certificate second, two ECDHE-ECDSA AES-128 suites, the extended master secret (RFC 7627)
 * required, RFC 5705 export.
 */
public final class Dtls {
    /** RFC 5705 label of the channel-binding value. */
    public static final byte[] EXPORTER_LABEL = "EXPORTER-EdgePair-channel-binding".getBytes(StandardCharsets.US_ASCII);
    public static final int EXPORTER_LENGTH = 32;
    /** What each side offers and accepts, in order of preference: the raw key, else the key in a certificate. */
    static final List<CertificateType> CERTIFICATE_TYPES = List.of(CertificateType.RAW_PUBLIC_KEY,
            CertificateType.X_509);
    /**
     * Scandium keeps connections that were closed with close_notify (for resumption); they only make room for new
     * handshakes once idle this long, so it is short.
     */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    static {
        CoapConfig.register();
        DtlsConfig.register();
    }

    private Dtls() {
    }

    /** A configuration's role and settings: what makes it. */
    private record Template(DtlsRole role, DtlsSettings settings) {
    }

    /** Templates kept at most; a process that makes more (tests with many settings) starts again from none. */
    private static final int MAX_TEMPLATES = 32;
    private static final java.util.Map<Template, Configuration> TEMPLATES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The configuration of a connector: a copy of the one made the first time for this role and these settings.
     * Making one from nothing applies every Californium module's definitions, whose check reads each private field
     * of their classes by reflection and catches the exception each read throws: most of a client connection's
     * set-up CPU before this copy (spec/benchmarks.md). A copy is the connector's own, as a fresh one was.
     */
    static Configuration configuration(DtlsRole role, DtlsSettings settings) {
        if (TEMPLATES.size() >= MAX_TEMPLATES) {
            TEMPLATES.clear();
        }
        return new Configuration(TEMPLATES.computeIfAbsent(new Template(role, settings),
                t -> newConfiguration(t.role(), t.settings())));
    }

    private static Configuration newConfiguration(DtlsRole role, DtlsSettings settings) {
        // the registered modules' defaults, without replacing Californium's JVM-wide standard configuration
        Configuration cfg = new Configuration();
        cfg.set(DtlsConfig.DTLS_ROLE, role);
        cfg.set(DtlsConfig.DTLS_CERTIFICATE_TYPES, CERTIFICATE_TYPES);
        cfg.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        cfg.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
        cfg.set(DtlsConfig.DTLS_SUPPORT_KEY_MATERIAL_EXPORT, true);
        // RFC 7627: without it the RFC 5705 exporter is not bound to the session (spec/security.md, "Extended
        // master secret"); a peer that does not offer it is refused in the handshake.
        cfg.set(DtlsConfig.DTLS_EXTENDED_MASTER_SECRET_MODE, ExtendedMasterSecretMode.REQUIRED);
        cfg.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, settings.maxRetransmissions());
        cfg.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, settings.retransmissionTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        cfg.set(DtlsConfig.DTLS_MAX_CONNECTIONS, settings.maxConnections());
        cfg.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, settings.staleAfter().toSeconds(), TimeUnit.SECONDS);
        if (role == DtlsRole.CLIENT_ONLY) {
            // one socket with one peer: one receiver thread (Scandium's default is two on hosts with 4 cores or more)
            cfg.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        } else if (role == DtlsRole.SERVER_ONLY) {
            int cores = Runtime.getRuntime().availableProcessors();
            // Scandium runs a listener's handshakes on CONNECTOR_THREAD_COUNT - 1 worker threads: with its default
            // (the core count) that is one thread on a 2-core device, which then does every handshake's ECDHE and
            // ECDSA alone. One worker per core.
            cfg.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, cores + 1);
            // A resumption asks for a cookie too (Scandium's default lets 30% of them skip it): its ClientHello then
            // passes ConnectionGuard like any other, and counts against the recent-handshake window there.
            setResumptionThreshold(cfg);
            // Requests run on these threads, and a change waits there until it is on disk (group commit,
            // spec/iam.md): with one thread per core, one pairing's fsync and one waiting for the next leave no
            // thread for anyone else's request, and no third pairing can join the next write.
            cfg.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, DEVICE_REQUEST_THREADS_PER_CORE * cores);
        }
        return cfg;
    }

    /** Device request threads per core: requests block on durable writes, not only on the CPU. */
    static final int DEVICE_REQUEST_THREADS_PER_CORE = 4;

    @SuppressWarnings("deprecation") // Scandium 3.14 still reads it; its replacement has no per-resumption setting
    private static void setResumptionThreshold(Configuration cfg) {
        cfg.set(DtlsConfig.DTLS_VERIFY_PEERS_ON_RESUMPTION_THRESHOLD, 0);
    }

    /**
     * The limits of a device listener (spec/transport.md, "Connection limits"): the settings' per-source limits, and
     * an eighth of {@code maxConnections} kept for paired clients.
     */
    static ConnectionGuard guard(DtlsSettings settings, java.util.function.Predicate<dev.edgepair.identity.Fingerprint>
            paired, java.util.function.Predicate<java.net.InetAddress> lanSources, String tag) {
        int reserved = Math.max(1, settings.maxConnections() / 8);
        // Scandium's own cap on the handshakes of its recent window: max(maxConnections, 50); an eighth of it is kept
        // for the sources of paired clients
        int budget = Math.max(settings.maxConnections(), 50);
        return new ConnectionGuard(settings.connectionsPerSource(), settings.handshakesPerSource(), 250_000_000L,
                settings.maxConnections() - reserved, budget, Math.max(1, budget / 8), paired, lanSources,
                settings.staleAfter().toNanos(), System::nanoTime, tag);
    }

    static DTLSConnector connector(Configuration cfg, InetSocketAddress bind, Identity identity,
                                   NewAdvancedCertificateVerifier verifier,
                                   org.eclipse.californium.scandium.ConnectionListener listener, String tag) {
        return connector(cfg, bind, identity, verifier, listener, null, tag);
    }

    static DTLSConnector connector(Configuration cfg, InetSocketAddress bind, Identity identity,
                                   NewAdvancedCertificateVerifier verifier,
                                   org.eclipse.californium.scandium.ConnectionListener listener,
                                   org.eclipse.californium.scandium.DatagramFilter filter, String tag) {
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(cfg)
                .setAddress(bind)
                .setLoggingTag(tag)
                .setCertificateIdentityProvider(new SingleCertificateProvider(SecretAccess.privateKey(identity),
                        new Certificate[] {identity.certificate()}, CERTIFICATE_TYPES))
                .setCertificateHelper(certificateHelper(identity))
                .setAdvancedCertificateVerifier(verifier)
                .setCipherSuiteSelector(new RawKeyFirst());
        if (listener != null) {
            b.setConnectionListener(listener);
        }
        if (filter != null) {
            b.setDatagramFilter(filter);
        }
        return new DTLSConnector(b.build());
    }

    /**
     * The signature algorithms and curves the connector offers, read from the identity's certificate, as
     * {@code SingleCertificateProvider} would set them up, without its key-pair check: that check signs and verifies
     * with the key pair each time a connector is built (every client connection; through the JDK's SunEC for some of
     * its algorithms), a sixth of a pairing benchmark's CPU (spec/benchmarks.md). An {@link Identity} holds what it
     * checks by construction: its public key is derived from its private key, and its certificate only ever carries
     * that key (IdentityTest).
     */
    static CertificateConfigurationHelper certificateHelper(Identity identity) {
        CertificateConfigurationHelper helper = new CertificateConfigurationHelper();
        helper.addConfigurationDefaultsFor(List.of(identity.certificate()));
        return helper;
    }

    /**
     * Scandium's server takes the first certificate type of the client's list that it supports; GnuTLS lists X.509
     * before RPK. Our order decides instead: the raw key whenever the client accepts one (for the server's key and
     * for the client's), the certificate only for a peer that takes nothing else.
     */
    static final class RawKeyFirst extends DefaultCipherSuiteSelector {
        @Override
        protected boolean selectForCertificate(CipherSuiteParameters parameters, CipherSuite cipherSuite) {
            if (!super.selectForCertificate(parameters, cipherSuite)) {
                return false;
            }
            if (parameters.getServerCertTypes().contains(CertificateType.RAW_PUBLIC_KEY)) {
                parameters.selectServerCertificateType(CertificateType.RAW_PUBLIC_KEY);
            }
            if (parameters.getSelectedClientCertificateType() != null
                    && parameters.getClientCertTypes().contains(CertificateType.RAW_PUBLIC_KEY)) {
                parameters.selectClientCertificateType(CertificateType.RAW_PUBLIC_KEY);
            }
            return true;
        }
    }

}
