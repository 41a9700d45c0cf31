package dev.edgepair.internal.jpake;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/** The group: NIST P-256 on Bouncy Castle's specialised field arithmetic. Point decoding and every multiplication. */
final class P256 {
    static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");
    static final ECCurve CURVE = PARAMS.getCurve();
    static final ECPoint G = PARAMS.getG().normalize();
    static final BigInteger N = PARAMS.getN();
    static final BigInteger P = CURVE.getField().getCharacteristic();
    static final int POINT_LENGTH = 65;
    static final int SCALAR_LENGTH = 32;

    private P256() {
    }

    /**
     * Secret scalars times the generator, affine, with one shared inversion: a precomputed table per 6-bit window,
     * see {@link SecretMultiplier}.
     */
    static ECPoint[] multiplyG(BigInteger... secrets) {
        return SecretMultiplier.multiplyG(secrets);
    }

    /**
     * Secret scalars times a public base used for two multiplications (the round-two base): a 4-bit regular comb
     * whose table is built from the public base for this call, see {@link BaseComb}; one shared inversion.
     */
    static ECPoint[] multiplyFixedBase(ECPoint base, BigInteger... secrets) {
        return BaseComb.multiply(base, secrets);
    }

    /** a*P + b*Q with secret scalars: interleaved regular windows, complete formulas, see {@link SecretMultiplier}. */
    static ECPoint sumOfTwoMultipliesSecret(ECPoint p, BigInteger a, ECPoint q, BigInteger b) {
        return SecretMultiplier.sumOfTwoMultiplies(p, a, q, b);
    }

    /** a*P + b*Q with public scalars only (proof verification): variable-time Shamir is fine here. */
    static ECPoint sumOfTwoMultipliesPublic(ECPoint p, BigInteger a, ECPoint q, BigInteger b) {
        return ECAlgorithms.sumOfTwoMultiplies(p, a, q, b).normalize();
    }

    /** Sum of public multiples (batch verification), variable time. */
    static ECPoint sumOfMultipliesPublic(ECPoint[] points, BigInteger[] scalars) {
        return ECAlgorithms.sumOfMultiplies(points, scalars).normalize();
    }

    /** Uniform scalar in [1, n-1]. */
    static BigInteger randomScalar(SecureRandom random) {
        byte[] buf = new byte[SCALAR_LENGTH + 8];
        try {
            random.nextBytes(buf);
            // 64 extra bits make the bias of the reduction negligible (< 2^-64).
            return new BigInteger(1, buf).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        } finally {
            java.util.Arrays.fill(buf, (byte) 0);
        }
    }

    static byte[] encode(ECPoint point) {
        return point.normalize().getEncoded(false);
    }

    /**
     * Decodes a SEC1 point and checks it: uncompressed only, coordinates below p, on the curve, not infinity.
     */
    static ECPoint decode(byte[] encoded, String what) throws EcJpakeException {
        // Mbed TLS's reasons (mbedtls_ecp_point_read_binary): infinity alone, any format byte but 00/04 unsupported
        if (encoded.length == 0) {
            throw new EcJpakeException(EcJpakeException.Reason.MALFORMED, what + " is empty");
        }
        if (encoded[0] == 0) {
            throw encoded.length == 1
                    ? new EcJpakeException(EcJpakeException.Reason.INVALID_POINT, what + " is the point at infinity")
                    : new EcJpakeException(EcJpakeException.Reason.MALFORMED, what + " is infinity with trailing bytes");
        }
        if (encoded[0] != 4) {
            throw new EcJpakeException(EcJpakeException.Reason.UNSUPPORTED, what + " is not in uncompressed form");
        }
        if (encoded.length != POINT_LENGTH) {
            throw new EcJpakeException(EcJpakeException.Reason.MALFORMED,
                    what + " is not a 65-byte uncompressed point");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1, 33));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            throw new EcJpakeException(EcJpakeException.Reason.INVALID_POINT, what + " has a coordinate >= p");
        }
        ECPoint point = CURVE.createPoint(x, y);
        if (!point.isValid()) {
            throw new EcJpakeException(EcJpakeException.Reason.INVALID_POINT, what + " is not on P-256");
        }
        return point.normalize();
    }

    /** A scalar from its unsigned big-endian bytes; must lie in [1, n-1]. */
    static BigInteger decodeScalar(byte[] bytes, String what) throws EcJpakeException {
        BigInteger value = new BigInteger(1, bytes);
        if (value.signum() == 0 || value.compareTo(N) >= 0) {
            throw new EcJpakeException(EcJpakeException.Reason.MALFORMED, what + " is not in [1, n-1]");
        }
        return value;
    }

    /** Minimal unsigned big-endian bytes (at least one byte), as Mbed TLS writes r. */
    static byte[] encodeScalarMinimal(BigInteger value) {
        byte[] raw = value.toByteArray();
        int skip = 0;
        while (skip < raw.length - 1 && raw[skip] == 0) {
            skip++;
        }
        return java.util.Arrays.copyOfRange(raw, skip, raw.length);
    }

    /** Fixed 32-byte unsigned big-endian bytes. */
    static byte[] encodeScalar32(BigInteger value) {
        byte[] out = new byte[SCALAR_LENGTH];
        byte[] minimal = encodeScalarMinimal(value);
        System.arraycopy(minimal, 0, out, SCALAR_LENGTH - minimal.length, minimal.length);
        return out;
    }
}
