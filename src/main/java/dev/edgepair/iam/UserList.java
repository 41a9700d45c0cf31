package dev.edgepair.iam;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import dev.edgepair.identity.Fingerprint;

/**
 * The users of an {@link IamState}: an immutable list in order, with the user of each name and the users holding
 * each client key indexed ({@link HashIndex}). Finding the user of a key or a name is a lookup; adding or replacing
 * one user copies the array of references (a memory copy; replacing also compares every username) and touches the
 * indexes in a few places: a pairing on a device of 10,000 users no longer compares its key with every user's
 * (spec/benchmarks.md). Lookups answer as a scan
 * in list order would: the first user of that name, the first user holding that key.
 */
final class UserList extends AbstractList<User> implements RandomAccess {
    private static final UserList EMPTY = new UserList(new User[0], HashIndex.empty(), HashIndex.empty());

    private final User[] users;
    /** The first user of each name. */
    private final HashIndex<String, User> byName;
    /** The users holding each key, in list order (almost always one). */
    private final HashIndex<Fingerprint, User[]> byKey;

    private UserList(User[] users, HashIndex<String, User> byName, HashIndex<Fingerprint, User[]> byKey) {
        this.users = users;
        this.byName = byName;
        this.byKey = byKey;
    }

    /** {@code users} as a user list: itself if it is one, else a copy (no null users, as {@link List#copyOf}). */
    static UserList of(Collection<User> users) {
        if (users instanceof UserList list) {
            return list;
        }
        User[] all = users.toArray(new User[0]);
        if (all.length == 0) {
            return EMPTY;
        }
        HashIndex.Builder<String, User> byName = new HashIndex.Builder<>();
        HashIndex.Builder<Fingerprint, User[]> byKey = new HashIndex.Builder<>();
        for (User u : all) {
            Objects.requireNonNull(u, "users");
            if (byName.get(u.username()) == null) {
                byName.put(u.username(), u);
            }
            for (User.NamedFingerprint f : u.fingerprints()) {
                User[] holders = byKey.get(f.fingerprint());
                byKey.put(f.fingerprint(), holders == null ? new User[] {u} : withHolder(holders, u));
            }
        }
        return new UserList(all, byName.build(), byKey.build());
    }

    @Override
    public User get(int index) {
        return users[index];
    }

    @Override
    public int size() {
        return users.length;
    }

    /** The first user named {@code username}, or null (also for a null name). */
    User named(String username) {
        return username == null ? null : byName.get(username);
    }

    /** The first user holding {@code key}, or null (also for a null key). */
    User holding(Fingerprint key) {
        User[] holders = key == null ? null : byKey.get(key);
        return holders == null ? null : holders[0];
    }

    /** This list without the users named {@code user}'s name, and {@code user} last. */
    UserList with(User user) {
        UserList rest = without(user.username());
        User[] next = Arrays.copyOf(rest.users, rest.users.length + 1);
        next[rest.users.length] = user;
        return new UserList(next, rest.byName.put(user.username(), user), addHolder(rest.byKey, user));
    }

    /** This list without the users named {@code username}; itself if there is none. */
    UserList without(String username) {
        if (named(username) == null) {
            return this;
        }
        User[] next = new User[users.length];
        int n = 0;
        HashIndex<Fingerprint, User[]> keys = byKey;
        for (User u : users) {
            if (u.username().equals(username)) {
                keys = removeHolder(keys, u);
            } else {
                next[n++] = u;
            }
        }
        return new UserList(Arrays.copyOf(next, n), byName.remove(username), keys);
    }

    private static HashIndex<Fingerprint, User[]> addHolder(HashIndex<Fingerprint, User[]> byKey, User u) {
        for (User.NamedFingerprint f : u.fingerprints()) {
            User[] holders = byKey.get(f.fingerprint());
            byKey = byKey.put(f.fingerprint(), holders == null ? new User[] {u} : withHolder(holders, u));
        }
        return byKey;
    }

    /** {@code holders} and then {@code u}; a user holding one key twice is one holder. */
    private static User[] withHolder(User[] holders, User u) {
        if (holders[holders.length - 1] == u) {
            return holders;
        }
        User[] more = Arrays.copyOf(holders, holders.length + 1);
        more[holders.length] = u;
        return more;
    }

    private static HashIndex<Fingerprint, User[]> removeHolder(HashIndex<Fingerprint, User[]> byKey, User u) {
        for (User.NamedFingerprint f : u.fingerprints()) {
            User[] holders = byKey.get(f.fingerprint());
            if (holders == null) {
                continue;
            }
            User[] rest = Arrays.stream(holders).filter(h -> h != u).toArray(User[]::new);
            byKey = rest.length == 0 ? byKey.remove(f.fingerprint()) : byKey.put(f.fingerprint(), rest);
        }
        return byKey;
    }
}
