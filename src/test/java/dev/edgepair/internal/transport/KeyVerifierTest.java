package dev.edgepair.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.junit.jupiter.api.Test;

import dev.edgepair.identity.Identity;
import dev.edgepair.tags.Unit;

/** The handshake's key rule on its own: the same for a raw key and a certificate's key (spec/transport.md). */
@Unit
class KeyVerifierTest {
    private final Identity a = Identity.generate();
    private final Identity b = Identity.generate();

    private static CertificateVerificationResult verify(KeyVerifier verifier, CertificateMessage message) {
        return verifier.verifyCertificate(ConnectionId.EMPTY, null, null, false, true, false, message);
    }

    private static CertificateMessage raw(PublicKey key) {
        return new CertificateMessage(key);
    }

    private static CertificateMessage certificate(Identity id) {
        return new CertificateMessage(List.of(id.certificate()));
    }

    private static AlertDescription refusal(CertificateVerificationResult r) {
        return r.getException() == null ? null : r.getException().getAlert().getDescription();
    }

    @Test
    void aCertificateIsKeptAsAChainAndARawKeyAsAKey() {
        CertificateVerificationResult chain = verify(KeyVerifier.anyKey(), certificate(a));
        assertThat(chain.getException()).isNull();
        assertThat(chain.getCertificatePath().getCertificates()).hasSize(1);
        assertThat(chain.getCertificatePath().getCertificates().get(0)).isEqualTo(a.certificate());
        CertificateVerificationResult key = verify(KeyVerifier.anyKey(), raw(a.publicKey()));
        assertThat(key.getException()).isNull();
        assertThat(key.getPublicKey()).isEqualTo(a.publicKey());
    }

    @Test
    void aPinRefusesAnotherKeyEitherWayAndAcceptsItsOwnEitherWay() {
        KeyVerifier pinned = KeyVerifier.pinnedTo(a.fingerprint());
        assertThat(refusal(verify(pinned, certificate(b)))).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(refusal(verify(pinned, raw(b.publicKey())))).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(refusal(verify(pinned, certificate(a)))).isNull();
        assertThat(refusal(verify(pinned, raw(a.publicKey())))).isNull();
    }

    @Test
    void aFirstContactConnectionKeepsTheFirstKeyWhicheverWayItCameAgain() {
        KeyVerifier first = KeyVerifier.firstKeyThenLocked();
        assertThat(refusal(verify(first, certificate(a)))).isNull();
        assertThat(refusal(verify(first, raw(a.publicKey())))).as("the same key, now raw").isNull();
        assertThat(refusal(verify(first, certificate(b)))).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(refusal(verify(first, raw(b.publicKey())))).isEqualTo(AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void onlyP256KeysPass() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        assertThat(refusal(verify(KeyVerifier.anyKey(), raw(g.generateKeyPair().getPublic()))))
                .isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
    }
}
