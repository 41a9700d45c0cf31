package dev.edgepair.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** spec/pairing.md, "Secrets": principals, the salt layout, and which typed secrets are normalised. */
@Unit
class SecretDerivationTest {
    private static byte[] lp(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    }

    @Test
    void principalsNameTheirKind() {
        assertThat(SecretDerivation.userPrincipal("bob")).isEqualTo("user:bob");
        assertThat(SecretDerivation.userPrincipal("")).isEqualTo("user:");
        assertThat(SecretDerivation.tokenPrincipal("7f3a9c01")).isEqualTo("token:7f3a9c01");
    }

    @Test
    void theSaltIsTheLabelAndTheThreeNamesEachLengthPrefixed() throws Exception {
        byte[] salt = lp("EdgePair pake secret v1", "product", "device-é", "user:bob");
        assertThat(SecretDerivation.salt("product", "device-é", "user:bob")).isEqualTo(salt);
        assertThat(SecretDerivation.derive("product", "device-é", "user:bob", "pässword".toCharArray(), 3))
                .isEqualTo(pbkdf2("pässword", salt, 3));
        assertThat(SecretDerivation.ITERATIONS).isEqualTo(10_000);
    }

    @Test
    void aTokenIsAlwaysNormalisedAndMustBeAToken() throws Exception {
        String principal = SecretDerivation.tokenPrincipal("7f3a9c01");
        byte[] canonical = SecretDerivation.derive("p", "d", principal, "ABCDEFGHJKMNPQRS".toCharArray());
        assertThat(SecretDerivation.deriveTyped("p", "d", principal, "abcd-efgh-jkmn-pqrs")).isEqualTo(canonical);
        assertThatThrownBy(() -> SecretDerivation.deriveTyped("p", "d", principal, "correct horse battery"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 symbols");
    }

    @Test
    void aPasswordIsNormalisedOnlyWithAGeneratedPasswordsShape() throws Exception {
        String principal = SecretDerivation.userPrincipal("bob");
        assertThat(SecretDerivation.deriveTyped("p", "d", principal, "abcd-efgh-jkmn"))
                .isEqualTo(SecretDerivation.derive("p", "d", principal, "ABCDEFGHJKMN".toCharArray()));
        assertThat(SecretDerivation.deriveTyped("p", "d", principal, "Correct Horse"))
                .isEqualTo(SecretDerivation.derive("p", "d", principal, "Correct Horse".toCharArray()))
                .isNotEqualTo(SecretDerivation.derive("p", "d", principal, "CORRECT HORSE".toCharArray()));
        // a user named like a token principal's prefix is still a user: "user:token:x" is not normalised as a token
        assertThat(SecretDerivation.deriveTyped("p", "d", SecretDerivation.userPrincipal("token:x"), "not a token"))
                .hasSize(32);
    }

    @Test
    void aDevicesSecretsAreThePakeSecretsOfItsIdsNormalised() {
        DeviceSecretDerivation device = new DeviceSecretDerivation("product", "device");
        assertThat(device.password("bob", "abcd-efgh-jkmn")).isEqualTo(new dev.edgepair.iam.PakeSecret(
                SecretDerivation.derive("product", "device", "user:bob", "ABCDEFGHJKMN".toCharArray())));
        assertThat(device.token("7f3a9c01", "abcd efgh jkmn pqrs")).isEqualTo(new dev.edgepair.iam.PakeSecret(
                SecretDerivation.derive("product", "device", "token:7f3a9c01", "ABCDEFGHJKMNPQRS".toCharArray())));
        assertThat(device.password("bob", "x"))
                .isNotEqualTo(new DeviceSecretDerivation("product", "other").password("bob", "x"));
    }

    /** A participant made from a stored secret uses the secret's bytes as the J-PAKE password. */
    @Test
    void aParticipantFromAStoredSecretAgreesWithOneFromItsBytes() throws Exception {
        byte[] w = SecretDerivation.derive("p", "d", "user:bob", "correct horse".toCharArray());
        byte[] client = "client".getBytes(StandardCharsets.US_ASCII);
        byte[] server = "server".getBytes(StandardCharsets.US_ASCII);
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (boolean same : new boolean[] {true, false}) {
            byte[] otherW = same ? w : SecretDerivation.derive("p", "d", "user:bob", "wrong horse".toCharArray());
            dev.edgepair.internal.jpake.Participant a = SecretDerivation.participant(new dev.edgepair.iam.PakeSecret(w),
                    dev.edgepair.internal.jpake.PakeRole.CLIENT, client, server, random);
            dev.edgepair.internal.jpake.Participant b = dev.edgepair.internal.jpake.Participant.create(
                    dev.edgepair.internal.jpake.PakeRole.SERVER, otherW, server, client, random);
            b.readRoundOne(a.createRoundOne());
            a.readRoundOne(b.createRoundOne());
            a.readRoundTwo(b.createRoundTwo());
            b.readRoundTwo(a.createRoundTwo());
            assertThat(java.util.Arrays.equals(a.deriveSecret().premasterSecret(), b.deriveSecret().premasterSecret()))
                    .isEqualTo(same);
        }
    }

    /** The faster PBKDF2 (pad blocks hashed once per derivation) gives exactly the JDK's PBKDF2WithHmacSHA256. */
    @Test
    void derivesWhatTheJdksPbkdf2DerivesForAnyPassword() throws Exception {
        java.util.Random random = new java.util.Random(20261129);
        String[] passwords = {"", "bench-password-1", "pässwörd ☃ 🔑", "\ud800 unpaired surrogate", "x".repeat(64),
                "y".repeat(65), "z".repeat(200), "ABCD-EFGH-JKMN"};
        for (String password : passwords) {
            for (int iterations : new int[] {1, 2, 3, 1000, SecretDerivation.ITERATIONS}) {
                String product = "pr-" + random.nextInt(1000);
                String device = "de-" + random.nextInt(1000);
                String principal = SecretDerivation.userPrincipal(random.nextBoolean() ? "" : "alice");
                assertThat(SecretDerivation.derive(product, device, principal, password.toCharArray(), iterations))
                        .as("%s, %d iterations", password, iterations)
                        .isEqualTo(pbkdf2(password, SecretDerivation.salt(product, device, principal), iterations));
            }
        }
    }

    @Test
    void wipeZeroesAndToleratesNull() {
        byte[] b = {1, 2, 3};
        SecretDerivation.wipe(b);
        assertThat(b).containsOnly(0);
        SecretDerivation.wipe(null);
    }
}
