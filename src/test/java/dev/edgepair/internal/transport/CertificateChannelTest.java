package dev.edgepair.internal.transport;

import dev.edgepair.internal.secret.SecretAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.ExtendedMasterSecretMode;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamStateStore;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/**
 * spec/transport.md, "Keys in certificates", over real DTLS on loopback: Scandium peers configured by hand stand in
 * for Mbed TLS and OpenSSL (X.509 only, no RFC 7250) and for a peer without the extended master secret.
 */
@EndToEnd
class CertificateChannelTest {
    private final Identity deviceKey = Identity.generate();
    private final Identity clientKey = Identity.generate();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private Iam access;
    private Device device;

    private Device startDevice() throws Exception {
        access = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
        device = TestDevices.device(deviceKey).iam(access)
                .endpoint(new WhoAmI(context -> requests.incrementAndGet())).build().start();
        return device;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (device != null) {
            device.close();
        }
    }

    /** Mbed TLS or OpenSSL as Scandium plays them: a certificate chain, no RFC 7250, trusting any certificate. */
    private RawPeer x509OnlyClient(PrivateKey key, X509Certificate certificate, ExtendedMasterSecretMode ems) {
        Configuration cfg = Dtls.configuration(DtlsRole.CLIENT_ONLY, TestDevices.FAST);
        cfg.set(DtlsConfig.DTLS_EXTENDED_MASTER_SECRET_MODE, ems);
        cfg.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, false);
        RawPeer peer = new RawPeer(cfg, new SingleCertificateProvider(key, new Certificate[] {certificate},
                CertificateType.X_509), x509Verifier());
        open.add(peer);
        return peer;
    }

    private static NewAdvancedCertificateVerifier x509Verifier() {
        return StaticNewAdvancedCertificateVerifier.builder().setTrustAllCertificates().build();
    }

    @Test
    void aCertificateClientIsKnownByItsKeyAndGetsTheDeviceKeyInACertificate() throws Exception {
        startDevice();
        RawPeer peer = x509OnlyClient(SecretAccess.privateKey(clientKey), clientKey.certificate(),
                ExtendedMasterSecretMode.REQUIRED);
        CoapResponse answer = peer.get(device.remoteAddress(), "/whoami");
        assertThat(answer.getCode()).isEqualTo(ResponseCode.CONTENT);
        CborMap body = Cbor.decodeMap(answer.getPayload());
        assertThat(body.text("Fingerprint", 64)).isEqualTo(clientKey.fingerprint().hex());

        DTLSContext context = peer.context(device.remoteAddress());
        // the device offered its key in its self-signed certificate, since this client takes nothing else
        assertThat(context.getSession().getPeerIdentity()).isInstanceOf(X509CertPath.class);
        X509Certificate deviceCertificate = ((X509CertPath) context.getSession().getPeerIdentity()).getTarget();
        assertThat(Fingerprint.of(deviceCertificate.getPublicKey())).isEqualTo(deviceKey.fingerprint());
        assertThat(deviceCertificate.getSubjectX500Principal().getName()).isEqualTo("CN=edgepair");
        // RFC 5705 works for certificate sessions: both sides derive the same value
        assertThat(body.bytes("Exporter", 32, 32))
                .isEqualTo(context.exportKeyMaterial(Dtls.EXPORTER_LABEL, null, Dtls.EXPORTER_LENGTH));
    }

    @Test
    void pairingWithACertificateAndComingBackWithTheRawKeyIsTheSameUser() throws Exception {
        startDevice();
        RawPeer peer = x509OnlyClient(SecretAccess.privateKey(clientKey), clientKey.certificate(),
                ExtendedMasterSecretMode.REQUIRED);
        assertThat(peer.post(device.localAddress(), "/iam/pairing/local-initial").getCode())
                .isEqualTo(ResponseCode.CREATED);
        String paired = Cbor.decodeMap(peer.get(device.remoteAddress(), "/iam/me").getPayload()).text("Username", 64);

        Client rpk = Client.builder().identity(clientKey).dtlsSettings(TestDevices.FAST).build();
        try (DeviceConnection c = rpk.connect(device.remoteAddress())) {
            assertThat(DeviceConnection.cbor(c.get("/iam/me")).text("Username", 64)).isEqualTo(paired);
            assertThat(c.deviceFingerprint()).isEqualTo(deviceKey.fingerprint());
        }
        assertThat(access.state().users().stream().flatMap(u -> u.fingerprints().stream())
                .map(f -> f.fingerprint())).containsExactly(clientKey.fingerprint());
    }

    @Test
    void aClientKeyThatIsNotP256IsRefusedInTheHandshake() throws Exception {
        startDevice();
        KeyPair p384 = keyPair("secp384r1");
        RawPeer peer = x509OnlyClient(p384.getPrivate(), selfSigned(p384, "SHA256withECDSA"),
                ExtendedMasterSecretMode.REQUIRED);
        // the device's key check refuses it (an empty certificate message would be bad_certificate instead)
        assertThatThrownBy(() -> peer.get(device.remoteAddress(), "/whoami"))
                .hasMessageContaining("UNSUPPORTED_CERTIFICATE");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aPeerWithoutTheExtendedMasterSecretIsRefusedInTheHandshake() throws Exception {
        startDevice();
        RawPeer peer = x509OnlyClient(SecretAccess.privateKey(clientKey), clientKey.certificate(), ExtendedMasterSecretMode.NONE);
        assertThatThrownBy(() -> peer.get(device.remoteAddress(), "/whoami"))
                .hasMessageContaining("HANDSHAKE_FAILURE");
        assertThat(requests).hasValue(0);
        // the same peer with it is served
        RawPeer withEms = x509OnlyClient(SecretAccess.privateKey(clientKey), clientKey.certificate(),
                ExtendedMasterSecretMode.REQUIRED);
        assertThat(withEms.get(device.remoteAddress(), "/whoami").getCode()).isEqualTo(ResponseCode.CONTENT);
    }

    /** A device as Mbed TLS or OpenSSL would be one: its key only in a certificate, client certificates required. */
    private final class X509OnlyDevice implements AutoCloseable {
        final AtomicReference<java.security.Principal> client = new AtomicReference<>();
        final AtomicReference<byte[]> exporter = new AtomicReference<>();
        final CoapServer server;
        final DTLSConnector connector;

        X509OnlyDevice(Identity key) throws Exception {
            Configuration cfg = Dtls.configuration(DtlsRole.SERVER_ONLY, TestDevices.FAST);
            connector = new DTLSConnector(DtlsConnectorConfig.builder(cfg)
                    .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .setCertificateIdentityProvider(new SingleCertificateProvider(SecretAccess.privateKey(key),
                            new Certificate[] {key.certificate()}, CertificateType.X_509))
                    .setAdvancedCertificateVerifier(x509Verifier()).build());
            server = new CoapServer(cfg);
            server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(connector).build());
            server.add(new CoapResource("hello") {
                @Override
                public void handleGET(CoapExchange exchange) {
                    requests.incrementAndGet();
                    client.set(exchange.advanced().getRequest().getSourceContext().getPeerIdentity());
                    exporter.set(connector.getDtlsContextByAddress(exchange.getSourceSocketAddress())
                            .exportKeyMaterial(Dtls.EXPORTER_LABEL, null, Dtls.EXPORTER_LENGTH));
                    exchange.respond(ResponseCode.CONTENT, "hello");
                }
            });
            server.start();
        }

        InetSocketAddress address() {
            return connector.getAddress();
        }

        @Override
        public void close() {
            server.destroy();
        }
    }

    @Test
    void theClientPresentsItsCertificateAndPinsTheKeyInTheDevicesCertificate() throws Exception {
        X509OnlyDevice x509Device = new X509OnlyDevice(deviceKey);
        open.add(x509Device);

        assertThatThrownBy(() -> ClientTransport.connect(clientKey, x509Device.address(),
                Identity.generate().fingerprint(), TestDevices.FAST)).isInstanceOf(KeyMismatchException.class);
        assertThat(requests).as("no request to a device with the wrong key").hasValue(0);

        try (ClientTransport first = ClientTransport.connect(clientKey, x509Device.address(), null,
                TestDevices.FAST)) {
            assertThat(first.deviceFingerprint()).isEqualTo(deviceKey.fingerprint());
        }
        try (ClientTransport pinned = ClientTransport.connect(clientKey, x509Device.address(),
                deviceKey.fingerprint(), TestDevices.FAST)) {
            assertThat(pinned.get("/hello").text()).isEqualTo("hello");
            assertThat(pinned.exporter()).isEqualTo(x509Device.exporter.get());
        }
        assertThat(x509Device.client.get()).isInstanceOf(X509CertPath.class);
        assertThat(((X509CertPath) x509Device.client.get()).getTarget()).isEqualTo(clientKey.certificate());
    }

    @Test
    void aRawKeyPeerIsStillOfferedTheRawKey() throws Exception {
        startDevice();
        try (ClientTransport t = ClientTransport.connect(clientKey, device.remoteAddress(), null, TestDevices.FAST)) {
            assertThat(t.deviceFingerprint()).isEqualTo(deviceKey.fingerprint());
            assertThat(t.get("/whoami").isSuccess()).isTrue();
        }
        // the same through the session: Scandium and EdgePair agree on RPK when both can
        RawPeer rpkPeer = new RawPeer(Dtls.configuration(DtlsRole.CLIENT_ONLY, TestDevices.FAST),
                new SingleCertificateProvider(SecretAccess.privateKey(clientKey), new Certificate[] {clientKey.certificate()},
                        CertificateType.X_509, CertificateType.RAW_PUBLIC_KEY),
                StaticNewAdvancedCertificateVerifier.builder().setTrustAllCertificates().setTrustAllRPKs().build());
        open.add(rpkPeer);
        assertThat(rpkPeer.get(device.remoteAddress(), "/whoami").getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(rpkPeer.context(device.remoteAddress()).getSession().getPeerIdentity())
                .isInstanceOf(RawPublicKeyIdentity.class);
    }

    private static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair pair, String signature) throws Exception {
        X500Name name = new X500Name("CN=other");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(0), new Date(4102444800000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
    }

    /** A Scandium client configured by hand; a handshake ended by an alert is an IOException naming it. */
    private static final class RawPeer implements AutoCloseable {
        private final DTLSConnector connector;
        private final CoapEndpoint endpoint;
        private final CoapClient coap = new CoapClient();

        RawPeer(Configuration cfg, SingleCertificateProvider identity,
                NewAdvancedCertificateVerifier verifier) {
            connector = new DTLSConnector(DtlsConnectorConfig.builder(cfg)
                    .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .setCertificateIdentityProvider(identity).setAdvancedCertificateVerifier(verifier).build());
            endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(connector).build();
            coap.setEndpoint(endpoint);
            coap.setTimeout(TestDevices.FAST.coapTimeout().toMillis());
        }

        CoapResponse get(InetSocketAddress to, String path) throws Exception {
            coap.setURI("coaps://127.0.0.1:" + to.getPort() + path);
            return coap.get();
        }

        CoapResponse post(InetSocketAddress to, String path) throws Exception {
            coap.setURI("coaps://127.0.0.1:" + to.getPort() + path);
            return coap.post(new byte[0], -1);
        }

        DTLSContext context(InetSocketAddress to) {
            return connector.getDtlsContextByAddress(to);
        }

        @Override
        public void close() {
            coap.shutdown();
            endpoint.destroy();
        }
    }
}
