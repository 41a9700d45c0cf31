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
    private static final byte[] ENCODED_G = P256.encode(P256.G);
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

    /** A proof on base {@code generator} for x with X = x·generator; the caller computed V = nonce·generator. */
    static SchnorrProof create(ECPoint generator, BigInteger x, ECPoint publicKey, BigInteger nonce,
                               ECPoint commitment, byte[] proverId) {
        BigInteger h = challenge(generator, commitment, publicKey, proverId);
        BigInteger r = nonce.subtract(x.multiply(h)).mod(P256.N);
        return new SchnorrProof(commitment, r);
    }

    boolean verifies(ECPoint generator, ECPoint publicKey, byte[] proverId) {
        BigInteger h = challenge(generator, v, publicKey, proverId);
        ECPoint expected = P256.sumOfTwoMultipliesPublic(generator, r, publicKey, h);
        return !expected.isInfinity() && expected.equals(v);
    }

    /**
     * Both round-one proofs (base G) in one multi-scalar check:
     * (r1 + c·r2)·G + h1·X1 + (c·h2)·X2 − V1 − c·V2 = O with a random 128-bit c, which a pair containing a bad proof
     * passes with probability at most 2^-128. Only public values are involved.
     */
    static boolean bothVerify(KeyShare a, KeyShare b, byte[] proverId, java.security.SecureRandom random) {
        BigInteger c = new BigInteger(128, random).setBit(128);
        BigInteger n = P256.N;
        BigInteger ha = challenge(P256.G, a.proof().v, a.x(), proverId);
        BigInteger hb = challenge(P256.G, b.proof().v, b.x(), proverId);
        ECPoint sum = P256.sumOfMultipliesPublic(
                new ECPoint[] {P256.G, a.x(), b.x(), a.proof().v.negate(), b.proof().v.negate()},
                new BigInteger[] {a.proof().r.add(c.multiply(b.proof().r)).mod(n), ha, c.multiply(hb).mod(n),
                        BigInteger.ONE, c});
        return sum.isInfinity();
    }

    static BigInteger challenge(ECPoint generator, ECPoint commitment, ECPoint publicKey, byte[] proverId) {
        MessageDigest sha256 = sha256();
        for (ECPoint point : new ECPoint[] {generator, commitment, publicKey}) {
            byte[] encoded = point == P256.G ? ENCODED_G : P256.encode(point);
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
