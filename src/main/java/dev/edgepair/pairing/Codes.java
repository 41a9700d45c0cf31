package dev.edgepair.pairing;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generated secrets in an unambiguous alphabet (Crockford base32: no I, L, O, U), grouped by four for reading aloud.
 * Tokens are 16 symbols (80 bits) and are normalised before use (case, separators, O→0, I/L→1); generated passwords
 * are 12 symbols (60 bits) and are used exactly as shown.
 */
public final class Codes {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int TOKEN_SYMBOLS = 16;
    public static final int PASSWORD_SYMBOLS = 12;
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Codes() {
    }

    public static String newToken() {
        return grouped(TOKEN_SYMBOLS);
    }

    public static String newPassword() {
        return grouped(PASSWORD_SYMBOLS);
    }

    public static String newTokenId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String grouped(int symbols) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < symbols; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The canonical form of a token as typed, or null if it is not 16 symbols of the alphabet. */
    public static String normalizeToken(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char d = c == 'O' ? '0' : (c == 'I' || c == 'L') ? '1' : c;
            if (ALPHABET.indexOf(d) < 0) {
                return null;
            }
            sb.append(d);
        }
        return sb.length() == TOKEN_SYMBOLS ? sb.toString() : null;
    }

    /** Null if acceptable, else why not. */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return "passwords have at least " + MIN_PASSWORD_LENGTH + " characters";
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return "passwords have at most " + MAX_PASSWORD_LENGTH + " characters";
        }
        return null;
    }
}
