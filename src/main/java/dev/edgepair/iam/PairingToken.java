package dev.edgepair.iam;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A one-time pairing token: whoever authenticates with its secret (80 bits or more) before {@code expiresAt}
 * pairs as {@code username} with {@code role}; used tokens are deleted. Only the token's {@link PakeSecret} is kept.
 *
 * @param id the token's public id ({@code tid=}), 8 lowercase hex characters
 * @param username the user it pairs as
 * @param role the role that user gets
 * @param expiresAtEpochSecond when it stops working, in seconds since the epoch
 * @param secret the J-PAKE secret derived from the token; never shown
 */
public record PairingToken(String id, String username, String role, long expiresAtEpochSecond, PakeSecret secret) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");

    /**
     * A token.
     *
     * @param id the token's public id, 8 lowercase hex characters
     * @param username the user it pairs as
     * @param role the role that user gets
     * @param expiresAtEpochSecond when it stops working, in seconds since the epoch
     * @param secret the J-PAKE secret derived from the token
     * @throws IllegalArgumentException if {@code id} or {@code username} is malformed
     * @throws NullPointerException if {@code role} or {@code secret} is null
     */
    public PairingToken {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("token ids are 8 lowercase hex characters");
        }
        if (!User.isValidUsername(username)) {
            throw new IllegalArgumentException("usernames are 1-64 of [a-z0-9_.-]");
        }
        Objects.requireNonNull(role);
        Objects.requireNonNull(secret);
    }

    /**
     * Whether a text is a well-formed token id.
     *
     * @param id a candidate id, may be null
     * @return true if it is 8 lowercase hex characters
     */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Whether the token no longer works at a time.
     *
     * @param epochSecond the time, in seconds since the epoch
     * @return true from {@link #expiresAtEpochSecond()} on
     */
    public boolean expiredAt(long epochSecond) {
        return epochSecond >= expiresAtEpochSecond;
    }

    /** Id, user, role and expiry; never the secret. */
    @Override
    public String toString() {
        return "PairingToken[" + id + ", " + username + ", " + role + ", expires " + expiresAtEpochSecond + "]";
    }
}
