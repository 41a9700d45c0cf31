package dev.edgepair.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.edgepair.iam.User;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.protocol.PairingPasswords;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * A paired device's administration, over one {@link DeviceConnection} ({@link DeviceConnection#admin()}): users and
 * their keys, roles, invitations, pairing tokens, settings, and the pairing modes the device offers. Each method is
 * one or a few requests of {@code spec/coap-api.md}; what this client may do is what the device's IAM grants its
 * user (by default an {@code Administrator} may do everything, a {@code Guest} little). A refusal is a
 * {@link RequestRefusedException} with the device's code and reason, and the device changed nothing; a value the
 * device would refuse anyway (a username outside {@code [a-z0-9_.-]{1,64}}) is an {@link IllegalArgumentException}
 * before anything is sent.
 * <pre>{@code
 * try (DeviceConnection connection = client.connect(device, null)) {
 *     DeviceAdmin admin = connection.admin();
 *     DeviceAdmin.Invitation invitation = admin.invite("carol", "Standard");
 *     String text = invitation.pairingString(device, device.lastAddress()).format();
 * }
 * }</pre>
 * Not thread-safe (as its connection).
 */
public final class DeviceAdmin {
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{8}");
    private static final int MAX_USERS = 10_000;
    private static final int MAX_NAME = 64;
    private final DeviceConnection connection;

    DeviceAdmin(DeviceConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * A user on the device.
     *
     * @param username the username
     * @param displayName the name shown to people (may be empty)
     * @param role the user's role, e.g. {@code Administrator}
     * @param keys the client keys paired to the user
     */
    public record DeviceUser(String username, String displayName, String role, List<UserKey> keys) {
        /**
         * @param username the username
         * @param displayName the display name
         * @param role the role
         * @param keys the keys (copied)
         */
        public DeviceUser {
            Objects.requireNonNull(username, "username");
            displayName = displayName == null ? "" : displayName;
            Objects.requireNonNull(role, "role");
            keys = List.copyOf(keys);
        }
    }

    /**
     * A client key paired to a user.
     *
     * @param fingerprint the key's fingerprint
     * @param name the key's name, e.g. {@code phone} (may be empty)
     */
    public record UserKey(Fingerprint fingerprint, String name) {
        /**
         * @param fingerprint the fingerprint
         * @param name the name
         */
        public UserKey {
            Objects.requireNonNull(fingerprint, "fingerprint");
            name = name == null ? "" : name;
        }
    }

    /**
     * A user to create: {@code NewUser.named("carol").withRole("Guest")}.
     *
     * @param username the username, {@code [a-z0-9_.-]{1,64}}
     * @param displayName the display name, or empty
     * @param role the role, or empty for the device's open-pairing role
     */
    public record NewUser(String username, String displayName, String role) {
        /**
         * @param username the username
         * @param displayName the display name (null: empty)
         * @param role the role (null: empty, the device's open-pairing role)
         * @throws IllegalArgumentException if the username is not {@code [a-z0-9_.-]{1,64}}
         */
        public NewUser {
            requireUsername(username);
            displayName = displayName == null ? "" : displayName;
            role = role == null ? "" : role;
        }

        /**
         * @param username the username
         * @return a new user with the device's default role and no display name
         * @throws IllegalArgumentException if the username is not {@code [a-z0-9_.-]{1,64}}
         */
        public static NewUser named(String username) {
            return new NewUser(username, "", "");
        }

        /**
         * @param newRole the role, e.g. {@code Standard}
         * @return the same user with that role
         */
        public NewUser withRole(String newRole) {
            return new NewUser(username, displayName, newRole);
        }

        /**
         * @param name the display name
         * @return the same user with that display name
         */
        public NewUser withDisplayName(String name) {
            return new NewUser(username, name, role);
        }
    }

    /**
     * A pairing token to issue: {@code NewToken.forUser("dave").withRole("Guest").validFor(Duration.ofHours(1))}.
     *
     * @param username the user the token pairs as (created when the token is used, if it does not exist)
     * @param role the role, or empty for the device's default (an existing user's role)
     * @param validity how long the token lives
     */
    public record NewToken(String username, String role, Duration validity) {
        /** A token lives a day unless told otherwise. */
        public static final Duration DEFAULT_VALIDITY = Duration.ofDays(1);

        /**
         * @param username the username
         * @param role the role (null: empty)
         * @param validity the validity, at least a second
         * @throws IllegalArgumentException if the username is not {@code [a-z0-9_.-]{1,64}} or the validity is
         *                                  under a second
         */
        public NewToken {
            requireUsername(username);
            role = role == null ? "" : role;
            Objects.requireNonNull(validity, "validity");
            if (validity.toSeconds() < 1) {
                throw new IllegalArgumentException("a pairing token is valid for at least a second");
            }
        }

        /**
         * @param username the user the token pairs as
         * @return a token for that user with the default role, valid for {@link #DEFAULT_VALIDITY}
         */
        public static NewToken forUser(String username) {
            return new NewToken(username, "", DEFAULT_VALIDITY);
        }

        /**
         * @param newRole the role the token grants
         * @return the same token with that role
         */
        public NewToken withRole(String newRole) {
            return new NewToken(username, newRole, validity);
        }

        /**
         * @param duration how long the token lives
         * @return the same token with that validity
         */
        public NewToken validFor(Duration duration) {
            return new NewToken(username, role, duration);
        }
    }

    /**
     * A live pairing token as the device lists it (never the token itself).
     *
     * @param id the token id (8 hex digits)
     * @param username the user it pairs as
     * @param role the role it grants
     * @param expires when it expires
     */
    public record PairingToken(String id, String username, String role, Instant expires) {
    }

    /**
     * A pairing token just issued: the only time the device tells the token.
     *
     * @param token the token as listed
     * @param secret the one-time token (16 symbols); keep it secret
     */
    public record IssuedToken(PairingToken token, String secret) {
        /**
         * @param device the device the token is for (its ids and key)
         * @param address where the new user reaches the device (host:port), or null
         * @return the pairing string that carries the token
         */
        public PairingString pairingString(KnownDevice device, String address) {
            return new PairingString(device.productId(), device.deviceId(), null, secret, token.id(),
                    device.fingerprint(), address);
        }

        /** @return the token's id, user, role and expiry; never the token */
        @Override
        public String toString() {
            return "IssuedToken[" + token + ", secret <redacted>]";
        }
    }

    /**
     * An invitation: a user with a one-time password, for password-invite pairing.
     *
     * @param username the invited user
     * @param password the one-time password; keep it secret
     */
    public record Invitation(String username, String password) {
        /**
         * @param device the device the invitation is for (its ids and key)
         * @param address where the invitee reaches the device (host:port), or null
         * @return the pairing string that carries the invitation
         */
        public PairingString pairingString(KnownDevice device, String address) {
            return new PairingString(device.productId(), device.deviceId(), username, password, null,
                    device.fingerprint(), address);
        }

        /** @return the username; never the password */
        @Override
        public String toString() {
            return "Invitation[" + username + ", password <redacted>]";
        }
    }

    /**
     * The device's IAM settings.
     *
     * @param localOpenPairing whether local-open pairing is on
     * @param localInitialPairing whether local-initial pairing is on
     * @param passwordOpenPairing whether password-open pairing is on
     * @param passwordInvitePairing whether password-invite pairing is on
     * @param openPairingRole the role of users who pair in an open mode
     * @param friendlyName the device's friendly name (may be empty)
     */
    public record Settings(boolean localOpenPairing, boolean localInitialPairing, boolean passwordOpenPairing,
                           boolean passwordInvitePairing, String openPairingRole, String friendlyName) {
    }

    /** The pairing modes an administrator switches on or off ({@link #setPairingMode}). */
    public enum PairingSwitch {
        /** Local-open pairing ({@code local-open-pairing}). */
        LOCAL_OPEN("local-open-pairing"),
        /** Local-initial pairing ({@code local-initial-pairing}). */
        LOCAL_INITIAL("local-initial-pairing"),
        /** Password-open pairing ({@code password-open-pairing}); it also needs an open-pairing password. */
        PASSWORD_OPEN("password-open-pairing"),
        /** Password-invite pairing ({@code password-invite-pairing}). */
        PASSWORD_INVITE("password-invite-pairing");

        private final String setting;

        PairingSwitch(String setting) {
            this.setting = setting;
        }
    }

    // ---- users

    /**
     * {@code GET /iam/me}.
     *
     * @return the user this client is paired as
     * @throws RequestRefusedException if the device refuses (4.04: this client is not paired)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public DeviceUser me() throws RequestRefusedException, IOException {
        return user(send("GET", "/iam/me", null));
    }

    /**
     * {@code GET /iam/users}.
     *
     * @return the usernames
     * @throws RequestRefusedException if the device refuses (by default only administrators list users: 4.03)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public List<String> listUsers() throws RequestRefusedException, IOException {
        CborMap body = send("GET", "/iam/users", null);
        try {
            return body.textList("Users", MAX_USERS, MAX_NAME);
        } catch (WireException e) {
            throw bad("/iam/users", e);
        }
    }

    /**
     * {@code GET /iam/users/{username}}.
     *
     * @param username the user
     * @return the user
     * @throws RequestRefusedException if the device refuses (4.04 no such user, 4.03 denied)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public DeviceUser getUser(String username) throws RequestRefusedException, IOException {
        return user(send("GET", userPath(username), null));
    }

    /**
     * {@code POST /iam/users}.
     *
     * @param user the user to create
     * @return the user as created
     * @throws RequestRefusedException if the device refuses (4.09 exists, 4.00 unknown role, 4.03 denied)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public DeviceUser createUser(NewUser user) throws RequestRefusedException, IOException {
        CborMap.Builder b = CborMap.builder().put("Username", user.username());
        if (!user.displayName().isEmpty()) {
            b.put("DisplayName", user.displayName());
        }
        if (!user.role().isEmpty()) {
            b.put("Role", user.role());
        }
        return user(send("POST", "/iam/users", b.build()));
    }

    /**
     * {@code DELETE /iam/users/{username}}: the user, its keys, its invitation and its pairing tokens go.
     *
     * @param username the user
     * @throws RequestRefusedException if the device refuses (4.04 no such user, 4.03 denied)
     * @throws IOException if the device does not answer
     */
    public void deleteUser(String username) throws RequestRefusedException, IOException {
        send("DELETE", userPath(username), null);
    }

    /**
     * {@code PUT /iam/users/{username}/role}.
     *
     * @param username the user
     * @param role the new role
     * @throws RequestRefusedException if the device refuses (4.00 unknown role, 4.04, 4.03)
     * @throws IOException if the device does not answer
     */
    public void setUserRole(String username, String role) throws RequestRefusedException, IOException {
        send("PUT", userPath(username) + "/role", CborMap.builder().put("Role", Objects.requireNonNull(role))
                .build());
    }

    /**
     * {@code PUT /iam/users/{username}/display-name}.
     *
     * @param username the user
     * @param displayName the new display name
     * @throws RequestRefusedException if the device refuses (4.00 control characters, 4.04, 4.03)
     * @throws IOException if the device does not answer
     */
    public void setUserDisplayName(String username, String displayName) throws RequestRefusedException,
            IOException {
        send("PUT", userPath(username) + "/display-name", CborMap.builder()
                .put("DisplayName", Objects.requireNonNull(displayName)).build());
    }

    /**
     * {@code PUT /iam/users/{username}/password}: sets the user's one-time password (an invitation) without
     * switching password-invite pairing on; {@link #invite} does both.
     *
     * @param username the user
     * @param password the password, 8-64 characters
     * @throws IllegalArgumentException if the password is not 8-64 characters (nothing is sent)
     * @throws RequestRefusedException if the device refuses (4.04, 4.03)
     * @throws IOException if the device does not answer
     */
    public void setUserPassword(String username, String password) throws RequestRefusedException, IOException {
        String problem = PairingPasswords.passwordProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        send("PUT", userPath(username) + "/password", CborMap.builder().put("Password", password).build());
    }

    /**
     * {@code PUT /iam/users/{username}/fingerprints/{fingerprint}}: pairs a client key to the user.
     *
     * @param username the user
     * @param key the key's fingerprint
     * @param name the key's name (may be empty)
     * @throws RequestRefusedException if the device refuses (4.09 the key belongs to another user, 4.03: by
     *                                 default a non-administrator may add only the key it connects with)
     * @throws IOException if the device does not answer
     */
    public void addUserKey(String username, Fingerprint key, String name) throws RequestRefusedException,
            IOException {
        send("PUT", userPath(username) + "/fingerprints/" + key.hex(), CborMap.builder()
                .put("Name", name == null ? "" : name).build());
    }

    /**
     * {@code DELETE /iam/users/{username}/fingerprints/{fingerprint}}.
     *
     * @param username the user
     * @param key the key's fingerprint
     * @throws RequestRefusedException if the device refuses (4.04 no such user or key, 4.03)
     * @throws IOException if the device does not answer
     */
    public void removeUserKey(String username, Fingerprint key) throws RequestRefusedException, IOException {
        send("DELETE", userPath(username) + "/fingerprints/" + key.hex(), null);
    }

    /**
     * {@code GET /iam/roles}.
     *
     * @return the role ids the device's IAM config defines
     * @throws RequestRefusedException if the device refuses (4.03)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public List<String> roles() throws RequestRefusedException, IOException {
        CborMap body = send("GET", "/iam/roles", null);
        try {
            return body.textList("Roles", 1000, MAX_NAME);
        } catch (WireException e) {
            throw bad("/iam/roles", e);
        }
    }

    // ---- invitations and tokens

    /**
     * Invites a user (password-invite pairing): creates it with {@code role} unless it exists (an existing user keeps
     * its role), gives it a new generated one-time password, and switches password-invite pairing on. The invitation
     * lasts until it is used or changed; pairing with it still needs the device's pairing window open.
     *
     * @param username the user to invite
     * @param role the role of a new user, or null for the device's open-pairing role
     * @return the invitation, with the password to hand over
     * @throws RequestRefusedException if the device refuses one of the steps (the steps before it stay done)
     * @throws IOException if the device does not answer
     */
    public Invitation invite(String username, String role) throws RequestRefusedException, IOException {
        try {
            createUser(NewUser.named(username).withRole(role));
        } catch (RequestRefusedException e) {
            if (!e.code().equals("4.09")) {
                throw e;
            }
        }
        String password = PairingPasswords.newPassword();
        setUserPassword(username, password);
        setPairingMode(PairingSwitch.PASSWORD_INVITE, true);
        return new Invitation(username, password);
    }

    /**
     * {@code POST /iam/pairing-tokens}: issues a one-time pairing token.
     *
     * @param request the user, role and validity
     * @return the token, with its secret (the only time the device tells it)
     * @throws RequestRefusedException if the device refuses (4.03 denied for that role, 4.09 too many tokens or
     *                                 another role than the existing user's)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public IssuedToken createPairingToken(NewToken request) throws RequestRefusedException, IOException {
        CborMap.Builder b = CborMap.builder().put("Username", request.username())
                .put("ValidSeconds", request.validity().toSeconds());
        if (!request.role().isEmpty()) {
            b.put("Role", request.role());
        }
        CborMap t = send("POST", "/iam/pairing-tokens", b.build());
        try {
            return new IssuedToken(token(t), t.text("Token", 32));
        } catch (WireException e) {
            throw bad("/iam/pairing-tokens", e);
        }
    }

    /**
     * {@code GET /iam/pairing-tokens}.
     *
     * @return the live tokens (without their secrets)
     * @throws RequestRefusedException if the device refuses (4.03)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public List<PairingToken> listPairingTokens() throws RequestRefusedException, IOException {
        CborMap body = send("GET", "/iam/pairing-tokens", null);
        try {
            List<PairingToken> tokens = new ArrayList<>();
            for (CborMap t : body.mapList("Tokens", MAX_USERS)) {
                tokens.add(token(t));
            }
            return List.copyOf(tokens);
        } catch (WireException e) {
            throw bad("/iam/pairing-tokens", e);
        }
    }

    /**
     * {@code DELETE /iam/pairing-tokens/{id}}: revokes a token.
     *
     * @param id the token id (8 hex digits)
     * @throws IllegalArgumentException if the id is not 8 hex digits (nothing is sent)
     * @throws RequestRefusedException if the device refuses (4.04 no live token with that id, 4.03)
     * @throws IOException if the device does not answer
     */
    public void deletePairingToken(String id) throws RequestRefusedException, IOException {
        if (id == null || !TOKEN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a token id is 8 hex digits (0-9 a-f)");
        }
        send("DELETE", "/iam/pairing-tokens/" + id, null);
    }

    // ---- settings and pairing modes

    /**
     * {@code GET /iam/settings}.
     *
     * @return the settings
     * @throws RequestRefusedException if the device refuses (4.03)
     * @throws IOException if the device does not answer or sends a bad body
     */
    public Settings settings() throws RequestRefusedException, IOException {
        CborMap s = send("GET", "/iam/settings", null);
        try {
            return new Settings(s.bool("LocalOpenPairing"), s.bool("LocalInitialPairing"),
                    s.bool("PasswordOpenPairing"), s.bool("PasswordInvitePairing"), s.text("OpenPairingRole", MAX_NAME),
                    s.optionalText("FriendlyName", MAX_NAME).orElse(""));
        } catch (WireException e) {
            throw bad("/iam/settings", e);
        }
    }

    /**
     * {@code PUT /iam/settings/<mode>-pairing}: switches a pairing mode on or off.
     *
     * @param mode the mode
     * @param on whether it is on
     * @throws RequestRefusedException if the device refuses (4.03)
     * @throws IOException if the device does not answer
     */
    public void setPairingMode(PairingSwitch mode, boolean on) throws RequestRefusedException, IOException {
        send("PUT", "/iam/settings/" + mode.setting, CborMap.builder().put("Value", on).build());
    }

    /**
     * {@code PUT /iam/settings/open-pairing-password}: the device keeps only its J-PAKE secret.
     *
     * @param password the open-pairing password, 8-64 characters
     * @throws IllegalArgumentException if the password is not 8-64 characters (nothing is sent)
     * @throws RequestRefusedException if the device refuses (4.03)
     * @throws IOException if the device does not answer
     */
    public void setOpenPairingPassword(String password) throws RequestRefusedException, IOException {
        String problem = PairingPasswords.passwordProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        send("PUT", "/iam/settings/open-pairing-password", CborMap.builder().put("Value", password).build());
    }

    /**
     * {@code PUT /iam/settings/open-pairing-role}.
     *
     * @param role the role of users who pair in an open mode
     * @throws RequestRefusedException if the device refuses (4.00 unknown role, 4.03)
     * @throws IOException if the device does not answer
     */
    public void setOpenPairingRole(String role) throws RequestRefusedException, IOException {
        send("PUT", "/iam/settings/open-pairing-role", CborMap.builder().put("Value", Objects.requireNonNull(role))
                .build());
    }

    /**
     * {@code PUT /iam/settings/friendly-name}.
     *
     * @param name the device's friendly name
     * @throws RequestRefusedException if the device refuses (4.00 control characters, 4.03)
     * @throws IOException if the device does not answer
     */
    public void setFriendlyName(String name) throws RequestRefusedException, IOException {
        send("PUT", "/iam/settings/friendly-name", CborMap.builder().put("Value", Objects.requireNonNull(name))
                .build());
    }

    /**
     * {@code GET /iam/pairing}: the device's ids and the pairing modes possible on this connection now (the password
     * modes are listed whether the pairing window is open or not; the window itself is opened on the device).
     *
     * @return the device's description
     * @throws IOException if the device does not answer, refuses, or sends a bad body
     */
    public DeviceDescription pairingModes() throws IOException {
        return connection.describe();
    }

    // ---- plumbing

    private static void requireUsername(String username) {
        if (!User.isValidUsername(username)) {
            throw new IllegalArgumentException("usernames are 1-64 of [a-z0-9_.-], not '" + username + "'");
        }
    }

    private static String userPath(String username) {
        requireUsername(username);
        return "/iam/users/" + username;
    }

    /** One request; a success's CBOR body (the empty map if none); an error is the device's refusal. */
    private CborMap send(String method, String path, CborMap body) throws RequestRefusedException, IOException {
        Response r = switch (method) {
            case "GET" -> connection.get(path);
            case "DELETE" -> connection.delete(path);
            case "POST" -> connection.post(path, body);
            case "PUT" -> connection.put(path, body);
            default -> throw new IllegalArgumentException(method);
        };
        if (!r.isSuccess()) {
            throw new RequestRefusedException(method, path, r.code(), r.text());
        }
        byte[] payload = r.payload();
        if (payload.length == 0) {
            return CborMap.builder().build();
        }
        try {
            return Cbor.decodeMap(payload);
        } catch (WireException e) {
            throw bad(path, e);
        }
    }

    private static DeviceUser user(CborMap u) throws IOException {
        try {
            List<UserKey> keys = new ArrayList<>();
            for (CborMap k : u.mapList("Fingerprints", 1000)) {
                String fp = k.text("Fingerprint", 64);
                if (!Fingerprint.isValid(fp)) {
                    throw new WireException("bad fingerprint " + fp);
                }
                keys.add(new UserKey(Fingerprint.parse(fp), k.optionalText("Name", MAX_NAME).orElse("")));
            }
            return new DeviceUser(u.text("Username", MAX_NAME), u.optionalText("DisplayName", MAX_NAME).orElse(""),
                    u.text("Role", MAX_NAME), keys);
        } catch (WireException | IllegalArgumentException e) {
            throw new IOException("the device sent a bad user (" + e.getMessage() + ")");
        }
    }

    private static PairingToken token(CborMap t) throws WireException {
        return new PairingToken(t.text("Id", 8), t.text("Username", MAX_NAME), t.text("Role", MAX_NAME),
                Instant.ofEpochSecond(t.unsigned("Expires", Instant.MAX.getEpochSecond())));
    }

    private static IOException bad(String path, WireException e) {
        return new IOException("the device sent a bad " + path + " body (" + e.getMessage() + ")");
    }
}
