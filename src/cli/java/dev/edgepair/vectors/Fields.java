package dev.edgepair.vectors;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to vector fields; a missing or ill-typed field is a {@link VectorFailure}, never a crash. */
final class Fields {
    private Fields() {
    }

    static JsonNode node(JsonNode v, String field) throws VectorFailure {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) {
            throw new VectorFailure("bad vector: missing field '" + field + "'");
        }
        return n;
    }

    static String text(JsonNode v, String field) throws VectorFailure {
        JsonNode n = node(v, field);
        if (!n.isTextual()) {
            throw new VectorFailure("bad vector: field '" + field + "' is not a string");
        }
        return n.asText();
    }

    static int integer(JsonNode v, String field) throws VectorFailure {
        JsonNode n = node(v, field);
        if (!n.isInt()) {
            throw new VectorFailure("bad vector: field '" + field + "' is not an integer");
        }
        return n.asInt();
    }

    static byte[] hex(JsonNode v, String field) throws VectorFailure {
        String s = text(v, field);
        if (!s.equals(s.toLowerCase(java.util.Locale.ROOT))) {
            throw new VectorFailure("bad vector: field '" + field + "' is not lowercase hex");
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new VectorFailure("bad vector: field '" + field + "' is not hex");
        }
    }

    static BigInteger scalar(JsonNode v, String field) throws VectorFailure {
        return new BigInteger(1, hex(v, field));
    }

    static byte[] ascii(JsonNode v, String field) throws VectorFailure {
        return text(v, field).getBytes(StandardCharsets.US_ASCII);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
