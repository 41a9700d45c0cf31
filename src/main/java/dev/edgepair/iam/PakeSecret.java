package dev.edgepair.iam;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A stored J-PAKE secret: the PBKDF2 output of a password or token for this device and principal
 * ({@code dev.edgepair.internal.protocol.PakeSecrets}), never the password itself. Whoever holds it can authenticate as that
 * principal (EC J-PAKE is a balanced PAKE), so it is kept only in the mode-0600 state file and never shown.
 */
public final class PakeSecret {
    private final byte[] value;

    /**
     * A secret from its bytes, as derived from a password or token.
     *
     * @param value 32 bytes, copied
     * @throws IllegalArgumentException if {@code value} is not 32 bytes
     */
    public PakeSecret(byte[] value) {
        if (value.length != 32) {
            throw new IllegalArgumentException("a pake secret is 32 bytes");
        }
        this.value = value.clone();
    }

    /** The secret's bytes: for the state store in this package only; no public API hands them out. */
    byte[] value() {
        return value.clone();
    }

    /**
     * A J-PAKE participant whose password is this secret (spec/pairing.md): the one way the secret is used, without
     * handing its bytes out.
     *
     * @param role client or server
     * @param ownId this side's prover id
     * @param peerId the other side's prover id
     * @param random the source of every scalar and nonce
     * @return a new participant
     */
    public dev.edgepair.internal.jpake.Participant participant(dev.edgepair.internal.jpake.Role role, byte[] ownId, byte[] peerId,
                                                      java.security.SecureRandom random) {
        byte[] w = value.clone();
        try {
            return dev.edgepair.internal.jpake.Participant.create(role, w, ownId, peerId, random);
        } finally {
            java.util.Arrays.fill(w, (byte) 0);
        }
    }

    /**
     * SHA-256 of the secret: lets a later step check "still the same secret" without keeping the secret.
     *
     * @return 32 bytes
     */
    public byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code digest} is this secret's {@link #digest()}, compared in constant time.
     *
     * @param digest a digest kept earlier
     * @return true if it is this secret's
     */
    public boolean matchesDigest(byte[] digest) {
        return MessageDigest.isEqual(digest(), digest);
    }

    String hex() {
        return HexFormat.of().formatHex(value);
    }

    static PakeSecret parse(String hex) {
        return new PakeSecret(HexFormat.of().parseHex(hex));
    }

    /** Equal when the bytes are equal, compared in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PakeSecret && MessageDigest.isEqual(value, ((PakeSecret) o).value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** Always {@code PakeSecret[redacted]}. */
    @Override
    public String toString() {
        return "PakeSecret[redacted]";
    }
}
