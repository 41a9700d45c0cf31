package dev.edgepair.iam;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One condition of a statement, Nabto Edge style: {@code {"StringEquals": {"IAM:Username": ["${Connection:Username}"]}}}.
 * It holds when the attribute is present and the operator holds for any one of the values; a value {@code ${Name}}
 * is the attribute {@code Name} (a missing variable never matches). A numeric or Bool comparison of a value that is
 * not a number or a boolean is an {@link Outcome#ERROR}, which denies the request.
 *
 * @param operator how the attribute is compared
 * @param attribute the name of the attribute compared, for example {@code IAM:Username}
 * @param values the values compared with, literal or {@code ${Name}}; any one matching is enough
 */
public record Condition(Operator operator, String attribute, List<String> values) {
    /** The comparison operators of Nabto Edge IAM conditions; numbers compare as decimals. */
    public enum Operator {
        /** The attribute equals a value, as text. */
        STRING_EQUALS("StringEquals"),
        /** The attribute differs from a value, as text. */
        STRING_NOT_EQUALS("StringNotEquals"),
        /** The attribute equals a value, as numbers. */
        NUMERIC_EQUALS("NumericEquals"),
        /** The attribute differs from a value, as numbers. */
        NUMERIC_NOT_EQUALS("NumericNotEquals"),
        /** The attribute is less than a value. */
        NUMERIC_LESS_THAN("NumericLessThan"),
        /** The attribute is less than or equal to a value. */
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals"),
        /** The attribute is greater than a value. */
        NUMERIC_GREATER_THAN("NumericGreaterThan"),
        /** The attribute is greater than or equal to a value. */
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals"),
        /** The attribute and a value are the same boolean ({@code true} or {@code false}). */
        BOOL("Bool");

        private final String json;

        Operator(String json) {
            this.json = json;
        }

        /**
         * The operator's name in an IAM config file.
         *
         * @return for example {@code StringEquals}
         */
        public String json() {
            return json;
        }

        static Operator parse(String name) {
            for (Operator op : values()) {
                if (op.json.equals(name)) {
                    return op;
                }
            }
            return null;
        }
    }

    /** What a condition says about a request. */
    public enum Outcome {
        /** The condition holds. */
        MATCH,
        /** The condition does not hold (or the attribute is missing). */
        NO_MATCH,
        /** A value could not be compared (not a number, not a boolean): the request is denied. */
        ERROR
    }

    /**
     * A condition; {@code values} is copied.
     *
     * @param operator how the attribute is compared
     * @param attribute the name of the attribute compared
     * @param values the values compared with
     */
    public Condition {
        values = List.copyOf(values);
    }

    /**
     * Evaluates the condition for a request.
     *
     * @param attributes the request's attributes (connection, user, endpoint), by name
     * @return whether it holds, or {@link Outcome#ERROR}
     */
    public Outcome evaluate(Map<String, String> attributes) {
        String actual = attributes.get(attribute);
        if (actual == null) {
            return Outcome.NO_MATCH;
        }
        for (String value : values) {
            String expected = resolve(value, attributes);
            if (expected == null) {
                continue;
            }
            Outcome o = compare(actual, expected);
            if (o != Outcome.NO_MATCH) {
                return o;
            }
        }
        return Outcome.NO_MATCH;
    }

    private static String resolve(String value, Map<String, String> attributes) {
        if (value.length() >= 3 && value.startsWith("${") && value.endsWith("}")) {
            return attributes.get(value.substring(2, value.length() - 1));
        }
        return value;
    }

    private Outcome compare(String lhs, String rhs) {
        switch (operator) {
            case STRING_EQUALS:
                return of(lhs.equals(rhs));
            case STRING_NOT_EQUALS:
                return of(!lhs.equals(rhs));
            case BOOL: {
                Boolean a = bool(lhs);
                Boolean b = bool(rhs);
                return a == null || b == null ? Outcome.ERROR : of(a.equals(b));
            }
            default: {
                BigDecimal a = number(lhs);
                BigDecimal b = number(rhs);
                if (a == null || b == null) {
                    return Outcome.ERROR;
                }
                int c = a.compareTo(b);
                return of(switch (operator) {
                    case NUMERIC_EQUALS -> c == 0;
                    case NUMERIC_NOT_EQUALS -> c != 0;
                    case NUMERIC_LESS_THAN -> c < 0;
                    case NUMERIC_LESS_THAN_EQUALS -> c <= 0;
                    case NUMERIC_GREATER_THAN -> c > 0;
                    default -> c >= 0;
                });
            }
        }
    }

    private static Outcome of(boolean b) {
        return b ? Outcome.MATCH : Outcome.NO_MATCH;
    }

    private static Boolean bool(String s) {
        return "true".equals(s) ? Boolean.TRUE : "false".equals(s) ? Boolean.FALSE : null;
    }

    private static BigDecimal number(String s) {
        if (s.length() > 64) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
