package dev.edgepair.iam;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable hash map whose {@link #put} and {@link #remove} return a new map sharing all but one small part with
 * the old one: a fixed two-level trie of 64 × 64 slots, each slot a short list of entries with their full hash
 * codes. A change copies two 64-slot arrays and one slot, whatever the size, so a state of 10,000 users changes in
 * microseconds and every older state stays readable by the threads that hold it.
 *
 * <p>Which slot a hash code goes to is decided with a multiplier drawn at random when the class loads, and names are
 * hashed with a key drawn then too ({@link #hashOf}), so a client that picks its username or grinds its key cannot
 * aim at a slot of its choice; inside a slot, the full hash codes are compared before {@code equals}. Keys sharing a
 * slot anyway are scanned, never more than the scan of every key the index replaces.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class HashIndex<K, V> {
    private static final int BITS = 6;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    /** Odd, so that multiplying is a bijection on int; its high bits pick the slot (multiply-shift hashing). */
    private static final int SEED = new SecureRandom().nextInt() | 1;
    /** Drawn at random when the class loads: the key of {@link #hashOf} for names. */
    private static final long KEY = new SecureRandom().nextLong();
    private static final HashIndex<?, ?> EMPTY = new HashIndex<>(new Slot[WIDTH][], 0);

    /** top[i][j]: the slot of the hashes whose mixed bits are i, then j; null when empty. */
    private final Slot[][] top;
    private final int size;

    /** One slot: the entries' hash codes, and their keys and values as {k0, v0, k1, v1, ...}. Never changed. */
    private record Slot(int[] hashes, Object[] entries) {
        int indexOf(int hash, Object key) {
            for (int i = 0; i < hashes.length; i++) {
                if (hashes[i] == hash && key.equals(entries[2 * i])) {
                    return i;
                }
            }
            return -1;
        }

        Slot with(int at, int hash, Object key, Object value) {
            if (at >= 0) {
                Object[] e = entries.clone();
                e[2 * at + 1] = value;
                return new Slot(hashes, e);
            }
            int n = hashes.length;
            int[] h = Arrays.copyOf(hashes, n + 1);
            Object[] e = Arrays.copyOf(entries, 2 * n + 2);
            h[n] = hash;
            e[2 * n] = key;
            e[2 * n + 1] = value;
            return new Slot(h, e);
        }

        Slot without(int at) {
            int n = hashes.length;
            if (n == 1) {
                return null;
            }
            int[] h = new int[n - 1];
            System.arraycopy(hashes, 0, h, 0, at);
            System.arraycopy(hashes, at + 1, h, at, n - at - 1);
            Object[] e = new Object[2 * (n - 1)];
            System.arraycopy(entries, 0, e, 0, 2 * at);
            System.arraycopy(entries, 2 * at + 2, e, 2 * at, 2 * (n - at - 1));
            return new Slot(h, e);
        }
    }

    private static final Slot NONE = new Slot(new int[0], new Object[0]);

    private HashIndex(Slot[][] top, int size) {
        this.top = top;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <K, V> HashIndex<K, V> empty() {
        return (HashIndex<K, V>) EMPTY;
    }

    int size() {
        return size;
    }

    /** The most entries in one slot (tests: how evenly keys spread). */
    int largestSlot() {
        int most = 0;
        for (Slot[] mid : top) {
            for (int j = 0; mid != null && j < WIDTH; j++) {
                most = Math.max(most, mid[j] == null ? 0 : mid[j].hashes.length);
            }
        }
        return most;
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(K key) {
        return (V) lookup(top, key);
    }

    /** The value of {@code key} in the trie {@code top}, or null. */
    private static Object lookup(Slot[][] top, Object key) {
        int hash = hashOf(key);
        int bits = mix(hash);
        Slot[] mid = top[bits & MASK];
        Slot slot = mid == null ? null : mid[bits >>> BITS];
        int at = slot == null ? -1 : slot.indexOf(hash, key);
        return at < 0 ? null : slot.entries[2 * at + 1];
    }

    /** This map with {@code key} mapped to {@code value} (a non-null value). */
    HashIndex<K, V> put(K key, V value) {
        Objects.requireNonNull(value);
        int hash = hashOf(key);
        int bits = mix(hash);
        Slot[] mid = top[bits & MASK];
        Slot slot = mid == null || mid[bits >>> BITS] == null ? NONE : mid[bits >>> BITS];
        int at = slot.indexOf(hash, key);
        return with(bits, mid, slot.with(at, hash, key, value), at >= 0 ? size : size + 1);
    }

    /** This map without {@code key}; the same map if it has no such key. */
    HashIndex<K, V> remove(K key) {
        int hash = hashOf(key);
        int bits = mix(hash);
        Slot[] mid = top[bits & MASK];
        Slot slot = mid == null ? null : mid[bits >>> BITS];
        int at = slot == null ? -1 : slot.indexOf(hash, key);
        if (at < 0) {
            return this;
        }
        return with(bits, mid, slot.without(at), size - 1);
    }

    private HashIndex<K, V> with(int bits, Slot[] mid, Slot slot, int newSize) {
        Slot[][] nextTop = top.clone();
        Slot[] nextMid = mid == null ? new Slot[WIDTH] : mid.clone();
        nextMid[bits >>> BITS] = slot;
        nextTop[bits & MASK] = nextMid;
        return new HashIndex<>(nextTop, newSize);
    }

    /**
     * The hash of a key: for a {@code String} (a username) a hash of its characters keyed with {@link #KEY}, else
     * the key's {@code hashCode}. {@code String.hashCode} is public arithmetic: "an" and "c0" share theirs, and so
     * does every concatenation of such blocks, 2^k valid usernames with one hash code, which no multiplier can tell
     * apart. Keyed, equal {@code String} hashes say nothing about these, and nobody outside sees them. (Keys of
     * clients are SHA-256 fingerprints: equal hash codes would take about 2^32 generated keys each.)
     */
    static int hashOf(Object key) {
        if (key instanceof String s) {
            long h = KEY;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            return (int) (h ^ (h >>> 32));
        }
        return key.hashCode();
    }

    /** The slot bits of a hash code: the top 12 bits of its product with the seed. */
    private static int mix(int hash) {
        return (hash * SEED) >>> (32 - 2 * BITS);
    }

    /**
     * Builds an index in place, without copying on each put: for loading a state of many users at once. Not to be
     * used after {@link #build()}.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    static final class Builder<K, V> {
        private Slot[][] top = new Slot[WIDTH][];
        private int size;

        /** The value of {@code key} so far, or null. */
        @SuppressWarnings("unchecked")
        V get(K key) {
            return (V) lookup(top, key);
        }

        /** Maps {@code key} to {@code value} (a non-null value). */
        Builder<K, V> put(K key, V value) {
            Objects.requireNonNull(value);
            int hash = hashOf(key);
            int bits = mix(hash);
            Slot[] mid = top[bits & MASK];
            if (mid == null) {
                mid = new Slot[WIDTH];
                top[bits & MASK] = mid;
            }
            Slot slot = mid[bits >>> BITS] == null ? NONE : mid[bits >>> BITS];
            int at = slot.indexOf(hash, key);
            mid[bits >>> BITS] = slot.with(at, hash, key, value);
            if (at < 0) {
                size++;
            }
            return this;
        }

        HashIndex<K, V> build() {
            HashIndex<K, V> index = new HashIndex<>(top, size);
            top = null;
            return index;
        }
    }
}
