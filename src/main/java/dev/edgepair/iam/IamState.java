package dev.edgepair.iam;

import java.util.List;
import java.util.Optional;

import dev.edgepair.identity.Fingerprint;

/**
 * The device's runtime IAM state: users, pairing-mode switches, the open-pairing role, the initial username and the
 * friendly name, the open-pairing secret and the pairing tokens. Immutable: every change makes a new state, which is
 * saved before it is used. Holds no password or token in plaintext, only their {@link PakeSecret}s.
 *
 * @param friendlyName the device's name for people, empty if none
 * @param localOpenPairing whether local-open pairing is on
 * @param localInitialPairing whether local-initial pairing is on
 * @param passwordOpenPairing whether password-open pairing is on
 * @param passwordInvitePairing whether password-invite pairing is on
 * @param openPairingRole the role a user paired by an open mode gets
 * @param initialUsername the user that local-initial pairing pairs, empty if none
 * @param users the users, in order
 * @param openPairingSecret the secret of the open pairing password, or null if none is set
 * @param tokens the live pairing tokens
 */
public record IamState(String friendlyName, boolean localOpenPairing, boolean localInitialPairing,
                       boolean passwordOpenPairing, boolean passwordInvitePairing, String openPairingRole,
                       String initialUsername, List<User> users, PakeSecret openPairingSecret,
                       List<PairingToken> tokens) {
    /** The version of the state file format this code writes and reads. */
    public static final int VERSION = 1;

    /**
     * A state; null names become empty, the lists are copied.
     *
     * @param friendlyName the device's name for people, or null
     * @param localOpenPairing whether local-open pairing is on
     * @param localInitialPairing whether local-initial pairing is on
     * @param passwordOpenPairing whether password-open pairing is on
     * @param passwordInvitePairing whether password-invite pairing is on
     * @param openPairingRole the role a user paired by an open mode gets
     * @param initialUsername the user that local-initial pairing pairs, or null
     * @param users the users
     * @param openPairingSecret the secret of the open pairing password, or null
     * @param tokens the live pairing tokens
     */
    public IamState {
        friendlyName = friendlyName == null ? "" : friendlyName;
        initialUsername = initialUsername == null ? "" : initialUsername;
        users = UserList.of(users);
        tokens = List.copyOf(tokens);
    }

    /**
     * A fresh device: local-initial pairing of the pre-created administrator "admin", other modes off.
     *
     * @return the first state of every device
     */
    public static IamState initial() {
        return new IamState("", false, true, false, false, "Standard", "admin",
                List.of(new User("admin", "", "Administrator", List.of())), null, List.of());
    }

    /**
     * Finds a user by name.
     *
     * @param username the name
     * @return the user, or empty
     */
    public Optional<User> user(String username) {
        return Optional.ofNullable(((UserList) users).named(username));
    }

    /**
     * Finds the user that holds a client key.
     *
     * @param fingerprint the client key's fingerprint
     * @return the first user holding it, or empty
     */
    public Optional<User> userWith(Fingerprint fingerprint) {
        return Optional.ofNullable(((UserList) users).holding(fingerprint));
    }

    /**
     * This state with {@code user} added or replacing the user of the same name.
     *
     * @param user the user
     * @return a new state, the user last
     */
    public IamState withUser(User user) {
        return withUsers(((UserList) users).with(user));
    }

    /**
     * This state without a user.
     *
     * @param username the user's name; an unknown name changes nothing
     * @return a new state
     */
    public IamState withoutUser(String username) {
        return withUsers(((UserList) users).without(username));
    }

    /**
     * This state with another user list.
     *
     * @param next the users, in order
     * @return a new state
     */
    public IamState withUsers(List<User> next) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, next, openPairingSecret, tokens);
    }

    /**
     * This state with a pairing mode switched on or off.
     *
     * @param setting the switch
     * @param on its new value
     * @return a new state
     */
    public IamState withSetting(Setting setting, boolean on) {
        return new IamState(friendlyName,
                setting == Setting.LOCAL_OPEN_PAIRING ? on : localOpenPairing,
                setting == Setting.LOCAL_INITIAL_PAIRING ? on : localInitialPairing,
                setting == Setting.PASSWORD_OPEN_PAIRING ? on : passwordOpenPairing,
                setting == Setting.PASSWORD_INVITE_PAIRING ? on : passwordInvitePairing,
                openPairingRole, initialUsername, users, openPairingSecret, tokens);
    }

    /**
     * This state with another role for users paired by an open mode.
     *
     * @param role a role id; not checked against the config here
     * @return a new state
     */
    public IamState withOpenPairingRole(String role) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, role, initialUsername, users, openPairingSecret, tokens);
    }

    /**
     * This state with another friendly name.
     *
     * @param name the name, null for none
     * @return a new state
     */
    public IamState withFriendlyName(String name) {
        return new IamState(name, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, users, openPairingSecret, tokens);
    }

    /**
     * This state with another open pairing secret.
     *
     * @param secret the secret derived from the new password, or null for none
     * @return a new state
     */
    public IamState withOpenPairingSecret(PakeSecret secret) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, users, secret, tokens);
    }

    /**
     * This state with another token list.
     *
     * @param next the live tokens
     * @return a new state
     */
    public IamState withTokens(List<PairingToken> next) {
        return new IamState(friendlyName, localOpenPairing, localInitialPairing, passwordOpenPairing,
                passwordInvitePairing, openPairingRole, initialUsername, users, openPairingSecret, next);
    }

    /**
     * Finds a pairing token by id, expired or not.
     *
     * @param id the token id
     * @return the token, or empty
     */
    public Optional<PairingToken> token(String id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * Reads a pairing mode switch.
     *
     * @param setting the switch
     * @return whether it is on
     */
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
        /** Local-open pairing: anyone on the LAN pairs, no secret. */
        LOCAL_OPEN_PAIRING("local-open-pairing", "LocalOpenPairing"),
        /** Local-initial pairing: the first client on the LAN pairs as the initial user. */
        LOCAL_INITIAL_PAIRING("local-initial-pairing", "LocalInitialPairing"),
        /** Password-open pairing: whoever knows the open pairing password pairs. */
        PASSWORD_OPEN_PAIRING("password-open-pairing", "PasswordOpenPairing"),
        /** Password-invite pairing: an invited user pairs with the invitation's one-time password. */
        PASSWORD_INVITE_PAIRING("password-invite-pairing", "PasswordInvitePairing");

        private final String path;
        private final String json;

        Setting(String path, String json) {
            this.path = path;
            this.json = json;
        }

        /**
         * The switch's name in {@code /iam/settings/{name}}.
         *
         * @return for example {@code password-open-pairing}
         */
        public String path() {
            return path;
        }

        /**
         * The switch's key in the state file and in CBOR bodies.
         *
         * @return for example {@code PasswordOpenPairing}
         */
        public String json() {
            return json;
        }

        /**
         * Finds a switch by its {@link #path()} name.
         *
         * @param path the name in the request path
         * @return the switch, or empty if there is none of that name
         */
        public static Optional<Setting> byPath(String path) {
            for (Setting s : values()) {
                if (s.path.equals(path)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** Counts only: no names, no secrets. */
    @Override
    public String toString() {
        return "IamState[" + users.size() + " users, " + tokens.size() + " tokens]";
    }
}
