package dev.edgepair.internal.jpake;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Map;

/** Where a participant's secret scalars come from: SecureRandom, or fixed values for known-answer tests. */
interface ScalarSource {
    enum Purpose { X1, X2, NONCE_X1, NONCE_X2, NONCE_ROUND_TWO }

    BigInteger next(Purpose purpose);

    static ScalarSource random(SecureRandom random) {
        java.util.Objects.requireNonNull(random, "random");
        return purpose -> P256.randomScalar(random);
    }

    static ScalarSource fixed(Map<Purpose, BigInteger> values, ScalarSource fallback) {
        for (BigInteger v : values.values()) {
            if (v.signum() <= 0 || v.compareTo(P256.N) >= 0) {
                throw new IllegalArgumentException("fixed scalars must lie in [1, n-1]");
            }
        }
        Map<Purpose, BigInteger> copy = Map.copyOf(values);
        return purpose -> copy.containsKey(purpose) ? copy.get(purpose) : fallback.next(purpose);
    }
}
