package dev.edgepair.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
