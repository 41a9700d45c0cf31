package dev.edgepair.internal.jpake;

/** Round one of one party: X1 and X2 with their proofs against the base point G. */
public final class RoundOne {
    private final KeyShare first;
    private final KeyShare second;

    public RoundOne(KeyShare first, KeyShare second) {
        this.first = java.util.Objects.requireNonNull(first);
        this.second = java.util.Objects.requireNonNull(second);
    }

    public KeyShare first() {
        return first;
    }

    public KeyShare second() {
        return second;
    }
}
