package dev.edgepair.cli;

import java.io.ByteArrayInputStream;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.CborException;
import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.NegativeInteger;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;

/** {@code --json} output: one JSON document on standard output (strings escaped by JSON, so terminal-safe). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static void print(JsonNode node) {
        try {
            System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CBOR body as JSON: maps with text keys, arrays, text, integers, booleans, null; bytes as hex. */
    static JsonNode fromCbor(byte[] cbor) {
        try {
            List<DataItem> items = new CborDecoder(new ByteArrayInputStream(cbor)).decode();
            return items.size() == 1 ? node(items.get(0)) : NODES.nullNode();
        } catch (CborException e) {
            return NODES.textNode("<bad CBOR: " + e.getMessage() + ">");
        }
    }

    private static JsonNode node(DataItem d) {
        if (d instanceof co.nstant.in.cbor.model.Map m) {
            ObjectNode o = NODES.objectNode();
            for (DataItem k : m.getKeys()) {
                o.set(k instanceof UnicodeString u ? u.getString() : k.toString(), node(m.get(k)));
            }
            return o;
        }
        if (d instanceof Array a) {
            ArrayNode arr = NODES.arrayNode();
            a.getDataItems().forEach(i -> arr.add(node(i)));
            return arr;
        }
        if (d instanceof UnicodeString u) {
            return NODES.textNode(u.getString());
        }
        if (d instanceof UnsignedInteger i) {
            return NODES.numberNode(i.getValue());
        }
        if (d instanceof NegativeInteger i) {
            return NODES.numberNode(i.getValue());
        }
        if (d instanceof ByteString b) {
            return NODES.textNode(java.util.HexFormat.of().formatHex(b.getBytes()));
        }
        if (d instanceof SimpleValue v) {
            return switch (v.getSimpleValueType()) {
                case TRUE -> NODES.booleanNode(true);
                case FALSE -> NODES.booleanNode(false);
                default -> NODES.nullNode();
            };
        }
        return NODES.textNode(d.toString());
    }
}
