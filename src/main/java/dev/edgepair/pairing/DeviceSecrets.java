package dev.edgepair.pairing;

import dev.edgepair.iam.PakeSecret;

/** The J-PAKE secrets of one device: {@link PakeSecrets} with the device's product and device id as salt. */
public record DeviceSecrets(String productId, String deviceId) {
    /**
     * The secret of a password for {@code username} ({@code ""}: the open-pairing password), normalised first
     * ({@link Codes#normalizePassword}).
     */
    public PakeSecret password(String username, String password) {
        return new PakeSecret(PakeSecrets.derive(productId, deviceId, PakeSecrets.userPrincipal(username),
                Codes.normalizePassword(password).toCharArray()));
    }

    /** The secret of a pairing token; {@code token} in any typed form (normalised first). */
    public PakeSecret token(String tokenId, String token) {
        String canonical = Codes.normalizeToken(token);
        if (canonical == null) {
            throw new IllegalArgumentException("a token is 16 symbols of " + Codes.ALPHABET);
        }
        return new PakeSecret(PakeSecrets.derive(productId, deviceId, PakeSecrets.tokenPrincipal(tokenId),
                canonical.toCharArray()));
    }
}
