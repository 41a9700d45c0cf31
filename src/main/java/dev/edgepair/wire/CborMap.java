package dev.edgepair.wire;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.MajorType;
import co.nstant.in.cbor.model.SimpleValue;
import co.nstant.in.cbor.model.SimpleValueType;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;

/**
 * A decoded CBOR map with text keys and typed, checked getters. Every getter names the field in its error, so a
 * 4.00 diagnostic says what was wrong. Build outgoing maps with {@link #builder()}.
 */
public final class CborMap {
    private final Map<String, DataItem> fields;
    private final co.nstant.in.cbor.model.Map item;

    private CborMap(Map<String, DataItem> fields, co.nstant.in.cbor.model.Map item) {
        this.fields = fields;
        this.item = item;
    }

    static CborMap wrap(co.nstant.in.cbor.model.Map map) throws WireException {
        Map<String, DataItem> fields = new LinkedHashMap<>();
        for (DataItem key : map.getKeys()) {
            if (!(key instanceof UnicodeString)) {
                throw new WireException("map keys must be text");
            }
            fields.put(((UnicodeString) key).getString(), map.get(key));
        }
        return new CborMap(Collections.unmodifiableMap(fields), map);
    }

    co.nstant.in.cbor.model.Map item() {
        return item;
    }

    public Set<String> keys() {
        return fields.keySet();
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** Rejects any key not in {@code allowed}: a misspelt field is an error, not silently ignored. */
    public CborMap onlyKeys(String... allowed) throws WireException {
        Set<String> ok = Set.of(allowed);
        for (String key : fields.keySet()) {
            if (!ok.contains(key)) {
                throw new WireException("unknown field " + printable(key));
            }
        }
        return this;
    }

    public String text(String key, int maxLength) throws WireException {
        DataItem v = required(key);
        if (!(v instanceof UnicodeString)) {
            throw new WireException(key + " must be text");
        }
        String s = ((UnicodeString) v).getString();
        if (s.length() > maxLength) {
            throw new WireException(key + " longer than " + maxLength + " characters");
        }
        return s;
    }

    public Optional<String> optionalText(String key, int maxLength) throws WireException {
        return has(key) ? Optional.of(text(key, maxLength)) : Optional.empty();
    }

    public byte[] bytes(String key, int minLength, int maxLength) throws WireException {
        DataItem v = required(key);
        if (!(v instanceof ByteString)) {
            throw new WireException(key + " must be a byte string");
        }
        byte[] b = ((ByteString) v).getBytes();
        if (b.length < minLength || b.length > maxLength) {
            throw new WireException(key + " must be " + (minLength == maxLength ? minLength
                    : minLength + ".." + maxLength) + " bytes");
        }
        return b;
    }

    public long unsigned(String key, long max) throws WireException {
        DataItem v = required(key);
        if (!(v instanceof UnsignedInteger)) {
            throw new WireException(key + " must be an unsigned integer");
        }
        BigInteger value = ((UnsignedInteger) v).getValue();
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new WireException(key + " larger than " + max);
        }
        return value.longValue();
    }

    public boolean bool(String key) throws WireException {
        DataItem v = required(key);
        // Compare types, not the shared singletons: cbor-java lets a decoded tag stick to SimpleValue.TRUE.
        if (v instanceof SimpleValue && ((SimpleValue) v).getSimpleValueType() == SimpleValueType.TRUE) {
            return true;
        }
        if (v instanceof SimpleValue && ((SimpleValue) v).getSimpleValueType() == SimpleValueType.FALSE) {
            return false;
        }
        throw new WireException(key + " must be true or false");
    }

    public CborMap map(String key) throws WireException {
        DataItem v = required(key);
        if (v.getMajorType() != MajorType.MAP) {
            throw new WireException(key + " must be a map");
        }
        return wrap((co.nstant.in.cbor.model.Map) v);
    }

    public List<String> textList(String key, int maxItems, int maxLength) throws WireException {
        List<String> out = new ArrayList<>();
        for (DataItem item : items(key, maxItems)) {
            if (!(item instanceof UnicodeString)
                    || ((UnicodeString) item).getString().length() > maxLength) {
                throw new WireException(key + " must hold text of at most " + maxLength + " characters");
            }
            out.add(((UnicodeString) item).getString());
        }
        return List.copyOf(out);
    }

    public List<CborMap> mapList(String key, int maxItems) throws WireException {
        List<CborMap> out = new ArrayList<>();
        for (DataItem item : items(key, maxItems)) {
            if (!(item instanceof co.nstant.in.cbor.model.Map)) {
                throw new WireException(key + " must hold maps");
            }
            out.add(wrap((co.nstant.in.cbor.model.Map) item));
        }
        return List.copyOf(out);
    }

    private List<DataItem> items(String key, int maxItems) throws WireException {
        DataItem v = required(key);
        if (!(v instanceof Array)) {
            throw new WireException(key + " must be an array");
        }
        List<DataItem> items = ((Array) v).getDataItems();
        if (items.size() > maxItems) {
            throw new WireException(key + " has more than " + maxItems + " items");
        }
        return items;
    }

    private DataItem required(String key) throws WireException {
        DataItem v = fields.get(key);
        if (v == null) {
            throw new WireException("missing field " + key);
        }
        return v;
    }

    /** CBOR diagnostic notation (RFC 8949 section 8), byte strings as h'..'; for people, not for parsing. */
    @Override
    public String toString() {
        return diagnostic(item);
    }

    private static String diagnostic(DataItem d) {
        if (d instanceof co.nstant.in.cbor.model.Map m) {
            StringBuilder sb = new StringBuilder("{");
            for (DataItem k : m.getKeys()) {
                sb.append(sb.length() > 1 ? ", " : "").append(diagnostic(k)).append(": ").append(diagnostic(m.get(k)));
            }
            return sb.append('}').toString();
        }
        if (d instanceof Array a) {
            StringBuilder sb = new StringBuilder("[");
            for (DataItem i : a.getDataItems()) {
                sb.append(sb.length() > 1 ? ", " : "").append(diagnostic(i));
            }
            return sb.append(']').toString();
        }
        if (d instanceof UnicodeString u) {
            return '"' + u.getString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (d instanceof ByteString b) {
            return "h'" + java.util.HexFormat.of().formatHex(b.getBytes()) + "'";
        }
        if (d instanceof SimpleValue v) {
            return v.getSimpleValueType().name().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(d);
    }

    private static String printable(String key) {
        String shortKey = key.length() > 32 ? key.substring(0, 32) + "..." : key;
        return shortKey.replaceAll("[^\\x20-\\x7e]", "?");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an outgoing map; values keep insertion order until {@link Cbor#encode} sorts them canonically. */
    public static final class Builder {
        private final co.nstant.in.cbor.model.Map map = new co.nstant.in.cbor.model.Map();
        private final Map<String, DataItem> fields = new LinkedHashMap<>();

        public Builder put(String key, String value) {
            return putItem(key, new UnicodeString(value));
        }

        public Builder put(String key, byte[] value) {
            return putItem(key, new ByteString(value.clone()));
        }

        public Builder put(String key, long value) {
            if (value < 0) {
                throw new IllegalArgumentException("only unsigned integers");
            }
            return putItem(key, new UnsignedInteger(value));
        }

        public Builder put(String key, boolean value) {
            // Fresh instances: the shared singletons may carry a tag some other decoder left on them.
            return putItem(key, new SimpleValue(value ? SimpleValueType.TRUE : SimpleValueType.FALSE));
        }

        public Builder put(String key, CborMap value) {
            return putItem(key, value.item());
        }

        public Builder put(String key, List<String> values) {
            Array array = new Array();
            values.forEach(s -> array.add(new UnicodeString(s)));
            return putItem(key, array);
        }

        public Builder putMaps(String key, List<CborMap> values) {
            Array array = new Array();
            values.forEach(m -> array.add(m.item()));
            return putItem(key, array);
        }

        private Builder putItem(String key, DataItem value) {
            if (fields.put(key, value) != null) {
                throw new IllegalArgumentException("duplicate key " + key);
            }
            map.put(new UnicodeString(key), value);
            return this;
        }

        public CborMap build() {
            return new CborMap(Collections.unmodifiableMap(new LinkedHashMap<>(fields)), map);
        }
    }
}
