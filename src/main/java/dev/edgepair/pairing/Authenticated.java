package dev.edgepair.pairing;

/**
 * A connection attribute: this DTLS connection proved, with a confirmed J-PAKE exchange, that it knows the secret of
 * {@code principal} ({@code user:<name>} or {@code token:<id>}). Belongs to that connection only; a new exchange on
 * the connection removes it first.
 */
public record Authenticated(String principal, byte[] secretDigest) {
    public boolean isOpenPassword() {
        return principal.equals(PakeSecrets.userPrincipal(""));
    }

    /** The invited username, or null if this is not a user invitation. */
    public String invitedUser() {
        String prefix = PakeSecrets.userPrincipal("");
        return principal.startsWith(prefix) && principal.length() > prefix.length()
                ? principal.substring(prefix.length()) : null;
    }

    /** The token id, or null. */
    public String tokenId() {
        String prefix = PakeSecrets.tokenPrincipal("");
        return principal.startsWith(prefix) ? principal.substring(prefix.length()) : null;
    }

    @Override
    public String toString() {
        return "Authenticated[" + principal + "]";
    }
}
