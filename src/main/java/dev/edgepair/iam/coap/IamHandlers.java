package dev.edgepair.iam.coap;

import java.util.Map;

import dev.edgepair.device.Refusal;
import dev.edgepair.iam.User;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.wire.CborMap;

/** What every IAM endpoint shares: path parameters, the user body, and IAM errors as CoAP codes. */
final class IamHandlers {
    private IamHandlers() {
    }

    static String username(Map<String, String> params) throws Refusal {
        String u = params.get("username");
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

    /** {@code IAM:Username} for conditions such as "own user only". */
    static Map<String, String> about(String username) {
        return Map.of("IAM:Username", username);
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
