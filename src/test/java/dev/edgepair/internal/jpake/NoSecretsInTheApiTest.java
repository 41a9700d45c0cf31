package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.edgepair.iam.PakeSecret;
import dev.edgepair.internal.protocol.Confirmation;
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
    void aLiveConfirmationKeepsItsKeys() {
        assertThat(hasPublicMethod(Confirmation.class, "clientKey")).isFalse();
        assertThat(hasPublicMethod(Confirmation.class, "deviceKey")).isFalse();
    }
}
