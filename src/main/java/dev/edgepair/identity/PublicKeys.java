package dev.edgepair.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The one kind of peer key EdgePair accepts: ECDSA P-256, however it arrived (a raw public key or the end-entity
 * certificate of an X.509 chain).
 */
public final class PublicKeys {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

    private PublicKeys() {
    }

    /**
     * The same key in its standard form (named curve prime256v1, uncompressed point), whose
     * {@link PublicKey#getEncoded() SubjectPublicKeyInfo} is what {@link Fingerprint#of} hashes; anything but a
     * P-256 key on the curve is an {@link IllegalArgumentException}.
     *
     * @param key a peer's public key, from any provider
     * @return the same key as the JDK's {@code EC} key factory makes it
     * @throws IllegalArgumentException if {@code key} is not a P-256 key or its point is not on the curve
     */
    public static PublicKey requireP256(PublicKey key) {
        if (!(key instanceof ECPublicKey) || !isP256(((ECPublicKey) key).getParams())) {
            throw new IllegalArgumentException("not a P-256 (prime256v1) public key");
        }
        ECPublicKey ec = (ECPublicKey) key;
        BigInteger x = ec.getW().getAffineX();
        BigInteger y = ec.getW().getAffineY();
        if (x == null || y == null || !P256.getCurve().isValidFieldElement(x) || !P256.getCurve().isValidFieldElement(y)
                || !P256.getCurve().createPoint(x, y).isValid()) {
            throw new IllegalArgumentException("not a point on P-256");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(ec.getW(), ec.getParams()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid P-256 public key", e);
        }
    }

    /** Whether these are the domain parameters of P-256 (prime, coefficients, base point, order, cofactor). */
    static boolean isP256(ECParameterSpec params) {
        return params != null && params.getCurve().getField() instanceof ECFieldFp
                && ((ECFieldFp) params.getCurve().getField()).getP()
                        .equals(P256.getCurve().getField().getCharacteristic())
                && params.getCurve().getA().equals(P256.getCurve().getA().toBigInteger())
                && params.getCurve().getB().equals(P256.getCurve().getB().toBigInteger())
                && params.getGenerator().getAffineX().equals(P256.getG().getAffineXCoord().toBigInteger())
                && params.getGenerator().getAffineY().equals(P256.getG().getAffineYCoord().toBigInteger())
                && params.getOrder().equals(P256.getN()) && params.getCofactor() == 1;
    }
}
