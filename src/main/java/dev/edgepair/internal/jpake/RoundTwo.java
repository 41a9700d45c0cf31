package dev.edgepair.internal.jpake;

/** Round two of one party: A = (x2*s)*GA with its proof against GA = X1 + X3 + X4 (sender's view). */
public final class RoundTwo {
    private final KeyShare share;

    public RoundTwo(KeyShare share) {
        this.share = java.util.Objects.requireNonNull(share);
    }

    public KeyShare share() {
        return share;
    }
}
