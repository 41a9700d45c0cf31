package dev.edgepair.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.edgepair.identity.Identity;

/** spec/transport.md, "Crypto provider": what {@link BouncyCastleEc#install()} changes, and only that. */
class BouncyCastleEcTest {
    private boolean before;

    @BeforeEach
    void install() {
        before = BouncyCastleEc.isInstalled();
        BouncyCastleEc.install();
    }

    @AfterEach
    void restore() {
        if (!before) {
            BouncyCastleEc.uninstall();
        }
    }

    @Test
    void theHandshakeAlgorithmsComeFromItAndNothingElseDoes() throws Exception {
        assertThat(KeyPairGenerator.getInstance("EC").getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(KeyFactory.getInstance("EC").getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(KeyAgreement.getInstance("ECDH").getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(Identity.generate().privateKey());
        assertThat(s.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName()).isNotEqualTo(BouncyCastleEc.NAME);
        assertThat(new SecureRandom().getProvider().getName()).isNotEqualTo(BouncyCastleEc.NAME);
        assertThat(BouncyCastleEc.install()).as("a second install changes nothing").isFalse();
    }

    @Test
    void signaturesAndKeyAgreementInteroperateWithTheJdk() throws Exception {
        Identity a = Identity.generate();
        Identity b = Identity.generate();
        byte[] message = "server key exchange".getBytes(StandardCharsets.US_ASCII);
        Signature bc = Signature.getInstance("SHA256withECDSA");
        bc.initSign(a.privateKey());
        bc.update(message);
        byte[] sig = bc.sign();
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(a.publicKey());
        jdk.update(message);
        assertThat(jdk.verify(sig)).isTrue();
        jdk.initSign(b.privateKey());
        jdk.update(message);
        byte[] jdkSig = jdk.sign();
        bc.initVerify(b.publicKey());
        bc.update(message);
        assertThat(bc.verify(jdkSig)).isTrue();
        bc.initVerify(a.publicKey());
        bc.update(message);
        assertThat(bc.verify(jdkSig)).as("another key's signature").isFalse();

        KeyAgreement mine = KeyAgreement.getInstance("ECDH");
        mine.init(a.privateKey());
        mine.doPhase(b.publicKey(), true);
        KeyAgreement theirs = KeyAgreement.getInstance("ECDH", "SunEC");
        theirs.init(b.privateKey());
        theirs.doPhase(a.publicKey(), true);
        assertThat(mine.generateSecret()).isEqualTo(theirs.generateSecret());
    }
}
