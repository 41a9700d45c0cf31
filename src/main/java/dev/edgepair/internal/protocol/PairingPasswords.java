package dev.edgepair.internal.protocol;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generated secrets in an unambiguous alphabet (Crockford base32: no I, L, O, U), grouped by four for reading aloud.
 * Tokens are 16 symbols (80 bits), generated passwords 12 symbols (60 bits). Both are normalised before use (spec/pairing.md,
 * "Secrets"): separators dropped, uppercase, O→0, I/L→1; a typed password normalises the same way when it has the
 * shape of a generated one, and is used exactly as typed otherwise.
 */
public final class PairingPasswords {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int TOKEN_SYMBOLS = 16;
    public static final int PASSWORD_SYMBOLS = 12;
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingPasswords() {
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

    private static final java.util.regex.Pattern GENERATED_PASSWORD_SHAPE =
            java.util.regex.Pattern.compile("[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){2}");

    /** The canonical form of a token as typed, or null if it is not 16 symbols of the alphabet. */
    public static String normalizeToken(String typed) {
        return canonical(typed, TOKEN_SYMBOLS);
    }

    /**
     * The password as both sides use it: a password with the shape of a generated one (12 letters or digits, optionally
     * in three dash-separated groups of four, no U) in canonical form; any other password exactly as typed.
     */
    public static String normalizePassword(String typed) {
        if (typed == null || !GENERATED_PASSWORD_SHAPE.matcher(typed).matches()) {
            return typed;
        }
        String code = canonical(typed, PASSWORD_SYMBOLS);
        return code != null ? code : typed;
    }

    private static String canonical(String typed, int symbols) {
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
        return sb.length() == symbols ? sb.toString() : null;
    }

    /** Null if acceptable (8-64 Unicode code points, before normalisation), else why not. */
    public static String passwordProblem(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH) {
            return "passwords have at least " + MIN_PASSWORD_LENGTH + " characters";
        }
        if (length > MAX_PASSWORD_LENGTH) {
            return "passwords have at most " + MAX_PASSWORD_LENGTH + " characters";
        }
        return null;
    }
}
