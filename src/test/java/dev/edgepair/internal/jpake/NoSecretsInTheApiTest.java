package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.edgepair.iam.PakeSecret;
import dev.edgepair.internal.protocol.KeyConfirmation;
import dev.edgepair.tags.Unit;

/**
 * Security review, finding 11: nothing public can fix a participant's randomness, skip its proof checks, or hand out
 * a device's stored secret or a live exchange's confirmation keys.
 */
@Unit
class NoSecretsInTheApiTest {
    private static boolean hasPublicMethod(Class<?> type, String name) {
        return Arrays.stream(type.getDeclaredMethods())
                .anyMatch(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()));
    }

    @Test
    void theKnownAnswerSeamIsNotPublic() {
        assertThat(Modifier.isPublic(KnownAnswer.class.getModifiers())).isFalse();
        for (Method m : KnownAnswerChecks.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                assertThat(m.getReturnType()).as(m.getName() + " hands out no participant")
                        .isNotEqualTo(Participant.class);
            }
        }
        assertThat(hasPublicMethod(Participant.class, "installPeerRoundOne")).isFalse();
    }

    @Test
    void aStoredSecretIsUsedNotHandedOut() {
        assertThat(hasPublicMethod(PakeSecret.class, "value")).isFalse();
    }

    @Test
    void noExportedTypeHandsOutAPrivateKeyOrAStoredSecretsBytes() throws Exception {
        for (Class<?> type : List.of(dev.edgepair.identity.Identity.class, PakeSecret.class,
                dev.edgepair.iam.IamState.class, dev.edgepair.iam.User.class, dev.edgepair.iam.PairingToken.class)) {
            for (Method m : type.getMethods()) {
                assertThat(m.getReturnType()).as(type.getSimpleName() + "." + m.getName())
                        .isNotEqualTo(java.security.PrivateKey.class);
            }
        }
        for (Method m : PakeSecret.class.getMethods()) {
            if (m.getReturnType() == byte[].class) {
                assertThat(m.getName()).as("only a digest of the secret leaves it").isEqualTo("digest");
            }
        }
    }

    @Test
    void aLiveConfirmationKeepsItsKeys() {
        assertThat(hasPublicMethod(KeyConfirmation.class, "clientKey")).isFalse();
        assertThat(hasPublicMethod(KeyConfirmation.class, "deviceKey")).isFalse();
    }
}
