package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

import dev.edgepair.iam.Condition.Operator;
import dev.edgepair.iam.Condition.Outcome;
import dev.edgepair.tags.Unit;

/** The condition operators, against their definitions, for any values. */
@Unit
class ConditionProperties {
    private static Outcome eval(Operator op, String actual, String expected) {
        return new Condition(op, "A", List.of(expected)).evaluate(Map.of("A", actual));
    }

    @Property
    void stringEqualsAndNotEqualsAreComplementary(@ForAll @StringLength(max = 12) String a,
                                                  @ForAll @StringLength(max = 12) String b) {
        assertThat(eval(Operator.STRING_EQUALS, a, b) == Outcome.MATCH).isEqualTo(a.equals(b));
        assertThat(eval(Operator.STRING_NOT_EQUALS, a, b) == Outcome.MATCH).isEqualTo(!a.equals(b));
    }

    @Property
    void numericOperatorsAgreeWithNumberOrder(@ForAll long a, @ForAll long b) {
        int c = Long.compare(a, b);
        String x = Long.toString(a);
        String y = Long.toString(b);
        assertThat(eval(Operator.NUMERIC_EQUALS, x, y) == Outcome.MATCH).isEqualTo(c == 0);
        assertThat(eval(Operator.NUMERIC_NOT_EQUALS, x, y) == Outcome.MATCH).isEqualTo(c != 0);
        assertThat(eval(Operator.NUMERIC_LESS_THAN, x, y) == Outcome.MATCH).isEqualTo(c < 0);
        assertThat(eval(Operator.NUMERIC_LESS_THAN_EQUALS, x, y) == Outcome.MATCH).isEqualTo(c <= 0);
        assertThat(eval(Operator.NUMERIC_GREATER_THAN, x, y) == Outcome.MATCH).isEqualTo(c > 0);
        assertThat(eval(Operator.NUMERIC_GREATER_THAN_EQUALS, x, y) == Outcome.MATCH).isEqualTo(c >= 0);
    }

    @Property
    void numbersCompareByValueNotSpelling(@ForAll @net.jqwik.api.constraints.DoubleRange(min = -1e6, max = 1e6) double d) {
        BigDecimal v = BigDecimal.valueOf(d);
        assertThat(eval(Operator.NUMERIC_EQUALS, v.toPlainString(), v.toString())).isEqualTo(Outcome.MATCH);
    }

    @Property
    void nonNumbersAreErrorsForNumericOperators(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String word,
                                                @ForAll Operator op) {
        net.jqwik.api.Assume.that(op != Operator.STRING_EQUALS && op != Operator.STRING_NOT_EQUALS
                && op != Operator.BOOL);
        net.jqwik.api.Assume.that(!word.equalsIgnoreCase("e"));
        assertThat(eval(op, word, "1")).isEqualTo(Outcome.ERROR);
    }

    @Property
    void boolMatchesOnlyTrueAndFalse(@ForAll boolean a, @ForAll boolean b, @ForAll @StringLength(max = 6) String junk) {
        assertThat(eval(Operator.BOOL, Boolean.toString(a), Boolean.toString(b)) == Outcome.MATCH).isEqualTo(a == b);
        net.jqwik.api.Assume.that(!junk.equals("true") && !junk.equals("false"));
        assertThat(eval(Operator.BOOL, junk, "true")).isEqualTo(Outcome.ERROR);
    }

    @Property
    void aMissingAttributeNeverMatches(@ForAll Operator op, @ForAll @StringLength(max = 8) String value) {
        assertThat(new Condition(op, "A", List.of(value)).evaluate(Map.of())).isEqualTo(Outcome.NO_MATCH);
    }

    @Property
    void variablesResolveToOtherAttributes(@ForAll @StringLength(max = 10) String a,
                                           @ForAll @StringLength(max = 10) String b) {
        Condition c = new Condition(Operator.STRING_EQUALS, "IAM:Username", List.of("${Connection:Username}"));
        Outcome o = c.evaluate(Map.of("IAM:Username", a, "Connection:Username", b));
        assertThat(o == Outcome.MATCH).isEqualTo(a.equals(b));
    }

    @Property
    void anyOfSeveralValuesSuffices(@ForAll @StringLength(max = 6) String a, @ForAll @StringLength(max = 6) String b) {
        Condition c = new Condition(Operator.STRING_EQUALS, "A", List.of(b, a));
        assertThat(c.evaluate(Map.of("A", a))).isEqualTo(Outcome.MATCH);
    }
}
