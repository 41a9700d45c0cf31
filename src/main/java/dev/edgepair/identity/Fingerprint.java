package dev.edgepair.identity;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 of a public key's DER SubjectPublicKeyInfo: what {@code openssl ec -pubout -outform DER | sha256sum},
 * Nabto Edge and libcoap print for the same key. Written as 64 lowercase hex characters.
 */
public final class Fingerprint {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private final byte[] digest;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
    }

    public static Fingerprint of(PublicKey key) {
        return ofSubjectPublicKeyInfo(key.getEncoded());
    }

    public static Fingerprint ofSubjectPublicKeyInfo(byte[] der) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Parses 64 lowercase hex characters; anything else is an {@link IllegalArgumentException}. */
    public static Fingerprint parse(String hex) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a fingerprint is 64 lowercase hex characters");
        }
        return new Fingerprint(HexFormat.of().parseHex(hex));
    }

    public static boolean isValid(String hex) {
        return hex != null && HEX64.matcher(hex).matches();
    }

    public byte[] bytes() {
        return digest.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /** The first 8 hex characters, for logs and prompts where the whole value is too long. */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint && MessageDigest.isEqual(digest, ((Fingerprint) o).digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return hex();
    }
}
