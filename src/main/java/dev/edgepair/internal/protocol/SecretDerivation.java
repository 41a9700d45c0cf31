package dev.edgepair.internal.protocol;

import java.security.SecureRandom;

import dev.edgepair.iam.PakeSecret;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.secret.SecretAccess;


import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;


/**
 * The J-PAKE secret of a password or token (spec/pairing.md, "Secrets"):
 * {@code w = PBKDF2-HMAC-SHA256(password UTF-8, salt, 10000 iterations, 32 bytes)} with
 * {@code salt = lp("EdgePair pake secret v1") || lp(productId) || lp(deviceId) || lp(principal)}, lp = u32be length
 * then UTF-8 bytes. The device stores only w, never the password; both sides use w's bytes as the J-PAKE password.
 */
public final class SecretDerivation {
    public static final int ITERATIONS = 10_000;
    private static final String LABEL = "EdgePair pake secret v1";

    private SecretDerivation() {
    }

    /** The principal of password authentication for a username ({@code ""} = the open-pairing password). */
    public static String userPrincipal(String username) {
        return "user:" + username;
    }

    /** The principal of a pairing token. */
    public static String tokenPrincipal(String tokenId) {
        return "token:" + tokenId;
    }

    /**
     * The secret of a typed password or token for {@code principal}, normalised as spec/pairing.md says: a token
     * always ({@link PairingPasswords#normalizeToken}), a password when it has a generated password's shape
     * ({@link PairingPasswords#normalizePassword}).
     *
     * @throws IllegalArgumentException if a token principal's secret is not a token
     */
    public static byte[] deriveTyped(String productId, String deviceId, String principal, String typed) {
        String normalised = principal.startsWith(tokenPrincipal("")) ? PairingPasswords.normalizeToken(typed)
                : PairingPasswords.normalizePassword(typed);
        if (normalised == null) {
            throw new IllegalArgumentException("a token is 16 symbols of " + PairingPasswords.ALPHABET);
        }
        return derive(productId, deviceId, principal, normalised.toCharArray());
    }

    public static byte[] derive(String productId, String deviceId, String principal, char[] password) {
        return derive(productId, deviceId, principal, password, ITERATIONS);
    }

    static byte[] derive(String productId, String deviceId, String principal, char[] password, int iterations) {
        byte[] salt = salt(productId, deviceId, principal);
        // the password's UTF-8 bytes exactly as the JDK's PBKDF2WithHmacSHA256 makes them
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] key = new byte[encoded.remaining()];
        encoded.get(key);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return pbkdf2HmacSha256(key, salt, iterations);
        } finally {
            wipe(key);
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 (RFC 8018), one 32-byte block: the same output as the JDK's {@code PBKDF2WithHmacSHA256}
     * (SecretDerivationTest, the vector file), with the HMAC's inner and outer pad blocks hashed once per derivation and
     * their SHA-256 states copied for each iteration: two compressions per iteration instead of the JDK's four, so
     * 1.5-2 times faster on the client (spec/benchmarks.md). The iteration count, the attacker's cost, is unchanged.
     */
    static byte[] pbkdf2HmacSha256(byte[] password, byte[] salt, int iterations) {
        try {
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            byte[] key = password.length > 64 ? MessageDigest.getInstance("SHA-256").digest(password) : password;
            byte[] pad = new byte[64];
            for (int i = 0; i < 64; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            for (int i = 0; i < 64; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
            wipe(pad);
            if (key != password) {
                wipe(key);
            }
            byte[] u = new byte[32];
            MessageDigest d = (MessageDigest) inner.clone();
            d.update(salt);
            d.update(new byte[] {0, 0, 0, 1});
            d.digest(u, 0, 32);
            d = (MessageDigest) outer.clone();
            d.update(u);
            d.digest(u, 0, 32);
            byte[] t = u.clone();
            for (int n = 1; n < iterations; n++) {
                d = (MessageDigest) inner.clone();
                d.update(u);
                d.digest(u, 0, 32);
                d = (MessageDigest) outer.clone();
                d.update(u);
                d.digest(u, 0, 32);
                for (int j = 0; j < 32; j++) {
                    t[j] ^= u[j];
                }
            }
            wipe(u);
            inner.reset();
            outer.reset();
            return t;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 is required by every Java 17 platform", e);
        }
    }

    static byte[] salt(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lengthPrefixed(out, LABEL.getBytes(StandardCharsets.UTF_8));
        for (String p : parts) {
            lengthPrefixed(out, p.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static void lengthPrefixed(ByteArrayOutputStream out, byte[] value) {
        out.write(ByteBuffer.allocate(4).putInt(value.length).array(), 0, 4);
        out.write(value, 0, value.length);
    }

    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }

    /**
     * A J-PAKE participant whose password is a stored secret (spec/pairing.md): the one way a secret is used.
     *
     * @param secret the secret
     * @param role client or server
     * @param ownId this side's prover id
     * @param peerId the other side's prover id
     * @param random the source of every scalar and nonce
     * @return a new participant
     */
    public static Participant participant(PakeSecret secret, PakeRole role, byte[] ownId, byte[] peerId,
            SecureRandom random) {
        byte[] w = SecretAccess.pakeSecretBytes(secret);
        try {
            return Participant.create(role, w, ownId, peerId, random);
        } finally {
            Arrays.fill(w, (byte) 0);
        }
    }
}
