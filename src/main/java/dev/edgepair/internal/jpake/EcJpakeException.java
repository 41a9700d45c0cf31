package dev.edgepair.internal.jpake;

/**
 * A received EC J-PAKE value was rejected. The {@link Reason} says which class of check failed; the message
 * says which value, and never holds secret material.
 */
public final class EcJpakeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a value was rejected; {@link #code()} is the stable name used in test vectors and diagnostics. */
    public enum Reason {
        /** Bytes do not have the expected structure: truncated, trailing data, bad length, scalar out of range. */
        MALFORMED("malformed"),
        /** A point is not on P-256, is the point at infinity, or yields an infinite generator or key. */
        INVALID_POINT("invalid-point"),
        /** A Schnorr proof does not verify for the expected generator and prover id. */
        PROOF_FAILED("proof-failed"),
        /** Well-formed but outside what EdgePair implements: another curve, compressed points. */
        UNSUPPORTED("unsupported");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public EcJpakeException(Reason reason, String message) {
        super(reason.code() + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
