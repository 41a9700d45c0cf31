package dev.edgepair.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** The faster PBKDF2 gives exactly the JDK's PBKDF2WithHmacSHA256 (spec/pairing.md, "Secrets"). */
@Unit
class PakeSecretsTest {
    @Test
    void derivesWhatTheJdksPbkdf2Derives() throws Exception {
        Random random = new Random(20261129);
        String[] passwords = {"", "bench-password-1", "pässwörd ☃ 🔑", "\ud800 unpaired surrogate",
                "x".repeat(64), "y".repeat(65), "z".repeat(200), "ABCD-EFGH-JKMN"};
        for (String password : passwords) {
            for (int iterations : new int[] {1, 2, 3, 1000, PakeSecrets.ITERATIONS}) {
                String product = "pr-" + random.nextInt(1000);
                String device = "de-" + random.nextInt(1000);
                String principal = PakeSecrets.userPrincipal(random.nextBoolean() ? "" : "alice");
                byte[] salt = PakeSecrets.salt(product, device, principal);
                byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
                assertThat(PakeSecrets.derive(product, device, principal, password.toCharArray(), iterations))
                        .as("%s, %d iterations", password, iterations).isEqualTo(expected);
            }
        }
    }
}
