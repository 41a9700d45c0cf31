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

    /**
     * The keys present.
     *
     * @return the text keys, in the order received; unmodifiable
     */
    public Set<String> keys() {
        return fields.keySet();
    }

    /**
     * Whether a field is present, for optional fields.
     *
     * @param key the field's name
     * @return true if the map holds {@code key}, whatever its type
     */
    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /**
     * Rejects any key not in {@code allowed}: a misspelt field is an error, not silently ignored.
     *
     * @param allowed the fields this message may hold
     * @return this map, for chaining
     * @throws WireException naming the first unknown field (shortened, non-printable characters replaced)
     */
    public CborMap onlyKeys(String... allowed) throws WireException {
        Set<String> ok = Set.of(allowed);
        for (String key : fields.keySet()) {
            if (!ok.contains(key)) {
                throw new WireException("unknown field " + printable(key));
            }
        }
        return this;
    }

    /**
     * A required text field.
     *
     * @param key the field's name
     * @param maxLength the most characters (UTF-16 units) accepted
     * @return the text
     * @throws WireException if the field is missing, not text, or longer than {@code maxLength}
     */
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

    /**
     * An optional text field.
     *
     * @param key the field's name
     * @param maxLength the most characters (UTF-16 units) accepted
     * @return the text, or empty if the field is absent
     * @throws WireException if the field is present but not text, or longer than {@code maxLength}
     */
    public Optional<String> optionalText(String key, int maxLength) throws WireException {
        return has(key) ? Optional.of(text(key, maxLength)) : Optional.empty();
    }

    /**
     * A required byte string field.
     *
     * @param key the field's name
     * @param minLength the fewest bytes accepted
     * @param maxLength the most bytes accepted
     * @return the bytes
     * @throws WireException if the field is missing, not a byte string, or outside the length range
     */
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

    /**
     * A required unsigned integer field.
     *
     * @param key the field's name
     * @param max the largest value accepted
     * @return the value, 0 to {@code max}
     * @throws WireException if the field is missing, not an unsigned integer, or larger than {@code max}
     */
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

    /**
     * A required boolean field.
     *
     * @param key the field's name
     * @return its value
     * @throws WireException if the field is missing or not {@code true} or {@code false}
     */
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

    /**
     * A required nested map.
     *
     * @param key the field's name
     * @return the nested map
     * @throws WireException if the field is missing, not a map, or has a key that is not text
     */
    public CborMap map(String key) throws WireException {
        DataItem v = required(key);
        if (v.getMajorType() != MajorType.MAP) {
            throw new WireException(key + " must be a map");
        }
        return wrap((co.nstant.in.cbor.model.Map) v);
    }

    /**
     * A required array of text.
     *
     * @param key the field's name
     * @param maxItems the most items accepted
     * @param maxLength the most characters (UTF-16 units) per item
     * @return the items, in order; unmodifiable
     * @throws WireException if the field is missing, not an array, too long, or holds an item that is not text of
     *                       at most {@code maxLength}
     */
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

    /**
     * A required array of maps.
     *
     * @param key the field's name
     * @param maxItems the most items accepted
     * @return the maps, in order; unmodifiable
     * @throws WireException if the field is missing, not an array, too long, or holds an item that is not a map
     *                       with text keys
     */
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

    /**
     * Starts an outgoing map.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an outgoing map; values keep insertion order until {@link Cbor#encode} sorts them canonically. */
    public static final class Builder {
        private final co.nstant.in.cbor.model.Map map = new co.nstant.in.cbor.model.Map();
        private final Map<String, DataItem> fields = new LinkedHashMap<>();

        /**
         * Adds a text field.
         *
         * @param key the field's name
         * @param value its text
         * @return this builder
         * @throws IllegalArgumentException if {@code key} was added already
         */
        public Builder put(String key, String value) {
            return putItem(key, new UnicodeString(value));
        }

        /**
         * Adds a byte string field.
         *
         * @param key the field's name
         * @param value its bytes, copied
         * @return this builder
         * @throws IllegalArgumentException if {@code key} was added already
         */
        public Builder put(String key, byte[] value) {
            return putItem(key, new ByteString(value.clone()));
        }

        /**
         * Adds an unsigned integer field.
         *
         * @param key the field's name
         * @param value its value, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is negative or {@code key} was added already
         */
        public Builder put(String key, long value) {
            if (value < 0) {
                throw new IllegalArgumentException("only unsigned integers");
            }
            return putItem(key, new UnsignedInteger(value));
        }

        /**
         * Adds a boolean field.
         *
         * @param key the field's name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if {@code key} was added already
         */
        public Builder put(String key, boolean value) {
            // Fresh instances: the shared singletons may carry a tag some other decoder left on them.
            return putItem(key, new SimpleValue(value ? SimpleValueType.TRUE : SimpleValueType.FALSE));
        }

        /**
         * Adds a nested map.
         *
         * @param key the field's name
         * @param value the map
         * @return this builder
         * @throws IllegalArgumentException if {@code key} was added already
         */
        public Builder put(String key, CborMap value) {
            return putItem(key, value.item());
        }

        /**
         * Adds an array of text.
         *
         * @param key the field's name
         * @param values the items, in order
         * @return this builder
         * @throws IllegalArgumentException if {@code key} was added already
         */
        public Builder put(String key, List<String> values) {
            Array array = new Array();
            values.forEach(s -> array.add(new UnicodeString(s)));
            return putItem(key, array);
        }

        /**
         * Adds an array of maps.
         *
         * @param key the field's name
         * @param values the maps, in order
         * @return this builder
         * @throws IllegalArgumentException if {@code key} was added already
         */
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

        /**
         * The map; add nothing to this builder afterwards (the map shares what the builder holds).
         *
         * @return the map, its fields in the order added
         */
        public CborMap build() {
            return new CborMap(Collections.unmodifiableMap(new LinkedHashMap<>(fields)), map);
        }
    }
}
