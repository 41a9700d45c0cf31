package dev.edgepair.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.protocol.JpakeCbor;
import dev.edgepair.internal.protocol.PairingProtocol;
import dev.edgepair.internal.protocol.SecretDerivation;
import dev.edgepair.internal.secret.SecretAccess;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;

/**
 * A hostile or scripted "device" for client tests: a real DTLS server (raw public keys, as the device) that answers
 * {@code GET /iam/pairing} with {@code pr-fake/de-fake} and every other request as its script says. It speaks the
 * device's half of J-PAKE with a password of its own ({@link #jpakeWithoutThePassword}), which is all a phishing
 * device that does not know the password can do.
 */
final class ScriptedDevice implements AutoCloseable {
    /** What the script answers: a code, a CBOR body or text, and a Max-Age. */
    record Answer(ResponseCode code, byte[] body, int contentFormat, long maxAge) {
        static Answer text(ResponseCode code, String text) {
            return new Answer(code, text.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN, -1);
        }

        static Answer cbor(ResponseCode code, CborMap body) {
            return new Answer(code, Cbor.encode(body), MediaTypeRegistry.APPLICATION_CBOR, -1);
        }
    }

    @FunctionalInterface
    interface Script {
        Answer answer(String method, String path, byte[] body) throws Exception;
    }

    final Identity key = Identity.generate();
    final AtomicInteger requests = new AtomicInteger();
    private final CoapServer server;
    private final DTLSConnector connector;

    ScriptedDevice(Script script) throws IOException {
        CoapConfig.register();
        DtlsConfig.register();
        Configuration cfg = Configuration.createStandardWithoutFile();
        cfg.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        cfg.setAsList(DtlsConfig.DTLS_CERTIFICATE_TYPES, CertificateType.RAW_PUBLIC_KEY);
        cfg.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        cfg.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
        cfg.set(DtlsConfig.DTLS_SUPPORT_KEY_MATERIAL_EXPORT, true);
        connector = new DTLSConnector(DtlsConnectorConfig.builder(cfg)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setCertificateIdentityProvider(new SingleCertificateProvider(SecretAccess.privateKey(key),
                        key.publicKey()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder().setTrustAllRPKs()
                        .build())
                .build());
        server = new CoapServer(cfg);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(connector).build());
        server.setMessageDeliverer(new MessageDeliverer() {
            @Override
            public void deliverRequest(Exchange exchange) {
                requests.incrementAndGet();
                var request = exchange.getRequest();
                String path = "/" + request.getOptions().getUriPathString();
                Answer a;
                try {
                    a = path.equals("/iam/pairing") ? Answer.cbor(ResponseCode.CONTENT, CborMap.builder()
                            .put("Modes", java.util.List.of("PasswordOpen")).put("ProductId", "pr-fake")
                            .put("DeviceId", "de-fake").build())
                            : script.answer(request.getCode().name(), path, request.getPayload());
                } catch (Exception e) {
                    a = Answer.text(ResponseCode.INTERNAL_SERVER_ERROR, e.toString());
                }
                var r = new org.eclipse.californium.core.coap.Response(a.code());
                r.setPayload(a.body());
                if (a.contentFormat() >= 0) {
                    r.getOptions().setContentFormat(a.contentFormat());
                }
                if (a.maxAge() >= 0) {
                    r.getOptions().setMaxAge(a.maxAge());
                }
                exchange.sendResponse(r);
            }

            @Override
            public void deliverResponse(Exchange exchange, org.eclipse.californium.core.coap.Response response) {
                // a server only
            }
        });
        server.start();
    }

    InetSocketAddress address() {
        return connector.getAddress();
    }

    Fingerprint fingerprint() {
        return key.fingerprint();
    }

    /**
     * The device's half of J-PAKE at {@code /pake/1} with {@code password} (not the client's), and at
     * {@code /pake/2} a 2.01 with a MAC it cannot have computed right.
     */
    static Script jpakeWithoutThePassword(String password) {
        return (method, path, body) -> {
            if (path.equals("/pake/1")) {
                Participant device = SecretDerivation.participant(new DeviceSecretDerivation("pr-fake", "de-fake")
                        .password("", password), PakeRole.SERVER,
                        PairingProtocol.DEVICE_PROVER_ID.getBytes(StandardCharsets.US_ASCII),
                        PairingProtocol.CLIENT_PROVER_ID.getBytes(StandardCharsets.US_ASCII), new SecureRandom());
                RoundOne mine = device.createRoundOne();
                device.readRoundOne(JpakeCbor.readRoundOne(Cbor.decodeMap(body).map("Round1")));
                return Answer.cbor(ResponseCode.CREATED, CborMap.builder().put("Round1", JpakeCbor.roundOne(mine))
                        .put("Round2", JpakeCbor.roundTwo(device.createRoundTwo())).build());
            }
            if (path.equals("/pake/2")) {
                byte[] mac = new byte[32];
                new SecureRandom().nextBytes(mac);
                return Answer.cbor(ResponseCode.CREATED, CborMap.builder().put("Confirm", mac)
                        .put("Username", "mallory").put("Role", "Administrator").build());
            }
            return Answer.text(ResponseCode.NOT_FOUND, "");
        };
    }

    @Override
    public void close() {
        server.destroy();
    }
}
