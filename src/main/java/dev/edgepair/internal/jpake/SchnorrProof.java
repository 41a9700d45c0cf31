package dev.edgepair.internal.jpake;

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

    /** A proof to check: it shows knowledge of log_base(publicKey). */
    record Claim(ECPoint base, ECPoint publicKey, SchnorrProof proof) {
    }

    /**
     * Several proofs of one prover in one multi-scalar check: sum over i of w_i·(r_i·base_i + h_i·X_i − V_i) = O
     * with w_0 = 1 and every other w_i a fresh random 128-bit weight (top bit set). If any single proof is false,
     * the sum is O with probability at most 2^-128 over the weights. Terms on the same base object (G) are merged.
     * Only public values are involved, so the variable-time multi-scalar multiplication is fine.
     */
    static boolean allVerify(java.util.List<Claim> claims, byte[] proverId, java.security.SecureRandom random) {
        BigInteger n = P256.N;
        java.util.List<ECPoint> points = new java.util.ArrayList<>();
        java.util.List<BigInteger> scalars = new java.util.ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            BigInteger weight = i == 0 ? BigInteger.ONE : new BigInteger(128, random).setBit(128);
            BigInteger h = challenge(claim.base, claim.proof.v, claim.publicKey, proverId);
            addTerm(points, scalars, claim.base, weight.multiply(claim.proof.r).mod(n));
            addTerm(points, scalars, claim.publicKey, weight.multiply(h).mod(n));
            addTerm(points, scalars, claim.proof.v.negate(), weight);
        }
        ECPoint sum = P256.sumOfMultipliesPublic(points.toArray(new ECPoint[0]), scalars.toArray(new BigInteger[0]));
        return sum.isInfinity();
    }

    private static void addTerm(java.util.List<ECPoint> points, java.util.List<BigInteger> scalars, ECPoint point,
                                BigInteger scalar) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i) == point) {
                scalars.set(i, scalars.get(i).add(scalar).mod(P256.N));
                return;
            }
        }
        points.add(point);
        scalars.add(scalar);
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
