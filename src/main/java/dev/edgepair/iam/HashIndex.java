package dev.edgepair.iam;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable hash map whose {@link #put} and {@link #remove} return a new map sharing all but one small part with
 * the old one: a fixed two-level trie of 64 × 64 slots by the key's hash, each slot a short array of keys and values.
 * A change copies two 64-slot arrays and one slot, whatever the size, so a state of 10,000 users changes in
 * microseconds and every older state stays readable by the threads that hold it. Keys need good hash codes (the
 * indexes here use usernames and key fingerprints).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class HashIndex<K, V> {
    private static final int BITS = 6;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final HashIndex<?, ?> EMPTY = new HashIndex<>(new Object[WIDTH][], 0);

    /** top[i][j]: the slot of hashes with low bits i, next bits j; a slot is {k0, v0, k1, v1, ...} or null. */
    private final Object[][] top;
    private final int size;

    private HashIndex(Object[][] top, int size) {
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

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(K key) {
        int h = spread(key.hashCode());
        Object[] mid = top[h & MASK];
        if (mid == null) {
            return null;
        }
        Object[] slot = (Object[]) mid[(h >>> BITS) & MASK];
        if (slot != null) {
            for (int i = 0; i < slot.length; i += 2) {
                if (key.equals(slot[i])) {
                    return (V) slot[i + 1];
                }
            }
        }
        return null;
    }

    /** This map with {@code key} mapped to {@code value} (a non-null value). */
    HashIndex<K, V> put(K key, V value) {
        Objects.requireNonNull(value);
        int h = spread(key.hashCode());
        Object[] mid = top[h & MASK];
        Object[] slot = mid == null ? null : (Object[]) mid[(h >>> BITS) & MASK];
        int at = indexOf(slot, key);
        Object[] nextSlot;
        if (at >= 0) {
            nextSlot = slot.clone();
            nextSlot[at + 1] = value;
        } else {
            int n = slot == null ? 0 : slot.length;
            nextSlot = slot == null ? new Object[2] : Arrays.copyOf(slot, n + 2);
            nextSlot[n] = key;
            nextSlot[n + 1] = value;
        }
        return with(h, mid, nextSlot, at >= 0 ? size : size + 1);
    }

    /** This map without {@code key}; the same map if it has no such key. */
    HashIndex<K, V> remove(K key) {
        int h = spread(key.hashCode());
        Object[] mid = top[h & MASK];
        Object[] slot = mid == null ? null : (Object[]) mid[(h >>> BITS) & MASK];
        int at = indexOf(slot, key);
        if (at < 0) {
            return this;
        }
        Object[] nextSlot = null;
        if (slot.length > 2) {
            nextSlot = new Object[slot.length - 2];
            System.arraycopy(slot, 0, nextSlot, 0, at);
            System.arraycopy(slot, at + 2, nextSlot, at, slot.length - at - 2);
        }
        return with(h, mid, nextSlot, size - 1);
    }

    private HashIndex<K, V> with(int h, Object[] mid, Object[] slot, int newSize) {
        Object[][] nextTop = top.clone();
        Object[] nextMid = mid == null ? new Object[WIDTH] : mid.clone();
        nextMid[(h >>> BITS) & MASK] = slot;
        nextTop[h & MASK] = nextMid;
        return new HashIndex<>(nextTop, newSize);
    }

    private static int indexOf(Object[] slot, Object key) {
        if (slot != null) {
            for (int i = 0; i < slot.length; i += 2) {
                if (key.equals(slot[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
