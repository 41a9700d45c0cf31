package dev.edgepair.internal.pairing;

import dev.edgepair.internal.protocol.SecretDerivation;

/**
 * A connection attribute: this DTLS connection proved, with a confirmed J-PAKE exchange, that it knows the secret of
 * {@code principal} ({@code user:<name>} or {@code token:<id>}). Belongs to that connection only; a new exchange on
 * the connection removes it first; it expires after the exchange timeout and is consumed by the pairing that uses it
 * (spec/pairing.md, "Authentication result").
 */
final class Authenticated {
    private final String principal;
    private final byte[] secretDigest;
    private final long atNanos;

    Authenticated(String principal, byte[] secretDigest, long atNanos) {
        this.principal = principal;
        this.secretDigest = secretDigest.clone();
        this.atNanos = atNanos;
    }

    String principal() {
        return principal;
    }

    byte[] secretDigest() {
        return secretDigest.clone();
    }

    long atNanos() {
        return atNanos;
    }

    boolean isOpenPassword() {
        return principal.equals(SecretDerivation.userPrincipal(""));
    }

    /** A password (open or invitation), as opposed to a token: bound to the pairing window. */
    boolean isPassword() {
        return principal.startsWith(SecretDerivation.userPrincipal(""));
    }

    /** The invited username, or null if this is not a user invitation. */
    String invitedUser() {
        String prefix = SecretDerivation.userPrincipal("");
        return principal.startsWith(prefix) && principal.length() > prefix.length()
                ? principal.substring(prefix.length()) : null;
    }

    /** The token id, or null. */
    String tokenId() {
        String prefix = SecretDerivation.tokenPrincipal("");
        return principal.startsWith(prefix) ? principal.substring(prefix.length()) : null;
    }

    @Override
    public String toString() {
        return "Authenticated[" + principal + "]";
    }
}
