package dev.edgepair.internal.pairing;

import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/** The body of a pairing request, {@code {Username?, FingerprintName?}}: alone, or as {@code Pair} in /pake/2. */
record PairRequest(String username, String fingerprintName) {
    static PairRequest read(CborMap map) throws WireException {
        map.onlyKeys("Username", "FingerprintName");
        return new PairRequest(map.optionalText("Username", 64).orElse(null),
                map.optionalText("FingerprintName", 64).orElse(""));
    }

    /** The same with a Username required. */
    static PairRequest readWithUsername(CborMap map) throws WireException {
        map.onlyKeys("Username", "FingerprintName");
        return new PairRequest(map.text("Username", 64), map.optionalText("FingerprintName", 64).orElse(""));
    }
}
