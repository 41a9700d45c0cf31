package dev.edgepair.internal.jpake;

import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Multiplications by secret scalars on P-256, built for a regular operation sequence:
 * <ul>
 *   <li>scalars recoded into signed odd digits (k, or k + n when k is even, chosen with a mask; every digit is then
 *       odd and never zero), so every window does exactly one table addition per point;</li>
 *   <li>table entries picked by scanning the whole table with masks, and negated with a mask;</li>
 *   <li>the <em>complete</em> formulas of Renes, Costello and Batina (EUROCRYPT 2016, algorithms 4, 5 and 6 for
 *       a = -3, homogeneous projective coordinates) wherever an input could be infinity, equal or opposite; the
 *       cheaper Jacobian formulas only where that provably cannot happen (doublings on a prime-order curve, and the
 *       fixed-base additions before the last window, see {@link #multiplyG(BigInteger)});</li>
 *   <li>field multiplication, squaring and inversion are Bouncy Castle's {@link SecP256R1Field} (the arithmetic its
 *       own constant-time multipliers use); addition, subtraction and selection are done here without branches.</li>
 * </ul>
 * Two operations: k·G with a precomputed table per 6-bit window (no doublings at all), and a·P + b·Q with 5-bit
 * windows and shared doublings (one table of odd multiples per point). Tables hold only public data.
 * Nothing here does I/O; scratch arrays are wiped before returning.
 */
final class SecretMultiplier {
    /** Window of the variable-base tables: 16 odd multiples, 52 digits (52 * 5 = 260 >= 257 bits, k + n < 2^257). */
    private static final int W = 5;
    private static final int ENTRIES = 1 << (W - 1);
    private static final int DIGITS = digitCount(W);
    /** Window of the fixed-base table for G: 32 odd multiples per window, 43 windows. */
    private static final int WG = 6;
    private static final int ENTRIES_G = 1 << (WG - 1);
    private static final int DIGITS_G = digitCount(WG);
    private static final long M32 = 0xFFFFFFFFL;
    private static final int[] P = Nat256.fromBigInteger(P256.P);
    private static final int[] N = Nat256.fromBigInteger(P256.N);
    private static final int[] B = Nat256.fromBigInteger(P256.CURVE.getB().toBigInteger());
    /** Entry j of window i, at (i · 32 + j) · 16: (2j + 1) · 2^(6i) · G, affine x || y (16 ints); 88 KB. */
    private static final int[] G_TABLE = fixedBaseTable();

    private SecretMultiplier() {
    }

    /**
     * k·G for a secret k in [0, n): 41 Jacobian mixed additions, then one complete mixed addition.
     *
     * <p>Why the incomplete Jacobian formula cannot meet an exceptional input here: before window i the
     * accumulator is S·G with S = sum_(j &lt; i) d_j 2^(6j), an odd integer with |S| &lt; 2^(6i), and the entry is
     * T = d_i 2^(6i)·G with |d_i 2^(6i)| &ge; 2^(6i). So S, S - d_i 2^(6i) and S + d_i 2^(6i) are non-zero integers
     * below 2^(6i+6) in absolute value, hence non-zero mod n while 6i + 6 &le; 252 &lt; log2(n): the accumulator is
     * never infinity, never equal to the entry and never its opposite, for any scalar, up to window 41. Only the
     * last window could meet one (k = 0 gives infinity there), and it uses the complete formula.
     */
    static ECPoint multiplyG(BigInteger k) {
        return multiplyG(new BigInteger[] {k})[0];
    }

    /**
     * k·G for each secret k in [0, n), with one shared inversion for the conversion to affine coordinates
     * (Montgomery's trick); the results are in the order of the scalars.
     */
    static ECPoint[] multiplyG(BigInteger... ks) {
        Work w = new Work();
        int[][] results = new int[ks.length][];
        try {
            for (int n = 0; n < ks.length; n++) {
                int[] digits = recode(ks[n], WG);
                int[] r = new int[24];
                select(G_TABLE, 0, ENTRIES_G, 16, digits[0], w.entry);
                setAffine(r, w.entry);  // (x, y, 1): the same point in Jacobian and projective coordinates
                for (int i = 1; i < DIGITS_G - 1; i++) {
                    select(G_TABLE, i * ENTRIES_G, ENTRIES_G, 16, digits[i], w.entry);
                    addMixedJacobian(r, w.entry, w);
                }
                jacobianToProjective(r, w);
                select(G_TABLE, (DIGITS_G - 1) * ENTRIES_G, ENTRIES_G, 16, digits[DIGITS_G - 1], w.entry);
                addMixed(r, w.entry, w);
                Arrays.fill(digits, 0);
                results[n] = r;
            }
            return toAffine(results, w);
        } finally {
            for (int[] r : results) {
                if (r != null) {
                    Arrays.fill(r, 0);
                }
            }
            w.wipe();
        }
    }

    /** a·P + b·Q for secret a, b in [0, n) and public points P, Q (neither infinity). */
    static ECPoint sumOfTwoMultiplies(ECPoint p, BigInteger a, ECPoint q, BigInteger b) {
        Work w = new Work();
        int[] tableP = oddMultiples(p, w);
        int[] tableQ = oddMultiples(q, w);
        int[] da = recode(a, W);
        int[] db = recode(b, W);
        int[] r = new int[24];
        try {
            select(tableP, 0, ENTRIES, 24, da[DIGITS - 1], r);
            select(tableQ, 0, ENTRIES, 24, db[DIGITS - 1], w.entry);
            addPoint(r, w.entry, w);
            for (int i = DIGITS - 2; i >= 0; i--) {
                timesPow2(r, W, w);
                select(tableP, 0, ENTRIES, 24, da[i], w.entry);
                addPoint(r, w.entry, w);
                select(tableQ, 0, ENTRIES, 24, db[i], w.entry);
                addPoint(r, w.entry, w);
            }
            return toAffine(new int[][] {r}, w)[0];
        } finally {
            Arrays.fill(da, 0);
            Arrays.fill(db, 0);
            Arrays.fill(tableP, 0);
            Arrays.fill(tableQ, 0);
            Arrays.fill(r, 0);
            w.wipe();
        }
    }

    // ---- scalars ----------------------------------------------------------------------------------------------

    private static int digitCount(int width) {
        return (257 + width - 1) / width;
    }

    /**
     * Signed odd digits of {@code width} bits, d_0..d_(m-1) with k' = sum d_i 2^(width·i), where k' = k if k is odd,
     * else k + n (same point, chosen with a mask), and m·width >= 257 > bit length of k'. With b_j the bits of k':
     * d_i = 1 + 2·bits[width·i + 1 .. width·i + width] - 2^width for i < m - 1, and the top digit
     * 1 + 2·bits[width·(m-1) + 1 ..] (positive, below 2^width); every digit is odd, |d_i| < 2^width.
     */
    static int[] recode(BigInteger k, int width) {
        if (k.signum() < 0 || k.compareTo(P256.N) >= 0) {
            throw new IllegalArgumentException("scalar out of range");
        }
        int[] raw = Nat256.fromBigInteger(k);
        int[] kk = new int[9];
        int evenMask = (raw[0] & 1) - 1;  // all ones when k is even
        long carry = 0;
        for (int i = 0; i < 8; i++) {
            carry += (raw[i] & M32) + (N[i] & evenMask & M32);
            kk[i] = (int) carry;
            carry >>>= 32;
        }
        kk[8] = (int) carry;
        int count = digitCount(width);
        int[] digits = new int[count];
        for (int i = 0; i < count; i++) {
            int window = bits(kk, width * i + 1, width);
            digits[i] = i == count - 1 ? 1 + 2 * window : 1 + 2 * window - (1 << width);
        }
        Arrays.fill(raw, 0);
        Arrays.fill(kk, 0);
        return digits;
    }

    private static int bits(int[] k, int position, int length) {
        int word = position >>> 5;
        int shift = position & 31;
        long value = (k[word] & M32) >>> shift;
        if (word + 1 < k.length) {
            value |= (k[word + 1] & M32) << (32 - shift);
        }
        return (int) (value & ((1L << length) - 1));
    }

    // ---- tables -----------------------------------------------------------------------------------------------

    /**
     * The 16 odd multiples P, 3P, ..., 31P of a public point in projective coordinates (24 ints per entry), with the
     * complete formulas of this class: no inversion, no conversion. Public data only.
     */
    private static int[] oddMultiples(ECPoint point, Work w) {
        point = point.normalize();
        int[] table = new int[ENTRIES * 24];
        int[] x = Nat256.fromBigInteger(point.getAffineXCoord().toBigInteger());
        int[] y = Nat256.fromBigInteger(point.getAffineYCoord().toBigInteger());
        System.arraycopy(x, 0, table, 0, 8);
        System.arraycopy(y, 0, table, 8, 8);
        table[16] = 1;
        int[] twiceP = Arrays.copyOf(table, 24);
        twice(twiceP, w);
        int[] r = Arrays.copyOf(table, 24);
        for (int j = 1; j < ENTRIES; j++) {
            addPoint(r, twiceP, w);
            System.arraycopy(r, 0, table, j * 24, 24);
        }
        return table;
    }

    /** The first {@code entries} odd multiples of a public point, affine (x || y, 16 ints each), for G's tables. */
    private static int[] oddMultiplesAffine(ECPoint point, int entries) {
        ECPoint[] multiples = new ECPoint[entries];
        multiples[0] = point.normalize();
        ECPoint twice = point.twice();
        for (int j = 1; j < entries; j++) {
            multiples[j] = multiples[j - 1].add(twice);
        }
        P256.CURVE.normalizeAll(multiples);
        int[] table = new int[entries * 16];
        for (int j = 0; j < entries; j++) {
            store(multiples[j], table, j * 16);
        }
        return table;
    }

    private static int[] fixedBaseTable() {
        int[] table = new int[DIGITS_G * ENTRIES_G * 16];
        ECPoint base = P256.G;
        for (int i = 0; i < DIGITS_G; i++) {
            int[] multiples = oddMultiplesAffine(base, ENTRIES_G);
            System.arraycopy(multiples, 0, table, i * ENTRIES_G * 16, multiples.length);
            base = base.timesPow2(WG).normalize();
        }
        return table;
    }

    /**
     * out = digit·(first entry), from the {@code entries} entries of {@code size} ints (16 affine, 24 projective; Y
     * always at [8, 16)) starting at firstEntry: every entry is read and masked, then Y is negated under a mask when
     * the digit is negative. The digit is odd.
     */
    private static void select(int[] table, int firstEntry, int entries, int size, int digit, int[] out) {
        int sign = digit >> 31;
        int index = (((digit ^ sign) - sign) - 1) >>> 1;
        Arrays.fill(out, 0, size, 0);
        for (int j = 0; j < entries; j++) {
            int mask = ((j ^ index) - 1) >> 31;
            int base = (firstEntry + j) * size;
            for (int t = 0; t < size; t++) {
                out[t] |= table[base + t] & mask;
            }
        }
        // Conditional negation: y = p - y when the digit is negative (y is never 0 on P-256).
        long borrow = 0;
        for (int t = 0; t < 8; t++) {
            borrow += (P[t] & M32) - (out[8 + t] & M32);
            int negated = (int) borrow;
            borrow >>= 32;
            out[8 + t] = (negated & sign) | (out[8 + t] & ~sign);
        }
    }

    private static void store(ECPoint affine, int[] table, int offset) {
        int[] x = Nat256.fromBigInteger(affine.getAffineXCoord().toBigInteger());
        int[] y = Nat256.fromBigInteger(affine.getAffineYCoord().toBigInteger());
        System.arraycopy(x, 0, table, offset, 8);
        System.arraycopy(y, 0, table, offset + 8, 8);
    }

    // ---- points: X at [0, 8), Y at [8, 16), Z at [16, 24) --------------------------------------------------------

    private static void setAffine(int[] r, int[] entry) {
        System.arraycopy(entry, 0, r, 0, 16);
        Arrays.fill(r, 16, 24, 0);
        r[16] = 1;
    }

    /**
     * Projective points to affine with one inversion (Montgomery's trick: prefix products of the Z, one inversion,
     * then back down). A point with Z = 0 is infinity; its Z is replaced by 1 in the products (under a mask), so
     * the others are unaffected. Z = 0 only for a result that is infinity, which the callers treat as public
     * (k = 0 is never used; K = infinity is refused).
     */
    private static ECPoint[] toAffine(int[][] points, Work w) {
        int count = points.length;
        int[][] prefix = new int[count][8];
        int[] acc = new int[8];
        acc[0] = 1;
        boolean[] infinity = new boolean[count];
        for (int n = 0; n < count; n++) {
            int[] z = Arrays.copyOfRange(points[n], 16, 24);
            infinity[n] = Nat256.isZero(z);
            if (infinity[n]) {
                z[0] = 1;
            }
            mul(acc, z, acc, w.tt);
            System.arraycopy(acc, 0, prefix[n], 0, 8);
        }
        int[] inverse = new int[8];
        SecP256R1Field.inv(acc, inverse);
        ECPoint[] out = new ECPoint[count];
        int[] zInv = new int[8];
        int[] x = new int[8];
        int[] y = new int[8];
        for (int n = count - 1; n >= 0; n--) {
            // inverse = 1 / (z_0 ... z_n); zInv = inverse * (z_0 ... z_(n-1)); then drop z_n from inverse
            if (n > 0) {
                mul(inverse, prefix[n - 1], zInv, w.tt);
            } else {
                System.arraycopy(inverse, 0, zInv, 0, 8);
            }
            int[] z = Arrays.copyOfRange(points[n], 16, 24);
            if (infinity[n]) {
                z[0] = 1;
            }
            mul(inverse, z, inverse, w.tt);
            if (infinity[n]) {
                out[n] = P256.CURVE.getInfinity();
                continue;
            }
            mul(points[n], 0, zInv, x, w.tt);
            mul(points[n], 8, zInv, y, w.tt);
            out[n] = P256.CURVE.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y));
        }
        for (int[] a : prefix) {
            Arrays.fill(a, 0);
        }
        Arrays.fill(acc, 0);
        Arrays.fill(inverse, 0);
        Arrays.fill(zInv, 0);
        Arrays.fill(x, 0);
        Arrays.fill(y, 0);
        return out;
    }

    /** r = r + e, both projective (24 ints), complete (RCB algorithm 4, a = -3). */
    static void addPoint(int[] r, int[] e, Work w) {
        int[] x1 = w.x1, y1 = w.y1, z1 = w.z1, x2 = w.x2, y2 = w.y2, z2 = w.z2;
        int[] t0 = w.t0, t1 = w.t1, t2 = w.t2, t3 = w.t3, t4 = w.t4, x3 = w.x3, y3 = w.y3, z3 = w.z3;
        int[] tt = w.tt;
        load(r, e, w);
        System.arraycopy(e, 16, z2, 0, 8);
        mul(x1, x2, t0, tt);
        mul(y1, y2, t1, tt);
        mul(z1, z2, t2, tt);
        fieldAdd(x1, y1, t3, w.scratch);
        fieldAdd(x2, y2, t4, w.scratch);
        mul(t3, t4, t3, tt);
        fieldAdd(t0, t1, t4, w.scratch);
        sub(t3, t4, t3);
        fieldAdd(y1, z1, t4, w.scratch);
        fieldAdd(y2, z2, x3, w.scratch);
        mul(t4, x3, t4, tt);
        fieldAdd(t1, t2, x3, w.scratch);
        sub(t4, x3, t4);
        fieldAdd(x1, z1, x3, w.scratch);
        fieldAdd(x2, z2, y3, w.scratch);
        mul(x3, y3, x3, tt);
        fieldAdd(t0, t2, y3, w.scratch);
        sub(x3, y3, y3);
        finishAddition(r, w);
    }

    /** The operands into the work arrays: r (X, Y, Z) into x1, y1, z1; the entry's first two coordinates into x2, y2. */
    private static void load(int[] r, int[] e, Work w) {
        System.arraycopy(r, 0, w.x1, 0, 8);
        System.arraycopy(r, 8, w.y1, 0, 8);
        System.arraycopy(r, 16, w.z1, 0, 8);
        System.arraycopy(e, 0, w.x2, 0, 8);
        System.arraycopy(e, 8, w.y2, 0, 8);
    }

    /**
     * The second half of RCB algorithms 4 and 5 (they share it; for 5, Z1·Z2 is Z1): from t0 = X1·X2, t1 = Y1·Y2,
     * t2 = Z1·Z2, t3 = X1·Y2 + X2·Y1, t4 = Y1·Z2 + Y2·Z1 and y3 = X1·Z2 + X2·Z1, writes the sum into r.
     */
    private static void finishAddition(int[] r, Work w) {
        int[] t0 = w.t0, t1 = w.t1, t2 = w.t2, t3 = w.t3, t4 = w.t4, x3 = w.x3, y3 = w.y3, z3 = w.z3;
        int[] tt = w.tt;
        mul(B, t2, z3, tt);
        sub(y3, z3, x3);
        fieldAdd(x3, x3, z3, w.scratch);
        fieldAdd(x3, z3, x3, w.scratch);
        sub(t1, x3, z3);
        fieldAdd(t1, x3, x3, w.scratch);
        mul(B, y3, y3, tt);
        fieldAdd(t2, t2, t1, w.scratch);
        fieldAdd(t1, t2, t2, w.scratch);
        sub(y3, t2, y3);
        sub(y3, t0, y3);
        fieldAdd(y3, y3, t1, w.scratch);
        fieldAdd(t1, y3, y3, w.scratch);
        fieldAdd(t0, t0, t1, w.scratch);
        fieldAdd(t1, t0, t0, w.scratch);
        sub(t0, t2, t0);
        mul(t4, y3, t1, tt);
        mul(t0, y3, t2, tt);
        mul(x3, z3, y3, tt);
        fieldAdd(y3, t2, y3, w.scratch);
        mul(t3, x3, x3, tt);
        sub(x3, t1, x3);
        mul(t4, z3, z3, tt);
        mul(t3, t0, t1, tt);
        fieldAdd(z3, t1, z3, w.scratch);
        System.arraycopy(x3, 0, r, 0, 8);
        System.arraycopy(y3, 0, r, 8, 8);
        System.arraycopy(z3, 0, r, 16, 8);
    }

    /** r = r + (x2, y2), complete (RCB algorithm 5, a = -3); (x2, y2) affine, r anything including infinity. */
    static void addMixed(int[] r, int[] e, Work w) {
        int[] x1 = w.x1, y1 = w.y1, z1 = w.z1, x2 = w.x2, y2 = w.y2;
        int[] t0 = w.t0, t1 = w.t1, t2 = w.t2, t3 = w.t3, t4 = w.t4, x3 = w.x3, y3 = w.y3, z3 = w.z3;
        int[] tt = w.tt;
        load(r, e, w);
        mul(x1, x2, t0, tt);
        mul(y1, y2, t1, tt);
        fieldAdd(x2, y2, t3, w.scratch);
        fieldAdd(x1, y1, t4, w.scratch);
        mul(t3, t4, t3, tt);
        fieldAdd(t0, t1, t4, w.scratch);
        sub(t3, t4, t3);
        mul(y2, z1, t4, tt);
        fieldAdd(t4, y1, t4, w.scratch);
        mul(x2, z1, y3, tt);
        fieldAdd(y3, x1, y3, w.scratch);
        System.arraycopy(z1, 0, t2, 0, 8);  // Z1·Z2 with Z2 = 1
        finishAddition(r, w);
    }

    /**
     * r = r + (x2, y2) with r in Jacobian coordinates (X/Z^2, Y/Z^3) and (x2, y2) affine: "madd-2007-bl",
     * 7M + 4S. Not complete: r must not be infinity, (x2, y2) or its opposite (see {@link #multiplyG(BigInteger...)}
     * for why that cannot happen where it is used).
     */
    static void addMixedJacobian(int[] r, int[] e, Work w) {
        int[] x1 = w.x1, y1 = w.y1, z1 = w.z1, x2 = w.x2, y2 = w.y2;
        int[] z1z1 = w.t0, h = w.t1, hh = w.t2, i = w.t3, j = w.t4, rr = w.x3, v = w.y3, t = w.z3;
        int[] tt = w.tt;
        load(r, e, w);
        sqr(z1, z1z1, tt);
        mul(x2, z1z1, h, tt);              // U2
        sub(h, x1, h);                     // H = U2 - X1
        mul(y2, z1, t, tt);
        mul(t, z1z1, t, tt);               // S2
        sub(t, y1, rr);
        fieldAdd(rr, rr, rr, w.scratch);        // r = 2 (S2 - Y1)
        sqr(h, hh, tt);                    // HH
        fieldAdd(hh, hh, i, w.scratch);
        fieldAdd(i, i, i, w.scratch);           // I = 4 HH
        mul(h, i, j, tt);                  // J = H I
        mul(x1, i, v, tt);                 // V = X1 I
        sqr(rr, t, tt);
        sub(t, j, t);
        sub(t, v, t);
        sub(t, v, t);                      // X3 = r^2 - J - 2V
        System.arraycopy(t, 0, r, 0, 8);
        sub(v, t, v);
        mul(rr, v, v, tt);
        mul(y1, j, j, tt);
        fieldAdd(j, j, j, w.scratch);
        sub(v, j, v);                      // Y3 = r (V - X3) - 2 Y1 J
        System.arraycopy(v, 0, r, 8, 8);
        fieldAdd(z1, h, t, w.scratch);
        sqr(t, t, tt);
        sub(t, z1z1, t);
        sub(t, hh, t);                     // Z3 = (Z1 + H)^2 - Z1Z1 - HH
        System.arraycopy(t, 0, r, 16, 8);
    }

    /** Jacobian (X/Z^2, Y/Z^3) to projective (X/Z, Y/Z): (X·Z, Y, Z^3). */
    static void jacobianToProjective(int[] r, Work w) {
        int[] x = w.x1, z = w.z1, z2 = w.t0;
        System.arraycopy(r, 0, x, 0, 8);
        System.arraycopy(r, 16, z, 0, 8);
        sqr(z, z2, w.tt);
        mul(x, z, x, w.tt);
        mul(z2, z, z2, w.tt);
        System.arraycopy(x, 0, r, 0, 8);
        System.arraycopy(z2, 0, r, 16, 8);
    }

    /**
     * r = 2^times · r. The doublings run in Jacobian coordinates (a = -3 "dbl-2001-b", 3M + 5S), which have no
     * exceptional input on a curve of prime order once infinity is written (1 : 1 : 0): projective (X : Y : Z) goes
     * to Jacobian (XZ, YZ^2, Z) with (1, 1) put in under a mask when Z = 0, and comes back as (XZ, Y, Z^3).
     */
    static void timesPow2(int[] r, int times, Work w) {
        int[] x = w.x1, y = w.y1, z = w.z1;
        int[] delta = w.t0, gamma = w.t1, beta = w.t2, alpha = w.t3, t = w.t4;
        int[] tt = w.tt;
        System.arraycopy(r, 16, z, 0, 8);
        sqr(z, t, tt);
        mul(r, 0, z, x, tt);
        mul(r, 8, t, y, tt);
        int acc = 0;
        for (int i = 0; i < 8; i++) {
            acc |= z[i];
        }
        int infinity = ~((acc | -acc) >> 31);
        x[0] = (1 & infinity) | (x[0] & ~infinity);
        y[0] = (1 & infinity) | (y[0] & ~infinity);
        for (int n = 0; n < times; n++) {
            sqr(z, delta, tt);
            sqr(y, gamma, tt);
            mul(x, gamma, beta, tt);
            sub(x, delta, t);
            fieldAdd(x, delta, alpha, w.scratch);
            mul(t, alpha, alpha, tt);
            fieldAdd(alpha, alpha, t, w.scratch);
            fieldAdd(alpha, t, alpha, w.scratch);      // alpha = 3 (x - delta)(x + delta)
            fieldAdd(y, z, z, w.scratch);
            sqr(z, z, tt);
            sub(z, gamma, z);
            sub(z, delta, z);                     // z3 = (y + z)^2 - gamma - delta
            fieldAdd(beta, beta, beta, w.scratch);
            fieldAdd(beta, beta, beta, w.scratch);     // beta = 4 beta
            sqr(alpha, x, tt);
            sub(x, beta, x);
            sub(x, beta, x);                      // x3 = alpha^2 - 8 beta
            sub(beta, x, beta);
            mul(alpha, beta, y, tt);
            sqr(gamma, gamma, tt);
            fieldAdd(gamma, gamma, gamma, w.scratch);
            fieldAdd(gamma, gamma, gamma, w.scratch);
            fieldAdd(gamma, gamma, gamma, w.scratch);  // 8 gamma^2
            sub(y, gamma, y);                     // y3 = alpha (4 beta - x3) - 8 gamma^2
        }
        sqr(z, t, tt);
        mul(x, z, x, tt);
        mul(t, z, t, tt);
        System.arraycopy(x, 0, r, 0, 8);
        System.arraycopy(y, 0, r, 8, 8);
        System.arraycopy(t, 0, r, 16, 8);
    }

    /** r = 2r, complete (RCB algorithm 6, a = -3). */
    static void twice(int[] r, Work w) {
        int[] x = w.x1, y = w.y1, z = w.z1;
        int[] t0 = w.t0, t1 = w.t1, t2 = w.t2, t3 = w.t3, x3 = w.x3, y3 = w.y3, z3 = w.z3;
        int[] tt = w.tt;
        System.arraycopy(r, 0, x, 0, 8);
        System.arraycopy(r, 8, y, 0, 8);
        System.arraycopy(r, 16, z, 0, 8);
        sqr(x, t0, tt);
        sqr(y, t1, tt);
        sqr(z, t2, tt);
        mul(x, y, t3, tt);
        fieldAdd(t3, t3, t3, w.scratch);
        mul(x, z, z3, tt);
        fieldAdd(z3, z3, z3, w.scratch);
        mul(B, t2, y3, tt);
        sub(y3, z3, y3);
        fieldAdd(y3, y3, x3, w.scratch);
        fieldAdd(x3, y3, y3, w.scratch);
        sub(t1, y3, x3);
        fieldAdd(t1, y3, y3, w.scratch);
        mul(x3, y3, y3, tt);
        mul(x3, t3, x3, tt);
        fieldAdd(t2, t2, t3, w.scratch);
        fieldAdd(t2, t3, t2, w.scratch);
        mul(B, z3, z3, tt);
        sub(z3, t2, z3);
        sub(z3, t0, z3);
        fieldAdd(z3, z3, t3, w.scratch);
        fieldAdd(z3, t3, z3, w.scratch);
        fieldAdd(t0, t0, t3, w.scratch);
        fieldAdd(t3, t0, t0, w.scratch);
        sub(t0, t2, t0);
        mul(t0, z3, t0, tt);
        fieldAdd(y3, t0, y3, w.scratch);
        mul(y, z, t0, tt);
        fieldAdd(t0, t0, t0, w.scratch);
        mul(t0, z3, z3, tt);
        sub(x3, z3, x3);
        mul(t0, t1, z3, tt);
        fieldAdd(z3, z3, z3, w.scratch);
        fieldAdd(z3, z3, z3, w.scratch);
        System.arraycopy(x3, 0, r, 0, 8);
        System.arraycopy(y3, 0, r, 8, 8);
        System.arraycopy(z3, 0, r, 16, 8);
    }

    // ---- field: values in [0, p) as 8 little-endian 32-bit words ------------------------------------------------

    private static void mul(int[] x, int[] y, int[] z, int[] tt) {
        SecP256R1Field.multiply(x, y, z, tt);
    }

    /** z = r[offset .. offset + 8) · y. */
    private static void mul(int[] r, int offset, int[] y, int[] z, int[] tt) {
        int[] x = new int[8];
        System.arraycopy(r, offset, x, 0, 8);
        SecP256R1Field.multiply(x, y, z, tt);
    }

    private static void sqr(int[] x, int[] z, int[] tt) {
        SecP256R1Field.square(x, z, tt);
    }

    /**
     * z = x + y mod p without branches: the sum goes to z, sum - p to the scratch array, and a mask keeps one
     * (sum - p when the sum overflowed 2^256 or did not borrow against p). z may be x or y.
     */
    static void fieldAdd(int[] x, int[] y, int[] z, int[] scratch) {
        long carry = 0;
        long borrow = 0;
        for (int i = 0; i < 8; i++) {
            carry += (x[i] & M32) + (y[i] & M32);
            int sum = (int) carry;
            carry >>>= 32;
            borrow += (sum & M32) - (P[i] & M32);
            scratch[i] = (int) borrow;
            borrow >>= 32;
            z[i] = sum;
        }
        int keepReduced = -(int) (carry | (borrow + 1));
        for (int i = 0; i < 8; i++) {
            z[i] = (scratch[i] & keepReduced) | (z[i] & ~keepReduced);
        }
    }

    /** z = x - y mod p without branches: p is added under a mask when the difference borrowed. z may be x or y. */
    static void sub(int[] x, int[] y, int[] z) {
        long borrow = 0;
        for (int i = 0; i < 8; i++) {
            borrow += (x[i] & M32) - (y[i] & M32);
            z[i] = (int) borrow;
            borrow >>= 32;
        }
        int addP = (int) borrow;  // -1 when x < y
        long carry = 0;
        for (int i = 0; i < 8; i++) {
            carry += (z[i] & M32) + (P[i] & addP & M32);
            z[i] = (int) carry;
            carry >>>= 32;
        }
    }

    /** Scratch space of one multiplication; never shared between threads. */
    static final class Work {
        final int[] tt = new int[16];
        final int[] scratch = new int[8];
        final int[] entry = new int[24];
        final int[] x1 = new int[8], y1 = new int[8], z1 = new int[8], x2 = new int[8], y2 = new int[8], z2 = new int[8];
        final int[] t0 = new int[8], t1 = new int[8], t2 = new int[8], t3 = new int[8], t4 = new int[8];
        final int[] x3 = new int[8], y3 = new int[8], z3 = new int[8];
        void wipe() {
            for (int[] a : new int[][] {tt, scratch, entry, x1, y1, z1, x2, y2, z2, t0, t1, t2, t3, t4, x3, y3, z3}) {
                Arrays.fill(a, 0);
            }
        }
    }
}
