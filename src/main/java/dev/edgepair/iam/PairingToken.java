package dev.edgepair.iam;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A one-time pairing token: whoever authenticates with its secret (80 bits or more) before {@code expiresAt}
 * pairs as {@code username} with {@code role}; used tokens are deleted. Only the token's {@link PakeSecret} is kept.
 */
public record PairingToken(String id, String username, String role, long expiresAtEpochSecond, PakeSecret secret) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");

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

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public boolean expiredAt(long epochSecond) {
        return epochSecond >= expiresAtEpochSecond;
    }

    @Override
    public String toString() {
        return "PairingToken[" + id + ", " + username + ", " + role + ", expires " + expiresAtEpochSecond + "]";
    }
}
