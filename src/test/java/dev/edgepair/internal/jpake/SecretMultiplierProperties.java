package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafL2RMultiplier;
import org.bouncycastle.math.raw.Nat256;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.Example;

import dev.edgepair.tags.Unit;

/**
 * spec/jpake.md "Scalar multiplication": EdgePair's multipliers for secret scalars against Bouncy Castle's
 * variable-time wNAF multiplier as the reference, including the inputs where incomplete formulas would go wrong
 * (equal, opposite and related points, intermediate sums at infinity) and the extreme scalars.
 */
@Unit
class SecretMultiplierProperties {
    private static final BigInteger N = P256.N;
    private static final BigInteger P = P256.P;
    private static final WNafL2RMultiplier REFERENCE = new WNafL2RMultiplier();

    @Provide
    Arbitrary<BigInteger> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, N.subtract(BigInteger.ONE)),
                Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(31),
                        BigInteger.valueOf(32), BigInteger.valueOf(33), N.subtract(BigInteger.ONE),
                        N.subtract(BigInteger.TWO), N.shiftRight(1), BigInteger.ONE.shiftLeft(255),
                        BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(128),
                        N.subtract(BigInteger.ONE.shiftLeft(128))));
    }

    @Provide
    Arbitrary<BigInteger> fieldElements() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, P.subtract(BigInteger.ONE)),
                Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO),
                        BigInteger.ONE.shiftLeft(224), BigInteger.ONE.shiftLeft(255)));
    }

    private static ECPoint reference(ECPoint point, BigInteger k) {
        return REFERENCE.multiply(point, k).normalize();
    }

    private static ECPoint pointFrom(BigInteger k) {
        return reference(P256.G, k.mod(N).signum() == 0 ? BigInteger.ONE : k.mod(N));
    }

    @Property(tries = 300)
    void fixedBaseMatchesTheReference(@ForAll("scalars") BigInteger k) {
        assertThat(SecretMultiplier.multiplyG(k)).isEqualTo(reference(P256.G, k));
    }

    @Property(tries = 100)
    void aBatchEqualsSingleMultiplications(@ForAll("scalars") BigInteger a, @ForAll("scalars") BigInteger b,
                                           @ForAll("scalars") BigInteger c) {
        ECPoint[] batch = SecretMultiplier.multiplyG(a, b, c);
        assertThat(batch).containsExactly(reference(P256.G, a), reference(P256.G, b), reference(P256.G, c));
    }

    @Example
    void zeroIsInfinityOnlyForItsOwnSlotOfABatch() {
        ECPoint[] batch = SecretMultiplier.multiplyG(BigInteger.ONE, BigInteger.ZERO, N.subtract(BigInteger.ONE));
        assertThat(batch[0]).isEqualTo(P256.G);
        assertThat(batch[1].isInfinity()).isTrue();
        assertThat(batch[2]).isEqualTo(P256.G.negate());
    }

    @Property(tries = 200)
    void sumOfTwoMatchesTheReference(@ForAll("scalars") BigInteger a, @ForAll("scalars") BigInteger b,
                                     @ForAll("scalars") BigInteger p, @ForAll("scalars") BigInteger q) {
        ECPoint pp = pointFrom(p);
        ECPoint qq = pointFrom(q);
        assertThat(SecretMultiplier.sumOfTwoMultiplies(pp, a, qq, b))
                .isEqualTo(reference(pp, a).add(reference(qq, b)).normalize());
    }

    /**
     * A peer may send points with a known relation (B = c·X4 for a small c of its choice): then intermediate sums
     * hit equal points, opposite points and infinity. The complete formulas must still give the right point.
     */
    @Property(tries = 300)
    void relatedPointsAndCancellingScalarsStillGiveTheRightPoint(
            @ForAll("scalars") BigInteger p, @ForAll @IntRange(min = -3, max = 3) int relation,
            @ForAll("scalars") BigInteger a, @ForAll @IntRange(min = 0, max = 3) int scalarRelation) {
        ECPoint pp = pointFrom(p);
        ECPoint qq = relation == 0 ? pp.twice().normalize() : reference(pp, BigInteger.valueOf(relation).mod(N));
        BigInteger b = switch (scalarRelation) {
            case 0 -> a;                                  // equal digits: sums of equal or opposite points
            case 1 -> N.subtract(a).mod(N);               // opposite digits: intermediate sums at infinity
            case 2 -> a.add(BigInteger.ONE).mod(N);
            default -> a.shiftRight(5);
        };
        ECPoint expected = reference(pp, a).add(reference(qq, b)).normalize();
        assertThat(SecretMultiplier.sumOfTwoMultiplies(pp, a, qq, b)).isEqualTo(expected);
    }

    @Property(tries = 100)
    void theRoundTwoCombMatchesTheReference(@ForAll("scalars") BigInteger base, @ForAll("scalars") BigInteger a,
                                            @ForAll("scalars") BigInteger b) {
        ECPoint point = pointFrom(base);
        assertThat(BaseComb.multiply(point, a, b)).containsExactly(reference(point, a), reference(point, b));
    }

    @Example
    void aSumThatCancelsIsInfinity() {
        BigInteger a = new BigInteger("1234567890abcdef1234567890abcdef", 16);
        assertThat(SecretMultiplier.sumOfTwoMultiplies(P256.G, a, P256.G.negate(), a).isInfinity()).isTrue();
        assertThat(SecretMultiplier.sumOfTwoMultiplies(P256.G, a, P256.G, N.subtract(a)).isInfinity()).isTrue();
    }

    @Property(tries = 500)
    void recodingIsOddSignedDigitsSummingToTheScalar(@ForAll("scalars") BigInteger k,
                                                     @ForAll @IntRange(min = 4, max = 7) int width) {
        int[] digits = SecretMultiplier.recode(k, width);
        BigInteger sum = BigInteger.ZERO;
        for (int i = digits.length - 1; i >= 0; i--) {
            assertThat(Math.abs(digits[i]) % 2).as("digit %d is odd", i).isEqualTo(1);
            assertThat(Math.abs(digits[i])).isLessThan(1 << width);
            sum = sum.shiftLeft(width).add(BigInteger.valueOf(digits[i]));
        }
        assertThat(digits[digits.length - 1]).isPositive();
        assertThat(digits.length * width).isGreaterThanOrEqualTo(257);
        assertThat(sum.mod(N)).isEqualTo(k);
    }

    @Example
    void scalarsOutsideTheGroupOrderAreRefused() {
        assertThatThrownBy(() -> SecretMultiplier.multiplyG(N)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretMultiplier.multiplyG(BigInteger.ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void theCombRefusesScalarsOutsideTheGroupOrder() {
        assertThatThrownBy(() -> BaseComb.multiply(P256.G, N)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BaseComb.multiply(P256.G, BigInteger.ONE, BigInteger.ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BaseComb.multiply(P256.G, N.subtract(BigInteger.ONE), BigInteger.ZERO))
                .containsExactly(P256.G.negate(), P256.CURVE.getInfinity());
    }

    @Property(tries = 500)
    void fieldAdditionAndSubtractionAreExactModP(@ForAll("fieldElements") BigInteger x,
                                                 @ForAll("fieldElements") BigInteger y) {
        int[] sum = new int[8];
        int[] difference = new int[8];
        SecretMultiplier.fieldAdd(Nat256.fromBigInteger(x), Nat256.fromBigInteger(y), sum, new int[8]);
        SecretMultiplier.sub(Nat256.fromBigInteger(x), Nat256.fromBigInteger(y), difference);
        assertThat(Nat256.toBigInteger(sum)).isEqualTo(x.add(y).mod(P));
        assertThat(Nat256.toBigInteger(difference)).isEqualTo(x.subtract(y).mod(P));
    }
}
