package dev.edgepair.internal.transport;

import java.security.Principal;
import java.security.PublicKey;

import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.PublicKeys;

/**
 * The peer's key as the DTLS session holds it, whichever way it came: a raw public key (RFC 7250) or the end-entity
 * certificate of an X.509 chain. The certificate is only a carrier: its fingerprint is the key's, so the same key
 * is the same peer either way.
 */
final class PeerKey {
    private PeerKey() {
    }

    /** The P-256 key of a session's peer identity; an {@link IllegalArgumentException} for anything else. */
    static PublicKey of(Principal peer) {
        PublicKey key;
        if (peer instanceof RawPublicKeyIdentity) {
            key = ((RawPublicKeyIdentity) peer).getKey();
        } else if (peer instanceof X509CertPath) {
            key = ((X509CertPath) peer).getTarget().getPublicKey();
        } else {
            throw new IllegalArgumentException("not a DTLS peer with a raw public key or an X.509 certificate");
        }
        return PublicKeys.requireP256(key);
    }

    static Fingerprint fingerprint(Principal peer) {
        return Fingerprint.of(of(peer));
    }
}
