package dev.edgepair.internal.transport;

import dev.edgepair.internal.secret.SecretAccess;

import dev.edgepair.net.BouncyCastleEc;

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
import dev.edgepair.tags.Unit;

/** spec/transport.md, "Crypto provider": what {@link BouncyCastleEc#install()} changes, and only that. */
@Unit
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
        s.initSign(SecretAccess.privateKey(Identity.generate()));
        assertThat(s.getProvider().getName()).isEqualTo(BouncyCastleEc.NAME);
        assertThat(Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName()).isNotEqualTo(BouncyCastleEc.NAME);
        assertThat(new SecureRandom().getProvider().getName()).isNotEqualTo(BouncyCastleEc.NAME);
        assertThat(BouncyCastleEc.install()).as("a second install changes nothing").isFalse();
    }

    /** A device with it installed must still send a key a JDK-only client can read (a named curve, not explicit). */
    @Test
    void keysStillEncodeWithTheNamedCurve(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Identity generated = Identity.generate();
        generated.save(dir.resolve("k.pem"));
        Identity loaded = Identity.load(dir.resolve("k.pem"));
        for (Identity id : java.util.List.of(generated, loaded)) {
            byte[] spki = id.publicKey().getEncoded();
            assertThat(spki).hasSize(91); // SubjectPublicKeyInfo with the prime256v1 OID and an uncompressed point
            assertThat(KeyFactory.getInstance("EC", "SunEC").generatePublic(
                    new java.security.spec.X509EncodedKeySpec(spki))).isNotNull();
            assertThat(KeyFactory.getInstance("EC", "SunEC").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(SecretAccess.privateKey(id).getEncoded()))).isNotNull();
        }
        assertThat(loaded.fingerprint()).isEqualTo(generated.fingerprint());
    }

    @Test
    void signaturesAndKeyAgreementInteroperateWithTheJdk() throws Exception {
        Identity a = Identity.generate();
        Identity b = Identity.generate();
        byte[] message = "server key exchange".getBytes(StandardCharsets.US_ASCII);
        Signature bc = Signature.getInstance("SHA256withECDSA");
        bc.initSign(SecretAccess.privateKey(a));
        bc.update(message);
        byte[] sig = bc.sign();
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(a.publicKey());
        jdk.update(message);
        assertThat(jdk.verify(sig)).isTrue();
        jdk.initSign(SecretAccess.privateKey(b));
        jdk.update(message);
        byte[] jdkSig = jdk.sign();
        bc.initVerify(b.publicKey());
        bc.update(message);
        assertThat(bc.verify(jdkSig)).isTrue();
        bc.initVerify(a.publicKey());
        bc.update(message);
        assertThat(bc.verify(jdkSig)).as("another key's signature").isFalse();

        KeyAgreement mine = KeyAgreement.getInstance("ECDH");
        mine.init(SecretAccess.privateKey(a));
        mine.doPhase(b.publicKey(), true);
        KeyAgreement theirs = KeyAgreement.getInstance("ECDH", "SunEC");
        theirs.init(SecretAccess.privateKey(b));
        theirs.doPhase(a.publicKey(), true);
        assertThat(mine.generateSecret()).isEqualTo(theirs.generateSecret());
    }
}
