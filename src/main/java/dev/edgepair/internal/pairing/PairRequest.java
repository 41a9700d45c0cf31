package dev.edgepair.internal.pairing;

import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * What a client asks for when it pairs on a password or token authentication: {@code {Username?, FingerprintName?}},
 * the body of the pairing-mode endpoints and the {@code Pair} map of {@code /pake/2} (spec/pairing.md).
 *
 * @param username the new user's name (password-open), or null
 * @param fingerprintName the name of the client's key, or ""
 */
record PairRequest(String username, String fingerprintName) {
    static PairRequest read(CborMap map) throws WireException {
        map.onlyKeys("Username", "FingerprintName");
        return new PairRequest(map.optionalText("Username", 64).orElse(null),
                map.optionalText("FingerprintName", 64).orElse(""));
    }
}
