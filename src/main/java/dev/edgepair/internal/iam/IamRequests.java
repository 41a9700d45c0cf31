package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Refusal;
import dev.edgepair.iam.User;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.protocol.PairingPasswords;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/** What the IAM endpoints read and write alike: path parameters, password fields, the user body. */
final class IamRequests {
    private IamRequests() {
    }

    /** The {@code {username}} path parameter, or 4.00. */
    static String username(Map<String, String> params) throws Refusal {
        return username(params.get("username"));
    }

    /** A username field or parameter, or 4.00. */
    static String username(String u) throws Refusal {
        if (!User.isValidUsername(u)) {
            throw Refusal.badRequest("usernames are 1-64 of [a-z0-9_.-]");
        }
        return u;
    }

    static Fingerprint fingerprint(Map<String, String> params) throws Refusal {
        String fp = params.get("fingerprint");
        if (!Fingerprint.isValid(fp)) {
            throw Refusal.badRequest("a fingerprint is 64 lowercase hex characters");
        }
        return Fingerprint.parse(fp);
    }

    /** A password field that obeys the pairing password rules (8-64 characters), or 4.00 saying which. */
    static String password(CborMap body, String field) throws Refusal, WireException {
        String password = body.text(field, PairingPasswords.MAX_PASSWORD_LENGTH);
        String problem = PairingPasswords.passwordProblem(password);
        if (problem != null) {
            throw Refusal.badRequest(problem);
        }
        return password;
    }

    static CborMap user(User u) {
        return CborMap.builder()
                .put("Username", u.username())
                .put("DisplayName", u.displayName())
                .put("Role", u.role())
                .putMaps("Fingerprints", u.fingerprints().stream()
                        .map(f -> CborMap.builder().put("Fingerprint", f.fingerprint().hex())
                                .put("Name", f.name()).build())
                        .toList())
                .build();
    }
}
