package dev.edgepair.internal.jpake;

import org.bouncycastle.math.ec.ECPoint;

/** A public key X with the Schnorr proof that its sender knows the discrete log (TLS "ECJPAKEKeyKP"). */
public final class KeyShare {
    private final ECPoint x;
    private final SchnorrProof proof;

    KeyShare(ECPoint x, SchnorrProof proof) {
        this.x = x;
        this.proof = proof;
    }

    /** Builds a share from encoded parts, checking the points and the range of r (not yet the proof). */
    public static KeyShare of(byte[] publicKey, byte[] commitment, byte[] response) throws EcJpakeException {
        ECPoint x = P256.decode(publicKey, "X");
        ECPoint v = P256.decode(commitment, "V");
        return new KeyShare(x, new SchnorrProof(v, P256.decodeScalar(response, "r")));
    }

    /** X, SEC1 uncompressed. */
    public byte[] publicKey() {
        return P256.encode(x);
    }

    public SchnorrProof proof() {
        return proof;
    }

    ECPoint x() {
        return x;
    }
}
