package dev.edgepair.internal.transport;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.PublicKeys;

/**
 * Decides in the handshake which peer keys are acceptable, whether the key came raw (RFC 7250) or inside an X.509
 * certificate chain: only the end-entity key counts (subject, issuer, dates, CA flags and the chain's signatures
 * decide nothing), and it must be P-256. The device accepts any such key (its access list decides later); a client
 * either accepts any key on its first handshake (first contact) and then only that key, or exactly the pinned one.
 * So a client connection never silently re-handshakes to another device key: an on-path attacker who answers the
 * first handshake and then closes it cannot hand the rest of a pairing to another key.
 */
final class KeyVerifier implements NewAdvancedCertificateVerifier {
    /** Prefix of the handshake failure a wrong pinned key causes; the client turns it into DeviceKeyChanged. */
    static final String KEY_MISMATCH = "EdgePair: device key does not match the pinned key";

    private final Fingerprint pinned;
    private volatile PublicKey seen;
    private boolean lockToFirst;

    private KeyVerifier(Fingerprint pinned) {
        this.pinned = pinned;
    }

    /** A verifier for the device side: any key, every time. */
    static KeyVerifier anyKey() {
        return new KeyVerifier(null);
    }

    /** A verifier for a first-contact client connection: any key the first time, then only that key. */
    static KeyVerifier firstKeyThenLocked() {
        KeyVerifier v = new KeyVerifier(null);
        v.lockToFirst = true;
        return v;
    }

    static KeyVerifier pinnedTo(Fingerprint fingerprint) {
        return new KeyVerifier(java.util.Objects.requireNonNull(fingerprint));
    }

    PublicKey seenKey() {
        return seen;
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return Dtls.CERTIFICATE_TYPES;
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
                                                           InetSocketAddress remotePeer, boolean clientUsage,
                                                           boolean verifySubject, boolean truncateCertificatePath,
                                                           CertificateMessage message) {
        PublicKey key;
        try {
            key = PublicKeys.requireP256(message.getPublicKey());
        } catch (IllegalArgumentException e) {
            return new CertificateVerificationResult(cid, new HandshakeException("a P-256 key is required",
                    new AlertMessage(AlertLevel.FATAL, AlertDescription.UNSUPPORTED_CERTIFICATE)), null);
        }
        HandshakeException refusal = check(key);
        if (refusal != null) {
            return new CertificateVerificationResult(cid, refusal, null);
        }
        // An X.509 chain is kept as the session's peer identity (X509CertPath); PeerKey reads the key out of it.
        CertPath chain = message.getCertificateChain();
        return chain != null ? new CertificateVerificationResult(cid, chain, null)
                : new CertificateVerificationResult(cid, key, null);
    }

    /**
     * The key rule, the same for a raw key and a certificate's key: remembers the first key seen, then checks the
     * pin (or, locked to the first key, that key).
     */
    private HandshakeException check(PublicKey key) {
        Fingerprint expected = pinned;
        synchronized (this) {
            if (lockToFirst && seen != null) {
                expected = Fingerprint.of(seen);
            } else {
                seen = key;
            }
        }
        if (expected != null && !expected.equals(Fingerprint.of(key))) {
            return new HandshakeException(KEY_MISMATCH,
                    new AlertMessage(AlertLevel.FATAL, AlertDescription.BAD_CERTIFICATE));
        }
        return null;
    }

    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return List.of();
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // verification is synchronous
    }
}
