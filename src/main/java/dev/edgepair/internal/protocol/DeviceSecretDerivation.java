package dev.edgepair.internal.protocol;


import dev.edgepair.iam.PakeSecret;

/** The J-PAKE secrets of one device: {@link SecretDerivation} with the device's product and device id as salt. */
public record DeviceSecretDerivation(String productId, String deviceId) {
    /**
     * The secret of a password for {@code username} ({@code ""}: the open-pairing password), normalised first
     * ({@link PairingPasswords#normalizePassword}).
     */
    public PakeSecret password(String username, String password) {
        return new PakeSecret(SecretDerivation.deriveTyped(productId, deviceId, SecretDerivation.userPrincipal(username),
                password));
    }

    /** The secret of a pairing token; {@code token} in any typed form (normalised first). */
    public PakeSecret token(String tokenId, String token) {
        return new PakeSecret(SecretDerivation.deriveTyped(productId, deviceId, SecretDerivation.tokenPrincipal(tokenId),
                token));
    }
}
