package dev.edgepair.internal.iam;

import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.protocol.PairingPasswords;

import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.PairingToken;

/**
 * Issues one-time pairing tokens: by an administrator ({@code POST /iam/pairing-tokens}) or by the device itself at
 * first boot, for a headless device whose label carries the token. Only the token's secret is stored; the token
 * itself exists only in the returned value.
 */
public final class PairingTokens {
    private PairingTokens() {
    }

    /** A token as handed to a person: shown once. {@code toString()} hides the token. */
    public record IssuedToken(String id, String token, String username, String role, long expiresAtEpochSecond) {
        @Override
        public String toString() {
            return "IssuedToken[" + id + ", " + username + ", " + role + ", token <redacted>]";
        }
    }

    public static IssuedToken issue(Iam iam, DeviceSecretDerivation secrets, String username, String role, long validSeconds,
                                    long nowEpochSecond) throws IamException {
        String id = PairingPasswords.newTokenId();
        String token = PairingPasswords.newToken();
        long expires = nowEpochSecond + validSeconds;
        iam.createToken(new PairingToken(id, username, role, expires, secrets.token(id, token)), nowEpochSecond);
        return new IssuedToken(id, token, username, role, expires);
    }
}
