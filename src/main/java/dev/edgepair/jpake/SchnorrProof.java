package dev.edgepair.jpake;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.math.ec.ECPoint;

/**
 * RFC 8235 Schnorr non-interactive proof of knowledge of x for X = x*G, in the Mbed TLS / Thread layout:
 * h = SHA-256(u32(len)||G || u32(len)||V || u32(len)||X || u32(len)||proverId) as an unsigned integer mod n,
 * r = v - x*h mod n, accepted iff V == r*G + h*X.
 */
public final class SchnorrProof {
    private final ECPoint v;
    private final BigInteger r;

    SchnorrProof(ECPoint v, BigInteger r) {
        this.v = v;
        this.r = r;
    }

    /** The commitment V, SEC1 uncompressed. */
    public byte[] commitment() {
        return P256.encode(v);
    }

    /** The response r in minimal unsigned big-endian bytes. */
    public byte[] response() {
        return P256.encodeScalarMinimal(r);
    }

    ECPoint v() {
        return v;
    }

    BigInteger r() {
        return r;
    }

    static SchnorrProof create(ECPoint generator, boolean generatorIsG, BigInteger x, ECPoint publicKey,
                               BigInteger nonce, byte[] proverId) {
        ECPoint commitment = generatorIsG ? P256.multiplyG(nonce) : P256.multiplySecret(generator, nonce);
        BigInteger h = challenge(generator, commitment, publicKey, proverId);
        BigInteger r = nonce.subtract(x.multiply(h)).mod(P256.N);
        return new SchnorrProof(commitment, r);
    }

    boolean verifies(ECPoint generator, ECPoint publicKey, byte[] proverId) {
        BigInteger h = challenge(generator, v, publicKey, proverId);
        ECPoint expected = P256.sumOfTwoMultipliesPublic(generator, r, publicKey, h);
        return !expected.isInfinity() && expected.equals(v);
    }

    static BigInteger challenge(ECPoint generator, ECPoint commitment, ECPoint publicKey, byte[] proverId) {
        MessageDigest sha256 = sha256();
        for (ECPoint point : new ECPoint[] {generator, commitment, publicKey}) {
            byte[] encoded = P256.encode(point);
            sha256.update(ByteBuffer.allocate(4).putInt(encoded.length).array());
            sha256.update(encoded);
        }
        sha256.update(ByteBuffer.allocate(4).putInt(proverId.length).array());
        sha256.update(proverId);
        return new BigInteger(1, sha256.digest()).mod(P256.N);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
