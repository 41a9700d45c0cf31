package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.tags.Unit;

/**
 * The users' indexes against the scans they replace: any sequence of changes, with names and keys drawn from small
 * pools so that users share names (as a hand-edited state file can) and keys, and hash codes drawn from a few values
 * so that keys share slots. Every older version must still answer as it did.
 */
@Unit
class UserIndexProperties {
    /** A key with a chosen hash code: many keys in one slot, and slots across the trie. */
    private record Key(int id, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id == id;
        }
    }

    @Property
    void aHashIndexAnswersAsAHashMapAndOldVersionsStay(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 2 * 120 - 1) Integer> ops,
            @ForAll @IntRange(min = 0, max = 31) int shift) {
        HashIndex<Key, Integer> index = HashIndex.empty();
        Map<Key, Integer> model = new HashMap<>();
        List<HashIndex<Key, Integer>> versions = new ArrayList<>();
        List<Map<Key, Integer>> models = new ArrayList<>();
        int step = 0;
        for (int op : ops) {
            int id = op / 2;
            Key k = key(id, shift);
            if (op % 2 == 0) {
                index = index.put(k, step);
                model.put(k, step);
            } else {
                index = index.remove(k);
                model.remove(k);
            }
            step++;
            versions.add(index);
            models.add(new HashMap<>(model));
        }
        for (int v = 0; v < versions.size(); v++) {
            assertSame(versions.get(v), models.get(v), shift);
        }
    }

    /** Hash codes over the whole int range, negative ones too; a larger shift makes fewer, so more keys share one. */
    private static Key key(int id, int shift) {
        return new Key(id, (id * 0x9E3779B9) >> shift);
    }

    private static void assertSame(HashIndex<Key, Integer> index, Map<Key, Integer> model, int shift) {
        assertThat(index.size()).isEqualTo(model.size());
        for (int id = 0; id < 120; id++) {
            Key k = key(id, shift);
            assertThat(index.get(k)).as("key %d", id).isEqualTo(model.get(k));
        }
    }

    @Property
    void aBuiltIndexAnswersAsTheSamePutsOneByOne(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 119) Integer> ids,
            @ForAll @IntRange(min = 0, max = 31) int shift) {
        HashIndex.Builder<Key, Integer> builder = new HashIndex.Builder<>();
        Map<Key, Integer> model = new HashMap<>();
        int step = 0;
        for (int id : ids) {
            builder.put(key(id, shift), step);
            model.put(key(id, shift), step++);
        }
        assertSame(builder.build(), model, shift);
    }

    /** One change: 0-4 add or replace user {@code n}, 5 delete, with keys from a pool of 6. */
    @Property
    void usersAnswerAsAScanOfTheListAndOldVersionsStay(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 999) Integer> initial,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> changes) {
        List<User> start = new ArrayList<>();
        for (int c : initial) {
            start.add(user(c));
        }
        UserList list = UserList.of(start);
        List<User> model = new ArrayList<>(start);
        List<UserList> versions = new ArrayList<>(List.of(list));
        List<List<User>> models = new ArrayList<>(List.of(List.copyOf(model)));
        for (int c : changes) {
            if (c % 6 == 5) {
                String name = name(c);
                list = list.without(name);
                model.removeIf(u -> u.username().equals(name));
            } else {
                User u = user(c);
                list = list.with(u);
                model.removeIf(x -> x.username().equals(u.username()));
                model.add(u);
            }
            versions.add(list);
            models.add(List.copyOf(model));
        }
        for (int v = 0; v < versions.size(); v++) {
            assertScan(versions.get(v), models.get(v));
        }
    }

    @Property(tries = 50)
    void aStateFindsUsersAsBefore(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 999) Integer> changes) {
        IamState s = IamState.initial();
        List<User> model = new ArrayList<>(s.users());
        for (int c : changes) {
            User u = user(c);
            s = c % 6 == 5 ? s.withoutUser(u.username()) : s.withUser(u);
            model.removeIf(x -> x.username().equals(u.username()));
            if (c % 6 != 5) {
                model.add(u);
            }
            s = s.withSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, c % 2 == 0); // the users pass through
        }
        assertScan((UserList) s.users(), model);
        for (int f = 0; f < 6; f++) {
            Fingerprint fp = key(f);
            assertThat(s.userWith(fp)).isEqualTo(model.stream().filter(u -> u.has(fp)).findFirst());
        }
        for (int n = 0; n < 5; n++) {
            String name = "user" + n;
            assertThat(s.user(name)).isEqualTo(model.stream().filter(u -> u.username().equals(name)).findFirst());
        }
    }

    /**
     * The attack on a slot: a client that can pair picks usernames whose hash codes share their low 12 bits, which
     * would all land in one slot of an index that picked slots by those bits, and make every lookup there a scan.
     * With the slot picked by the random multiplier they spread: 2,000 such names, none in a slot with more than 16.
     */
    @Example
    void namesChosenToShareASlotSpreadOut() {
        HashIndex<String, User> index = HashIndex.empty();
        int found = 0;
        for (int i = 0; found < 2000; i++) {
            String name = "u" + i;
            if ((name.hashCode() & 0xfff) == 0x5a5) {
                index = index.put(name, new User(name, "", "Standard", List.of()));
                found++;
            }
        }
        assertThat(index.size()).isEqualTo(2000);
        assertThat(index.largestSlot()).isLessThanOrEqualTo(16);
    }

    /**
     * Third review, F2: "an" and "c0" have the same {@code String.hashCode}, so 11 blocks of either make 2,048 valid
     * usernames with one hash code; with the slot taken from {@code hashCode} they all shared one slot, whatever the
     * multiplier (largest slot 2,048). Names are now hashed with a key of their own.
     */
    @Example
    void usernamesWithEqualStringHashCodesSpreadOut() {
        List<String> names = new java.util.ArrayList<>();
        for (int m = 0; m < 1 << 11; m++) {
            StringBuilder b = new StringBuilder("g");
            for (int i = 0; i < 11; i++) {
                b.append(((m >> i) & 1) == 0 ? "an" : "c0");
            }
            names.add(b.toString());
        }
        assertThat(names.stream().map(String::hashCode).distinct().count()).isEqualTo(1);
        assertThat(names).allMatch(User::isValidUsername);
        HashIndex<String, User> index = HashIndex.empty();
        for (String name : names) {
            index = index.put(name, new User(name, "", "Guest", List.of()));
        }
        assertThat(index.size()).isEqualTo(names.size());
        assertThat(index.largestSlot()).isLessThanOrEqualTo(16);
        for (String name : names) {
            assertThat(index.get(name)).as(name).isNotNull();
        }
    }

    /** As the scans did: no user has a null name or key, and removing nobody changes nothing. */
    @Example
    void nullFindsNobody() {
        IamState s = IamState.initial();
        assertThat(s.user(null)).isEmpty();
        assertThat(s.userWith(null)).isEmpty();
        assertThat(s.withoutUser(null)).isEqualTo(s);
    }

    private static void assertScan(UserList list, List<User> model) {
        assertThat(list).containsExactlyElementsOf(model);
        for (int n = 0; n < 5; n++) {
            String name = "user" + n;
            assertThat(list.named(name)).as(name)
                    .isSameAs(model.stream().filter(u -> u.username().equals(name)).findFirst().orElse(null));
        }
        for (int f = 0; f < 6; f++) {
            Fingerprint fp = key(f);
            assertThat(list.holding(fp)).as("key %d", f)
                    .isSameAs(model.stream().filter(u -> u.has(fp)).findFirst().orElse(null));
        }
    }

    private static String name(int c) {
        return "user" + (c / 6) % 5;
    }

    /** User {@code name(c)}, holding 0-2 keys of the pool (possibly one key twice), distinct per {@code c}. */
    private static User user(int c) {
        List<User.NamedFingerprint> keys = new ArrayList<>();
        int count = (c / 30) % 3;
        for (int i = 0; i < count; i++) {
            keys.add(new User.NamedFingerprint(key((c / 90 + i * (c % 4)) % 6), "k" + i));
        }
        return new User(name(c), "d" + c, "Standard", keys);
    }

    private static Fingerprint key(int f) {
        return Fingerprint.parse(String.format("%064x", f + 1));
    }
}
