package dev.edgepair.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.tags.Unit;

/** spec/transport.md, "Identities". */
@Unit
class IdentityTest {
    @TempDir
    Path dir;

    @Test
    void savesAndLoadsTheSameKeyWithAPrivateFileMode0600() throws Exception {
        Identity id = Identity.generate();
        Path file = dir.resolve("device.key");
        id.save(file);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("device.key.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        Identity back = Identity.load(file);
        assertThat(back.fingerprint()).isEqualTo(id.fingerprint());
        assertThat(back.publicKey().getEncoded()).isEqualTo(id.publicKey().getEncoded());
    }

    @Test
    void loadOrCreateKeepsTheFirstKey() throws Exception {
        Path file = dir.resolve("k.pem");
        Identity first = Identity.loadOrCreate(file);
        assertThat(Identity.loadOrCreate(file).fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void fingerprintIsWhatOpensslComputesForAnOpensslKey() throws Exception {
        Assumptions.assumeTrue(onPath("openssl"), "openssl not installed");
        Path key = dir.resolve("openssl.pem");
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        assertThat(Files.readString(key)).contains("BEGIN EC PRIVATE KEY");
        String expected = opensslFingerprint(key);
        assertThat(Identity.load(key).fingerprint().hex()).isEqualTo(expected);
    }

    @Test
    void opensslReadsOurKeyAndAgreesOnTheFingerprint() throws Exception {
        Assumptions.assumeTrue(onPath("openssl"), "openssl not installed");
        Identity id = Identity.generate();
        Path key = dir.resolve("ours.pem");
        id.save(key);
        assertThat(opensslFingerprint(key)).isEqualTo(id.fingerprint().hex());
    }

    @Test
    void aMissingFileIsAClearErrorNamingIt() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> Identity.load(missing)).isInstanceOf(IdentityException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such key file");
    }

    @Test
    void aCorruptOrForeignKeyIsAClearErrorNamingIt() throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "hello");
        assertThatThrownBy(() -> Identity.load(garbage)).isInstanceOf(IdentityException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("not a PEM private key");
        Path broken = dir.resolve("broken.pem");
        Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> Identity.load(broken)).hasMessageContaining("not a valid P-256 private key");
        Assumptions.assumeTrue(onPath("openssl"), "openssl not installed");
        Path p384 = dir.resolve("p384.pem");
        run("openssl", "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", p384.toString());
        assertThatThrownBy(() -> Identity.load(p384)).isInstanceOf(IdentityException.class)
                .hasMessageContaining(p384.toString());
    }

    @Test
    void toStringShowsOnlyTheFingerprint() {
        Identity id = Identity.generate();
        assertThat(id.toString()).contains(id.fingerprint().hex()).doesNotContain("PRIVATE");
    }

    @Test
    void fingerprintsParseOnlyLowercaseHex64() {
        String hex = Identity.generate().fingerprint().hex();
        assertThat(Fingerprint.parse(hex).hex()).isEqualTo(hex);
        assertThatThrownBy(() -> Fingerprint.parse(hex.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.parse(hex.substring(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCertificateIsSelfSignedForTheKeyWithFixedNameAndDatesAndOpensslReadsIt() throws Exception {
        Identity id = Identity.generate();
        X509Certificate c = id.certificate();
        assertThat(id.certificate()).isSameAs(c);
        assertThat(Fingerprint.of(c.getPublicKey())).isEqualTo(id.fingerprint());
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=edgepair");
        assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
        c.verify(id.publicKey());
        assertThat(c.getNotBefore().toInstant()).isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
        assertThat(c.getBasicConstraints()).as("not a CA").isEqualTo(-1);

        Path key = dir.resolve("device.key");
        id.save(key);
        Path crt = Identity.certificateFile(key);
        assertThat(crt).isEqualTo(dir.resolve("device.key.crt.pem"));
        assertThat(Files.readString(crt)).startsWith("-----BEGIN CERTIFICATE-----");
        Assumptions.assumeTrue(onPath("openssl"), "openssl not installed");
        Process p = new ProcessBuilder("sh", "-c", "openssl x509 -in '" + crt
                + "' -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum").start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.split("\\s+")[0]).isEqualTo(id.fingerprint().hex());
    }

    /**
     * What Scandium's key-pair check would test on every connector (the DTLS layer turns it off, spec/benchmarks.md):
     * whatever way an identity comes, its private key signs what its public key and its certificate's key verify.
     */
    @Test
    void thePrivateKeyThePublicKeyAndTheCertificateOfEveryIdentityBelongTogether() throws Exception {
        Identity generated = Identity.generate();
        Path saved = dir.resolve("saved.key");
        generated.save(saved);
        Path foreignCertificate = dir.resolve("foreign.key");
        Identity.generate().save(foreignCertificate);
        Files.copy(Identity.certificateFile(foreignCertificate), Identity.certificateFile(saved),
                StandardCopyOption.REPLACE_EXISTING);
        for (Identity id : new Identity[] {generated, Identity.load(saved), Identity.loadOrCreate(saved)}) {
            byte[] message = "a handshake transcript".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
            signer.initSign(dev.edgepair.internal.secret.SecretAccess.privateKey(id));
            signer.update(message);
            byte[] signature = signer.sign();
            for (java.security.PublicKey key : new java.security.PublicKey[] {id.publicKey(),
                    id.certificate().getPublicKey()}) {
                java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(key);
                verifier.update(message);
                assertThat(verifier.verify(signature)).as(id + " with " + key.getFormat()).isTrue();
            }
        }
    }

    @Test
    void loadOrCreateKeepsAMatchingCertificateAndRewritesAMissingOrForeignOne() throws Exception {
        Path key = dir.resolve("k.pem");
        Path crt = Identity.certificateFile(key);
        Identity first = Identity.loadOrCreate(key);
        String written = Files.readString(crt);
        assertThat(Identity.loadOrCreate(key).certificate()).isEqualTo(first.certificate());
        assertThat(Files.readString(crt)).isEqualTo(written);

        Files.delete(crt);
        Identity again = Identity.loadOrCreate(key);
        assertThat(Files.readString(crt)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Fingerprint.of(again.certificate().getPublicKey())).isEqualTo(first.fingerprint());

        // another key's certificate, then garbage: both replaced by one carrying this key
        Identity other = Identity.generate();
        other.save(dir.resolve("other.pem"));
        Files.copy(Identity.certificateFile(dir.resolve("other.pem")), crt, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Fingerprint.of(Identity.loadOrCreate(key).certificate().getPublicKey()))
                .isEqualTo(first.fingerprint());
        assertThat(Files.readString(crt))
                .isNotEqualTo(Files.readString(Identity.certificateFile(dir.resolve("other.pem"))));
        Files.writeString(crt, "garbage");
        Identity.loadOrCreate(key);
        assertThat(Fingerprint.of(Identity.load(key).certificate().getPublicKey())).isEqualTo(first.fingerprint());
        assertThat(Files.readString(crt)).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void loadReadsTheCertificateButWritesNothing() throws Exception {
        Path key = dir.resolve("k.pem");
        Identity first = Identity.loadOrCreate(key);
        assertThat(Identity.load(key).certificate()).isEqualTo(first.certificate());
        Path crt = Identity.certificateFile(key);
        Files.delete(crt);
        Identity loaded = Identity.load(key);
        assertThat(Fingerprint.of(loaded.certificate().getPublicKey())).isEqualTo(first.fingerprint());
        assertThat(crt).doesNotExist();
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static String opensslFingerprint(Path key) throws Exception {
        Process p = new ProcessBuilder("sh", "-c",
                "openssl ec -in '" + key + "' -pubout -outform DER 2>/dev/null | sha256sum").start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.split("\\s+")[0];
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

}
