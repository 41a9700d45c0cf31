package dev.edgepair.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** spec/pairing.md, "Secrets": the shapes of generated codes, their normalisation, and the password length rule. */
@Unit
class PairingPasswordsTest {
    private static final String SYMBOL = "[0-9A-HJKMNP-TV-Z]";

    @Test
    void tokensAreSixteenSymbolsInFourGroupsOfFour() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = PairingPasswords.newToken();
            assertThat(token).matches(SYMBOL + "{4}(-" + SYMBOL + "{4}){3}");
            assertThat(PairingPasswords.normalizeToken(token)).isEqualTo(token.replace("-", ""));
            token.chars().filter(c -> c != '-').forEach(c -> seen.add((char) c));
        }
        // 3,200 draws from 32 symbols: every symbol of the alphabet shows up (a miss has probability below 2^-140)
        assertThat(seen).hasSize(PairingPasswords.ALPHABET.length());
    }

    @Test
    void passwordsAreTwelveSymbolsInThreeGroupsOfFour() {
        for (int i = 0; i < 50; i++) {
            String password = PairingPasswords.newPassword();
            assertThat(password).matches(SYMBOL + "{4}(-" + SYMBOL + "{4}){2}");
            assertThat(PairingPasswords.normalizePassword(password)).isEqualTo(password.replace("-", ""));
            assertThat(PairingPasswords.passwordProblem(password)).isNull();
        }
    }

    @Test
    void tokenIdsAreEightLowercaseHexDigits() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String id = PairingPasswords.newTokenId();
            assertThat(id).matches("[0-9a-f]{8}");
            ids.add(id);
        }
        assertThat(ids).hasSizeGreaterThan(1);
    }

    @Test
    void aTypedTokenIsNormalisedOrRefused() {
        assertThat(PairingPasswords.normalizeToken("abcd-efgh-jkmn-pqrs")).isEqualTo("ABCDEFGHJKMNPQRS");
        assertThat(PairingPasswords.normalizeToken("o0Oi IlL1 2345 6789")).isEqualTo("0001111123456789");
        assertThat(PairingPasswords.normalizeToken("ABCDEFGHJKMNPQR")).isNull();      // 15 symbols
        assertThat(PairingPasswords.normalizeToken("ABCDEFGHJKMNPQRST")).isNull();    // 17 symbols
        assertThat(PairingPasswords.normalizeToken("ABCDEFGHJKMNPQRU")).isNull();     // U is not in the alphabet
        assertThat(PairingPasswords.normalizeToken("ABCD_EFGH_JKMN_PQ")).isNull();
        assertThat(PairingPasswords.normalizeToken(null)).isNull();
    }

    @Test
    void aTypedPasswordIsNormalisedOnlyWhenItHasAGeneratedPasswordsShape() {
        assertThat(PairingPasswords.normalizePassword("abcd-efgh-jkmn")).isEqualTo("ABCDEFGHJKMN");
        assertThat(PairingPasswords.normalizePassword("abcdefghjkmn")).isEqualTo("ABCDEFGHJKMN");
        assertThat(PairingPasswords.normalizePassword("oooo-iiii-llll")).isEqualTo("000011111111");
        assertThat(PairingPasswords.normalizePassword("uuuu-uuuu-uuuu")).isEqualTo("uuuu-uuuu-uuuu"); // shape, but a U: as typed
        assertThat(PairingPasswords.normalizePassword("abcd efgh jkmn")).isEqualTo("abcd efgh jkmn"); // spaces: not the shape
        assertThat(PairingPasswords.normalizePassword("correct horse")).isEqualTo("correct horse");
        assertThat(PairingPasswords.normalizePassword("abcdefghjkmnp")).isEqualTo("abcdefghjkmnp");   // 13 symbols
        assertThat(PairingPasswords.normalizePassword(null)).isNull();
    }

    @Test
    void passwordsHaveEightToSixtyFourCodePoints() {
        assertThat(PairingPasswords.passwordProblem(null)).contains("at least 8");
        assertThat(PairingPasswords.passwordProblem("1234567")).contains("at least 8");
        assertThat(PairingPasswords.passwordProblem("12345678")).isNull();
        assertThat(PairingPasswords.passwordProblem("x".repeat(64))).isNull();
        assertThat(PairingPasswords.passwordProblem("x".repeat(65))).contains("at most 64");
        String clef = "\uD834\uDD1E"; // one code point, two chars
        assertThat(PairingPasswords.passwordProblem(clef.repeat(4))).contains("at least 8");
        assertThat(PairingPasswords.passwordProblem(clef.repeat(64))).isNull();
        assertThat(PairingPasswords.passwordProblem(clef.repeat(65))).contains("at most 64");
    }
}
