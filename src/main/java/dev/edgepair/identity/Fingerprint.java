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

    /**
     * The fingerprint of a public key.
     *
     * @param key a public key whose {@link PublicKey#getEncoded() encoding} is its DER SubjectPublicKeyInfo (as every
     *            JDK and Bouncy Castle EC key's is)
     * @return the SHA-256 of that encoding
     */
    public static Fingerprint of(PublicKey key) {
        return ofSubjectPublicKeyInfo(key.getEncoded());
    }

    /**
     * The fingerprint of a key given as its encoding, for keys that arrive as bytes (a raw public key in DTLS).
     *
     * @param der the DER SubjectPublicKeyInfo of a public key; not checked, only hashed
     * @return the SHA-256 of {@code der}
     */
    public static Fingerprint ofSubjectPublicKeyInfo(byte[] der) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Parses a fingerprint as {@link #hex()} writes it.
     *
     * @param hex 64 lowercase hex characters
     * @return the fingerprint they spell
     * @throws IllegalArgumentException if {@code hex} is null or anything but 64 lowercase hex characters
     */
    public static Fingerprint parse(String hex) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a fingerprint is 64 lowercase hex characters");
        }
        return new Fingerprint(HexFormat.of().parseHex(hex));
    }

    /**
     * Whether {@link #parse} would accept a text, for checking input without catching an exception.
     *
     * @param hex a candidate fingerprint, may be null
     * @return true if {@code hex} is 64 lowercase hex characters
     */
    public static boolean isValid(String hex) {
        return hex != null && HEX64.matcher(hex).matches();
    }

    /**
     * The 32 bytes of the digest.
     *
     * @return a copy of the SHA-256 digest
     */
    public byte[] bytes() {
        return digest.clone();
    }

    /**
     * The fingerprint as users compare it and pairing strings carry it ({@code fp=}).
     *
     * @return 64 lowercase hex characters
     */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * A prefix for logs and prompts where the whole value is too long; never enough to identify a key securely.
     *
     * @return the first 8 hex characters of {@link #hex()}
     */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    /** Equal when the digests are equal, compared in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint && MessageDigest.isEqual(digest, ((Fingerprint) o).digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** The same as {@link #hex()}: a fingerprint is public. */
    @Override
    public String toString() {
        return hex();
    }
}
