package dev.edgepair.internal.jpake;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;

/**
 * Secret scalars times one public base that is used for only a few multiplications (the round-two base, twice):
 * Bouncy Castle's fixed-point comb ({@code FixedPointCombMultiplier}) with a 4-bit comb instead of its 6-bit one,
 * whose 64-entry table costs more to build than two multiplications save. The table (16 entries, built from the
 * public base only) lives for the call. Each multiplication is 64 steps of one doubling plus one addition of an entry
 * read with Bouncy Castle's constant-time lookup (every entry is read); the entry index is computed from the scalar
 * bits without branches, and entry 0 is not infinity (the comb's signed-digit offset), so the sequence of point
 * operations does not depend on the scalar.
 */
final class BaseComb {
    private static final int WIDTH = 4;
    private static final int BITS = 256;
    private static final int TEETH_SPACING = (BITS + WIDTH - 1) / WIDTH;

    private BaseComb() {
    }

    /** scalars[i]·base for every scalar in [0, n), normalized together (one inversion). */
    static ECPoint[] multiply(ECPoint base, BigInteger... scalars) {
        ECCurve curve = base.getCurve();
        int d = TEETH_SPACING;
        ECPoint[] pow2 = new ECPoint[WIDTH + 1];
        pow2[0] = base;
        for (int i = 1; i < WIDTH; i++) {
            pow2[i] = pow2[i - 1].timesPow2(d);
        }
        pow2[WIDTH] = pow2[0].subtract(pow2[1]);
        curve.normalizeAll(pow2);
        ECPoint[] entries = new ECPoint[1 << WIDTH];
        entries[0] = pow2[0];
        for (int bit = WIDTH - 1; bit >= 0; bit--) {
            int step = 1 << bit;
            for (int i = step; i < entries.length; i += step << 1) {
                entries[i] = entries[i - step].add(pow2[bit]);
            }
        }
        curve.normalizeAll(entries);
        ECLookupTable table = curve.createCacheSafeLookupTable(entries, 0, entries.length);
        ECPoint offset = pow2[WIDTH];

        ECPoint[] out = new ECPoint[scalars.length];
        int full = d * WIDTH;
        for (int s = 0; s < scalars.length; s++) {
            if (scalars[s].signum() < 0 || scalars[s].compareTo(P256.N) >= 0) {
                throw new IllegalArgumentException("scalar out of range");
            }
            int[] k = Nat.fromBigInteger(full, scalars[s]);
            ECPoint r = curve.getInfinity();
            for (int i = 0; i < d; i++) {
                int index = 0;
                for (int j = full - 1 - i; j >= 0; j -= d) {
                    int bit = k[j >>> 5] >>> (j & 0x1F);
                    index ^= bit >>> 1;
                    index <<= 1;
                    index ^= bit;
                }
                r = r.twicePlus(table.lookup(index));
            }
            java.util.Arrays.fill(k, 0);
            out[s] = r.add(offset);
        }
        curve.normalizeAll(out);
        return out;
    }
}
