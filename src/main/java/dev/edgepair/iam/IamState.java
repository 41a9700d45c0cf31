package dev.edgepair.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.edgepair.identity.Fingerprint;

/**
 * The device's runtime IAM state: users, pairing-mode switches, the open-pairing role, the initial username and the
 * friendly name, the open-pairing secret and the pairing tokens. Immutable: every change makes a new state, which is
 * saved before it is used. Holds no password or token in plaintext, only their {@link PakeSecret}s.
 */
public record IamState(String friendlyName, boolean localOpenPairing, boolean localInitialPairing,
                       boolean passwordOpenPairing, boolean passwordInvitePairing, String openPairingRole,
                       String initialUsername, List<User> users, PakeSecret openPairingSecret,
                       List<PairingToken> tokens) {
    public static final int VERSION = 1;

    public IamState {
        friendlyName = friendlyName == null ? "" : friendlyName;
        initialUsername = initialUsername == null ? "" : initialUsername;
        users = List.copyOf(users);
        tokens = List.copyOf(tokens);
    }

    /** A fresh device: local-initial pairing of the pre-created administrator "admin", other modes off. */
    public static IamState initial() {
        return new IamState("", false, true, false, false, "Standard", "admin",
                List.of(new User("admin", "", "Administrator", List.of())), null, List.of());
    }

    public Optional<User> user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    public Optional<User> userWith(Fingerprint fingerprint) {
        return users.stream().filter(u -> u.has(fingerprint)).findFirst();
    }

    /** This state with {@code user} added or replacing the user of the same name. */
    public IamState withUser(User user) {
        List<User> next = new ArrayList<>(users);
        next.removeIf(u -> u.username().equals(user.username()));
        next.add(user);
        return withUsers(next);
    }

    public IamState withoutUser(String username) {
        List<User> next = new ArrayList<>(users);
        next.removeIf(u -> u.username().equals(username));
        return withUsers(next);
    }

    public IamState withUsers(List<User> next) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, next, openPairingSecret, tokens);
    }

    public IamState withSetting(Setting setting, boolean on) {
        return new IamState(friendlyName,
                setting == Setting.LOCAL_OPEN_PAIRING ? on : localOpenPairing,
                setting == Setting.LOCAL_INITIAL_PAIRING ? on : localInitialPairing,
                setting == Setting.PASSWORD_OPEN_PAIRING ? on : passwordOpenPairing,
                setting == Setting.PASSWORD_INVITE_PAIRING ? on : passwordInvitePairing,
                openPairingRole, initialUsername, users, openPairingSecret, tokens);
    }

    public IamState withOpenPairingRole(String role) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, role, initialUsername, users, openPairingSecret, tokens);
    }

    public IamState withFriendlyName(String name) {
        return new IamState(name, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, users, openPairingSecret, tokens);
    }

    public IamState withOpenPairingSecret(PakeSecret secret) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, users, secret, tokens);
    }

    public IamState withTokens(List<PairingToken> next) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, users, openPairingSecret, next);
    }

    public Optional<PairingToken> token(String id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public boolean setting(Setting setting) {
        return switch (setting) {
            case LOCAL_OPEN_PAIRING -> localOpenPairing;
            case LOCAL_INITIAL_PAIRING -> localInitialPairing;
            case PASSWORD_OPEN_PAIRING -> passwordOpenPairing;
            case PASSWORD_INVITE_PAIRING -> passwordInvitePairing;
        };
    }

    /** The pairing-mode switches, by their {@code PUT /iam/settings/{name}} names. */
    public enum Setting {
        LOCAL_OPEN_PAIRING("local-open-pairing", "LocalOpenPairing"),
        LOCAL_INITIAL_PAIRING("local-initial-pairing", "LocalInitialPairing"),
        PASSWORD_OPEN_PAIRING("password-open-pairing", "PasswordOpenPairing"),
        PASSWORD_INVITE_PAIRING("password-invite-pairing", "PasswordInvitePairing");

        private final String path;
        private final String json;

        Setting(String path, String json) {
            this.path = path;
            this.json = json;
        }

        public String path() {
            return path;
        }

        public String json() {
            return json;
        }

        public static Optional<Setting> byPath(String path) {
            for (Setting s : values()) {
                if (s.path.equals(path)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "IamState[" + users.size() + " users, " + tokens.size() + " tokens]";
    }
}
