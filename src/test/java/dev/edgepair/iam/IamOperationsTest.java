package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.edgepair.iam.IamException.Kind;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.tags.Unit;

/**
 * spec/iam.md, "State": every change of {@link Iam} without a network, each refusal with its kind and no change.
 * Written for the mutation run (spec/mutation.md): these are the rules the end-to-end tests only reach slowly.
 */
@Unit
class IamOperationsTest {
    private Iam iam;
    private final Fingerprint phone = Identity.generate().fingerprint();
    private final Fingerprint laptop = Identity.generate().fingerprint();

    @BeforeEach
    void open() throws Exception {
        iam = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
    }

    private static PakeSecret secret(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return new PakeSecret(b);
    }

    private void refused(Kind kind, ThrowingRunnable change) {
        IamState before = iam.state();
        assertThatThrownBy(change::run).isInstanceOf(IamException.class)
                .satisfies(e -> assertThat(((IamException) e).kind()).isEqualTo(kind));
        assertThat(iam.state()).isEqualTo(before);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void usersAreCreatedChangedAndDeleted() throws Exception {
        User carol = iam.createUser("carol", "Carol", "Guest");
        assertThat(carol).isEqualTo(new User("carol", "Carol", "Guest", List.of()));
        assertThat(iam.state().user("carol")).contains(carol);
        refused(Kind.CONFLICT, () -> iam.createUser("carol", "", "Guest"));
        refused(Kind.INVALID, () -> iam.createUser("dave", "", "Root"));
        refused(Kind.INVALID, () -> iam.createUser("Dave", "", "Guest"));
        refused(Kind.INVALID, () -> iam.createUser("dave", "bell\u0007", "Guest"));

        assertThat(iam.setRole("carol", "Standard").role()).isEqualTo("Standard");
        assertThat(iam.state().user("carol").orElseThrow().role()).isEqualTo("Standard");
        refused(Kind.INVALID, () -> iam.setRole("carol", "Root"));
        refused(Kind.NOT_FOUND, () -> iam.setRole("nobody", "Guest"));

        assertThat(iam.setDisplayName("carol", "C.").displayName()).isEqualTo("C.");
        assertThat(iam.state().user("carol").orElseThrow().displayName()).isEqualTo("C.");
        refused(Kind.INVALID, () -> iam.setDisplayName("carol", "\u202eevil"));
        refused(Kind.NOT_FOUND, () -> iam.setDisplayName("nobody", "x"));

        assertThat(iam.setFingerprint("carol", phone, "phone").fingerprints())
                .containsExactly(new User.NamedFingerprint(phone, "phone"));
        assertThat(iam.isPaired(phone)).isTrue();
        assertThat(iam.userOf(phone).map(User::username)).contains("carol");
        refused(Kind.CONFLICT, () -> iam.setFingerprint("admin", phone, "x")); // another user's key
        refused(Kind.INVALID, () -> iam.setFingerprint("carol", laptop, "\u001b[2J"));
        refused(Kind.NOT_FOUND, () -> iam.deleteFingerprint("carol", laptop));
        assertThat(iam.deleteFingerprint("carol", phone).fingerprints()).isEmpty();
        assertThat(iam.isPaired(phone)).isFalse();
        assertThat(iam.userOf(phone)).isEmpty();

        iam.deleteUser("carol");
        assertThat(iam.state().users()).extracting(User::username).containsExactly("admin");
        refused(Kind.NOT_FOUND, () -> iam.deleteUser("carol"));
    }

    @Test
    void settingsRoleAndName() throws Exception {
        for (IamState.Setting s : IamState.Setting.values()) {
            iam.setSetting(s, true);
            assertThat(iam.state().setting(s)).isTrue();
            assertThat(IamState.Setting.byPath(s.path())).contains(s);
            iam.setSetting(s, false);
            assertThat(iam.state().setting(s)).isFalse();
        }
        assertThat(IamState.Setting.byPath("no-such")).isEmpty();
        assertThat(IamState.Setting.LOCAL_OPEN_PAIRING.json()).isEqualTo("LocalOpenPairing");
        iam.setOpenPairingRole("Guest");
        assertThat(iam.state().openPairingRole()).isEqualTo("Guest");
        refused(Kind.INVALID, () -> iam.setOpenPairingRole("Root"));
        iam.setFriendlyName("Kitchen");
        assertThat(iam.state().friendlyName()).isEqualTo("Kitchen");
        refused(Kind.INVALID, () -> iam.setFriendlyName("\u0000"));
    }

    @Test
    void openPairingCreatesAUserWithTheOpenRoleOnce() throws Exception {
        iam.setOpenPairingRole("Guest");
        User bob = iam.pairNewUser("bob", phone, "phone");
        assertThat(bob).isEqualTo(new User("bob", "", "Guest", List.of(new User.NamedFingerprint(phone, "phone"))));
        assertThat(iam.pairNewUser("bob", phone, "other")).isEqualTo(bob); // the same again: no change
        refused(Kind.CONFLICT, () -> iam.pairNewUser("eve", phone, "")); // key already someone's
        refused(Kind.CONFLICT, () -> iam.pairNewUser("bob", laptop, "")); // name taken
        refused(Kind.INVALID, () -> iam.pairNewUser("Bad Name", laptop, ""));

        iam.setOpenPairingSecret(secret(1));
        refused(Kind.UNAUTHORIZED, () -> iam.pairWithOpenPassword(secret(2).digest(), "eve", laptop, ""));
        assertThat(iam.pairWithOpenPassword(secret(1).digest(), "eve", laptop, "").username()).isEqualTo("eve");
        iam.setOpenPairingSecret(null);
        refused(Kind.UNAUTHORIZED, () -> iam.pairWithOpenPassword(secret(1).digest(), "zed",
                Identity.generate().fingerprint(), ""));
    }

    @Test
    void theInitialUserPairsOnceAndClosesLocalInitial() throws Exception {
        assertThat(iam.initialUserUnpaired()).isTrue();
        User admin = iam.pairExistingUser("admin", phone, "phone");
        assertThat(admin.fingerprints()).containsExactly(new User.NamedFingerprint(phone, "phone"));
        assertThat(iam.initialUserUnpaired()).isFalse();
        assertThat(iam.pairExistingUser("admin", phone, "again")).isEqualTo(admin); // same key: no change
        refused(Kind.CONFLICT, () -> iam.pairExistingUser("admin", laptop, "")); // already paired
        refused(Kind.NOT_FOUND, () -> iam.pairExistingUser("nobody", laptop, ""));
    }

    @Test
    void anotherAdministratorAlsoClosesLocalInitial() throws Exception {
        iam.createUser("root2", "", "Administrator");
        assertThat(iam.initialUserUnpaired()).isTrue();
        iam.setFingerprint("root2", laptop, "");
        assertThat(iam.initialUserUnpaired()).isFalse();
        iam.deleteUser("admin");
        assertThat(iam.initialUserUnpaired()).isFalse();
    }

    @Test
    void anInvitationPairsOnceWithItsSecret() throws Exception {
        iam.createUser("carol", "", "Guest");
        iam.setInvitation("carol", secret(3));
        assertThat(iam.state().user("carol").orElseThrow().invitation()).isEqualTo(secret(3));
        refused(Kind.UNAUTHORIZED, () -> iam.pairInvited("carol", secret(4).digest(), phone, ""));
        refused(Kind.NOT_FOUND, () -> iam.setInvitation("nobody", secret(3)));
        User carol = iam.pairInvited("carol", secret(3).digest(), phone, "phone");
        assertThat(carol.invitation()).isNull();
        assertThat(carol.has(phone)).isTrue();
        refused(Kind.UNAUTHORIZED, () -> iam.pairInvited("carol", secret(3).digest(), laptop, ""));
    }

    @Test
    void tokensPairOnceBeforeTheyExpire() throws Exception {
        PairingToken t = new PairingToken("0123abcd", "tom", "Guest", 1000, secret(5));
        assertThat(iam.createToken(t, 999)).isEqualTo(t);
        assertThat(iam.state().token("0123abcd")).contains(t);
        refused(Kind.CONFLICT, () -> iam.createToken(t, 999));
        refused(Kind.INVALID, () -> iam.createToken(new PairingToken("0123abce", "tom", "Root", 1000, secret(5)), 1));
        refused(Kind.UNAUTHORIZED, () -> iam.pairWithToken("0123abcd", secret(6).digest(), phone, "", 999));
        refused(Kind.UNAUTHORIZED, () -> iam.pairWithToken("0123abcd", secret(5).digest(), phone, "", 1000));
        refused(Kind.UNAUTHORIZED, () -> iam.pairWithToken("ffffffff", secret(5).digest(), phone, "", 1));
        User tom = iam.pairWithToken("0123abcd", secret(5).digest(), phone, "phone", 999);
        assertThat(tom).isEqualTo(new User("tom", "", "Guest", List.of(new User.NamedFingerprint(phone, "phone"))));
        assertThat(iam.state().token("0123abcd")).isEmpty(); // used up
        refused(Kind.UNAUTHORIZED, () -> iam.pairWithToken("0123abcd", secret(5).digest(), laptop, "", 999));
    }

    @Test
    void aTokenForAnExistingUserNeedsItsRoleAndDeletingTheUserDeletesItsTokens() throws Exception {
        iam.createUser("ann", "", "Standard");
        iam.createToken(new PairingToken("00000001", "ann", "Guest", 1000, secret(7)), 0);
        refused(Kind.UNAUTHORIZED, () -> iam.pairWithToken("00000001", secret(7).digest(), phone, "", 1));
        iam.createToken(new PairingToken("00000002", "ann", "Standard", 1000, secret(8)), 0);
        iam.createToken(new PairingToken("00000003", "other", "Guest", 1000, secret(8)), 0);
        assertThat(iam.pairWithToken("00000002", secret(8).digest(), phone, "", 1).fingerprints()).hasSize(1);
        iam.deleteUser("ann");
        assertThat(iam.state().tokens()).extracting(PairingToken::id).containsExactly("00000003");
        iam.deleteToken("00000003");
        assertThat(iam.state().tokens()).isEmpty();
        refused(Kind.NOT_FOUND, () -> iam.deleteToken("00000003"));
    }

    @Test
    void atMostMaxTokensLiveAndExpiredOnesMakeRoom() throws Exception {
        for (int i = 0; i < Iam.MAX_TOKENS; i++) {
            iam.createToken(new PairingToken(String.format("%08x", i), "u" + i, "Guest", 100 + i, secret(9)), 0);
        }
        refused(Kind.CONFLICT, () -> iam.createToken(new PairingToken("ffff0000", "x", "Guest", 500, secret(9)), 0));
        // at time 100 exactly the first token has expired: one place is free, and the expired token is dropped
        iam.createToken(new PairingToken("ffff0000", "x", "Guest", 500, secret(9)), 100);
        assertThat(iam.state().tokens()).hasSize(Iam.MAX_TOKENS);
        assertThat(iam.state().token("00000000")).isEmpty();
    }

    @Test
    void everyPairingStepRefusesAKeyOfAnotherUserAndAnUnprintableKeyName() throws Exception {
        iam.pairExistingUser("admin", phone, "");
        iam.createUser("carol", "", "Guest");
        iam.setInvitation("carol", secret(3));
        iam.createToken(new PairingToken("0123abcd", "tom", "Guest", 1000, secret(5)), 0);
        iam.createUser("dave", "", "Guest");
        refused(Kind.CONFLICT, () -> iam.pairExistingUser("dave", phone, ""));
        refused(Kind.CONFLICT, () -> iam.pairInvited("carol", secret(3).digest(), phone, ""));
        refused(Kind.CONFLICT, () -> iam.pairWithToken("0123abcd", secret(5).digest(), phone, "", 1));
        refused(Kind.INVALID, () -> iam.pairNewUser("eve", laptop, "\u0007"));
        refused(Kind.INVALID, () -> iam.pairExistingUser("dave", laptop, "\u0007"));
        refused(Kind.INVALID, () -> iam.pairInvited("carol", secret(3).digest(), laptop, "\u0007"));
        refused(Kind.INVALID, () -> iam.pairWithToken("0123abcd", secret(5).digest(), laptop, "\u0007", 1));
    }

    @Test
    void rolesAreCheckedAgainstTheConfigInForceWhenPairing() throws Exception {
        IamStateStore store = IamStateStore.inMemory();
        Iam before = Iam.open(IamConfig.defaults(), store);
        before.setOpenPairingRole("Guest");
        before.createToken(new PairingToken("0123abcd", "tom", "Guest", 1000, secret(5)), 0);
        // the device restarts with a config that no longer defines Guest
        IamConfig noGuest = IamConfig.parse(("""
                {"Version": 1, "Config": {"UnpairedRole": "Unpaired"},
                 "Policies": [{"Id": "P", "Statements": [{"Effect": "Allow", "Actions": ["IAM:GetPairing"]}]}],
                 "Roles": [{"Id": "Unpaired", "Policies": ["P"]}, {"Id": "Administrator", "Policies": ["P"]}]}"""));
        iam = Iam.open(noGuest, store);
        assertThat(iam.config()).isSameAs(noGuest);
        refused(Kind.INVALID, () -> iam.pairNewUser("bob", phone, ""));
        refused(Kind.INVALID, () -> iam.pairWithToken("0123abcd", secret(5).digest(), phone, "", 1));
    }

    @Test
    void conditionEdges() {
        Condition emptyVariable = new Condition(Condition.Operator.STRING_EQUALS, "A", List.of("${}"));
        assertThat(emptyVariable.evaluate(java.util.Map.of("A", "${}"))).isEqualTo(Condition.Outcome.NO_MATCH);
        Condition literal = new Condition(Condition.Operator.STRING_EQUALS, "A", List.of("${"));
        assertThat(literal.evaluate(java.util.Map.of("A", "${"))).isEqualTo(Condition.Outcome.MATCH);
        String longest = "1".repeat(64);
        Condition number = new Condition(Condition.Operator.NUMERIC_EQUALS, "A", List.of(longest));
        assertThat(number.evaluate(java.util.Map.of("A", longest))).isEqualTo(Condition.Outcome.MATCH);
        assertThat(number.evaluate(java.util.Map.of("A", longest + "1"))).isEqualTo(Condition.Outcome.ERROR);
    }

    @Test
    void tokenIdsAndExpiry() {
        assertThat(PairingToken.isValidId("0123abcd")).isTrue();
        assertThat(PairingToken.isValidId("0123ABCD")).isFalse();
        assertThat(PairingToken.isValidId("0123abc")).isFalse();
        assertThat(PairingToken.isValidId(null)).isFalse();
        PairingToken t = new PairingToken("0123abcd", "tom", "Guest", 1000, secret(5));
        assertThat(t.expiredAt(999)).isFalse();
        assertThat(t.expiredAt(1000)).isTrue();
        assertThat(t.toString()).doesNotContain(HexOf.secret(5));
        assertThatThrownBy(() -> new PairingToken("nothex!!", "tom", "Guest", 1, secret(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PairingToken("0123abcd", "Tom", "Guest", 1, secret(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pakeSecretsCompareByValueAndNeverPrintIt() {
        assertThat(secret(1)).isEqualTo(secret(1)).hasSameHashCodeAs(secret(1)).isNotEqualTo(secret(2));
        assertThat(secret(1).matchesDigest(secret(1).digest())).isTrue();
        assertThat(secret(1).matchesDigest(secret(2).digest())).isFalse();
        assertThat(secret(1).digest()).hasSize(32).isNotEqualTo(secret(1).value());
        assertThat(secret(1).toString()).doesNotContain(HexOf.secret(1));
        byte[] v = secret(1).value();
        v[0] = 9;
        assertThat(secret(1).value()[0]).isEqualTo((byte) 1); // a copy, not the secret
        assertThatThrownBy(() -> new PakeSecret(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(PakeSecret.parse(secret(1).hex())).isEqualTo(secret(1));
    }

    @Test
    void usernamesAndDisplayableNames() {
        assertThat(User.isValidUsername("a")).isTrue();
        assertThat(User.isValidUsername("a".repeat(64))).isTrue();
        assertThat(User.isValidUsername("a".repeat(65))).isFalse();
        assertThat(User.isValidUsername("")).isFalse();
        assertThat(User.isValidUsername(null)).isFalse();
        assertThat(User.isValidUsername("a_b.c-9")).isTrue();
        assertThat(User.isDisplayable("Ann Ö 字")).isTrue();
        assertThat(User.isDisplayable("a\u0085b")).isFalse(); // C1 control
        assertThat(User.isDisplayable("a\u200bb")).isFalse(); // zero-width space
    }

    /** The hex of a test secret, to check it is never printed. */
    private static final class HexOf {
        static String secret(int fill) {
            return java.util.HexFormat.of().formatHex(IamOperationsTest.secret(fill).value());
        }
    }
}
