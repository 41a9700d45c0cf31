package dev.edgepair.internal.jpake;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

import dev.edgepair.internal.jpake.ScalarSource.Purpose;

/**
 * Deterministic participants for {@link KnownAnswerChecks}, package-private: a participant built here reuses the
 * scalars and nonces it is given, and {@link #afterRoundOne} takes the peer's round-one keys without their proofs.
 * Nothing outside this package can get one (security review, finding 11).
 */
final class KnownAnswer {
    private KnownAnswer() {
    }

    /** A participant whose round-one scalars and all three proof nonces are fixed. */
    static Participant participant(PakeRole role, byte[] password, byte[] ownId, byte[] peerId,
                                          BigInteger x1, BigInteger x2,
                                          BigInteger nonceX1, BigInteger nonceX2, BigInteger nonceRoundTwo) {
        Map<Purpose, BigInteger> fixed = new EnumMap<>(Purpose.class);
        fixed.put(Purpose.X1, x1);
        fixed.put(Purpose.X2, x2);
        fixed.put(Purpose.NONCE_X1, nonceX1);
        fixed.put(Purpose.NONCE_X2, nonceX2);
        fixed.put(Purpose.NONCE_ROUND_TWO, nonceRoundTwo);
        return new Participant(role, password, ownId, peerId, ScalarSource.fixed(fixed, failing()));
    }

    /**
     * A participant that has created round one from the given scalars and holds the peer's round-one keys as if
     * their proofs had been read; the state in which a round-two message is read.
     */
    static Participant afterRoundOne(PakeRole role, byte[] password, byte[] ownId, byte[] peerId,
                                            BigInteger x1, BigInteger x2, byte[] peerX1, byte[] peerX2)
            throws EcJpakeException {
        Map<Purpose, BigInteger> fixed = new EnumMap<>(Purpose.class);
        fixed.put(Purpose.X1, x1);
        fixed.put(Purpose.X2, x2);
        Participant p = new Participant(role, password, ownId, peerId,
                ScalarSource.fixed(fixed, ScalarSource.random(new SecureRandom())));
        p.createRoundOne();
        p.installPeerRoundOne(P256.decode(peerX1, "peer X1"), P256.decode(peerX2, "peer X2"));
        return p;
    }

    private static ScalarSource failing() {
        return purpose -> {
            throw new IllegalStateException("no fixed scalar for " + purpose);
        };
    }
}
