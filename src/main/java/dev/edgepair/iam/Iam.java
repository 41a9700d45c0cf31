package dev.edgepair.iam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.edgepair.iam.IamException.Kind;
import dev.edgepair.identity.Fingerprint;

/**
 * Access control for a device: the static {@link IamConfig} (policies and roles) and the persistent
 * {@link IamState} (users and pairing switches). Decisions read an immutable snapshot; every change is computed on
 * the newest state, saved through the {@link IamStateStore}, and only then published and answered; changes made
 * while a save runs share the next save (group commit). A change whose save fails changes nothing. An access decision
 * and the change it allows run as one step through {@link #atomically}: no other change can come between them.
 */
public final class Iam implements AccessList {
    private static final Logger LOG = LoggerFactory.getLogger(Iam.class);

    private final IamConfig config;
    private final IamStateStore store;
    /**
     * The last saved state, which requests read. Finding the user of a connection, on each request and each new
     * connection, is a lookup in the state's own index ({@link IamState#userWith}).
     */
    private volatile IamState published;
    // group commit (see update), all guarded by commit
    private final ReentrantLock commit = new ReentrantLock();
    private final Condition saved = commit.newCondition();
    /** The newest state, with changes whose save has not returned yet. */
    private IamState pending;
    private Batch open = new Batch();
    private Batch saving;

    private Iam(IamConfig config, IamStateStore store, IamState state) {
        this.config = config;
        this.store = store;
        this.published = state;
        this.pending = state;
    }

    /**
     * Loads the saved state, or creates and saves {@link IamState#initial()} on first start.
     *
     * @param config the policies and roles
     * @param store where the state lives
     * @return the IAM of a device
     * @throws IamStateException if the saved state cannot be read or the initial state cannot be saved
     */
    public static Iam open(IamConfig config, IamStateStore store) throws IamStateException {
        Optional<IamState> saved = store.load();
        IamState state = saved.orElseGet(IamState::initial);
        if (saved.isEmpty()) {
            store.save(state);
        }
        for (User u : state.users()) {
            if (!config.hasRole(u.role())) {
                LOG.warn("user {} has role {}, which the IAM config does not define: it is denied everything",
                        u.username(), u.role());
            }
        }
        return new Iam(config, store, state);
    }

    /**
     * The static configuration: policies and roles.
     *
     * @return the config
     */
    public IamConfig config() {
        return config;
    }

    /**
     * The current state, an immutable snapshot that includes every change answered so far. Inside
     * {@link #atomically}, the newest state: it also holds changes whose save has not returned yet, and it is the
     * state the section's change will be computed from.
     *
     * @return the snapshot
     */
    public IamState state() {
        return commit.isHeldByCurrentThread() ? pending : published;
    }

    /**
     * Runs an access decision and the change it allows as one step: while {@code section} runs on this thread, the
     * decisions ({@link #state}, {@link #userOf}, {@link #isAllowed}, {@link #initialUserUnpaired}) read the newest
     * state, and no other change can be made until the section's own change has been computed from that same state.
     * Without it a decision made on the saved state could let a change through that a change still being saved
     * forbids (a demotion, a switched-off mode, an administrator's first key). The section's change still answers
     * only once it is durable; other changes are made and saved meanwhile (the section holds nothing while it waits).
     * Keep sections short: no I/O, no waiting for people.
     *
     * @param section the decision and the change
     * @param <T> what the section returns
     * @param <E> what the section may throw
     * @return what the section returned
     * @throws E what the section threw
     */
    public <T, E extends Exception> T atomically(Section<T, E> section) throws E {
        commit.lock();
        try {
            return section.run();
        } finally {
            commit.unlock();
        }
    }

    /**
     * An access decision and the change it allows, for {@link #atomically}.
     *
     * @param <T> what the section returns
     * @param <E> what the section may throw
     */
    @FunctionalInterface
    public interface Section<T, E extends Exception> {
        /**
         * Decides and changes.
         *
         * @return the result
         * @throws E when refused
         */
        T run() throws E;
    }

    /**
     * The user a key belongs to.
     *
     * @param client the key's fingerprint
     * @return the user, or empty for an unpaired key
     */
    public Optional<User> userOf(Fingerprint client) {
        return state().userWith(client);
    }

    // ---- decisions ----

    /**
     * The attributes of a connection (spec/iam.md, "Attributes"): {@code Connection:IsLocal},
     * {@code Connection:Fingerprint}, and for a paired key {@code Connection:Username} and {@code Connection:UserRole}.
     *
     * @param client the key the connection authenticated
     * @param local whether the connection is local
     * @return the attributes, a new mutable map
     */
    public Map<String, String> attributes(Fingerprint client, boolean local) {
        Map<String, String> a = new HashMap<>();
        a.put("Connection:IsLocal", Boolean.toString(local));
        a.put("Connection:Fingerprint", client.hex());
        userOf(client).ifPresent(u -> {
            a.put("Connection:Username", u.username());
            a.put("Connection:UserRole", u.role());
        });
        return a;
    }

    /**
     * Whether a connection may perform an action: its user's role (or the unpaired role) decides, with the
     * connection's and the request's attributes for conditions.
     *
     * @param client the key the connection authenticated
     * @param local whether the connection is local
     * @param action the action, such as {@code IAM:CreateUser}
     * @param requestAttributes attributes of the request, such as {@code IAM:Username}
     * @return true if allowed
     */
    public boolean isAllowed(Fingerprint client, boolean local, String action, Map<String, String> requestAttributes) {
        String role = userOf(client).map(User::role).orElse(config.unpairedRole());
        Map<String, String> attrs = attributes(client, local);
        attrs.putAll(requestAttributes);
        return config.decide(role, action, attrs) == IamConfig.Decision.ALLOW;
    }

    // ---- AccessList (fingerprint-confirmation pairing) ----

    @Override
    public boolean isPaired(Fingerprint client) {
        return state().userWith(client).isPresent();
    }

    /** Fingerprint-confirmation pairing: a new user {@code client-<8 hex>} with the open-pairing role. */
    @Override
    public boolean pair(Fingerprint client) {
        try {
            return update(s -> {
                if (s.userWith(client).isPresent()) {
                    return new Change<>(s, false);
                }
                String name = "client-" + client.shortHex();
                if (s.user(name).isPresent()) {
                    throw new IamException(Kind.CONFLICT, "username " + name + " is taken");
                }
                User u = new User(name, "", s.openPairingRole(), List.of(new User.NamedFingerprint(client, "")));
                return new Change<>(s.withUser(u), true);
            });
        } catch (IamException e) {
            throw new IllegalStateException("pairing failed: " + e.getMessage(), e);
        }
    }

    // ---- changes ----

    /**
     * Creates a user without keys.
     *
     * @param username 1-64 of {@code [a-z0-9_.-]}
     * @param displayName shown to people, without control characters
     * @param role a role the config defines
     * @return the user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User createUser(String username, String displayName, String role) throws IamException {
        checkUsername(username);
        checkDisplayText("display name", displayName);
        return update(s -> {
            checkRole(role);
            if (s.user(username).isPresent()) {
                throw new IamException(Kind.CONFLICT, "user " + username + " exists");
            }
            User u = new User(username, displayName, role, List.of());
            return new Change<>(s.withUser(u), u);
        });
    }

    /**
     * Deletes a user with its keys, its invitation and every pairing token issued for it.
     *
     * @param username the user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public void deleteUser(String username) throws IamException {
        update(s -> {
            existing(s, username);
            return new Change<>(s.withoutUser(username)
                    .withTokens(s.tokens().stream().filter(t -> !t.username().equals(username)).toList()), null);
        });
    }

    /**
     * Changes a user's role.
     *
     * @param username the user
     * @param role a role the config defines
     * @return the changed user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User setRole(String username, String role) throws IamException {
        return update(s -> {
            User u = existing(s, username);
            checkRole(role);
            User next = u.withRole(role);
            return new Change<>(s.withUser(next), next);
        });
    }

    /**
     * Changes a user's display name.
     *
     * @param username the user
     * @param displayName the new name, without control characters
     * @return the changed user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User setDisplayName(String username, String displayName) throws IamException {
        checkDisplayText("display name", displayName);
        return update(s -> {
            User next = existing(s, username).withDisplayName(displayName);
            return new Change<>(s.withUser(next), next);
        });
    }

    /**
     * Adds a key to a user (or renames it); a key that belongs to another user is a conflict.
     *
     * @param username the user
     * @param fingerprint the key
     * @param name the key's name, e.g. "phone"
     * @return the changed user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User setFingerprint(String username, Fingerprint fingerprint, String name) throws IamException {
        checkDisplayText("key name", name);
        return update(s -> {
            User u = existing(s, username);
            requireKeyFreeFor(s, fingerprint, username);
            User next = u.withFingerprint(fingerprint, name);
            return new Change<>(s.withUser(next), next);
        });
    }

    /**
     * Removes a key from a user.
     *
     * @param username the user
     * @param fingerprint the key
     * @return the changed user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User deleteFingerprint(String username, Fingerprint fingerprint) throws IamException {
        return update(s -> {
            User u = existing(s, username);
            if (!u.has(fingerprint)) {
                throw new IamException(Kind.NOT_FOUND, "user " + username + " has no such key");
            }
            User next = u.withoutFingerprint(fingerprint);
            return new Change<>(s.withUser(next), next);
        });
    }

    /**
     * Switches a pairing mode on or off.
     *
     * @param setting the switch
     * @param on the new value
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public void setSetting(IamState.Setting setting, boolean on) throws IamException {
        update(s -> new Change<>(s.withSetting(setting, on), null));
    }

    /**
     * Sets the role of users created by open pairing (local-open, password-open, fingerprint confirmation).
     *
     * @param role a role the config defines
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public void setOpenPairingRole(String role) throws IamException {
        update(s -> {
            checkRole(role);
            return new Change<>(s.withOpenPairingRole(role), null);
        });
    }

    /**
     * Sets the device's friendly name.
     *
     * @param name the name, without control characters
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public void setFriendlyName(String name) throws IamException {
        checkDisplayText("friendly name", name);
        update(s -> new Change<>(s.withFriendlyName(name), null));
    }

    /**
     * Pairs a new user with the open-pairing role (local-open and password-open pairing). Idempotent for the same
     * user and key; a taken username or a key paired to another user is a conflict.
     *
     * @param username the new user
     * @param client the key
     * @param fingerprintName the key's name
     * @return the user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User pairNewUser(String username, Fingerprint client, String fingerprintName) throws IamException {
        return pairNewUser(username, client, fingerprintName, null);
    }

    /**
     * Password-open pairing: {@link #pairNewUser(String, Fingerprint, String)}, provided the open-pairing password is
     * still the one the connection authenticated with ({@code secretDigest}); otherwise 4.01.
     *
     * @param secretDigest {@link PakeSecret#digest()} of the secret the connection authenticated with
     * @param username the new user
     * @param client the key
     * @param fingerprintName the key's name
     * @return the user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User pairWithOpenPassword(byte[] secretDigest, String username, Fingerprint client, String fingerprintName)
            throws IamException {
        return pairNewUser(username, client, fingerprintName, java.util.Objects.requireNonNull(secretDigest));
    }

    private User pairNewUser(String username, Fingerprint client, String fingerprintName, byte[] openSecretDigest)
            throws IamException {
        checkUsername(username);
        checkDisplayText("key name", fingerprintName);
        return update(s -> {
            if (openSecretDigest != null && (s.openPairingSecret() == null
                    || !s.openPairingSecret().matchesDigest(openSecretDigest))) {
                throw new IamException(Kind.UNAUTHORIZED, "the open-pairing password changed; authenticate again");
            }
            Optional<User> owner = s.userWith(client);
            if (owner.isPresent()) {
                if (owner.get().username().equals(username)) {
                    return new Change<>(s, owner.get());
                }
                throw new IamException(Kind.CONFLICT, "this client is already paired as another user");
            }
            if (s.user(username).isPresent()) {
                throw new IamException(Kind.CONFLICT, "username " + username + " is taken");
            }
            checkRole(s.openPairingRole());
            User u = new User(username, "", s.openPairingRole(),
                    List.of(new User.NamedFingerprint(client, fingerprintName)));
            return new Change<>(s.withUser(u), u);
        });
    }

    /**
     * Gives an existing user its first key (local-initial pairing, invitations): a conflict once the user has a key
     * other than this one, or when the key belongs to another user. Idempotent for the same key.
     *
     * @param username the user
     * @param client the key
     * @param fingerprintName the key's name
     * @return the user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User pairExistingUser(String username, Fingerprint client, String fingerprintName) throws IamException {
        checkDisplayText("key name", fingerprintName);
        return update(s -> {
            User u = existing(s, username);
            requireKeyFreeFor(s, client, username);
            if (u.has(client)) {
                return new Change<>(s, u);
            }
            if (!u.fingerprints().isEmpty()) {
                throw new IamException(Kind.CONFLICT, "user " + username + " is already paired");
            }
            User next = u.withFingerprint(client, fingerprintName);
            return new Change<>(s.withUser(next), next);
        });
    }

    /**
     * Sets (or, with null, removes) the open-pairing password's secret.
     *
     * @param secret the secret, or null
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public void setOpenPairingSecret(PakeSecret secret) throws IamException {
        update(s -> new Change<>(s.withOpenPairingSecret(secret), null));
    }

    /**
     * Invites a user: whoever authenticates with this secret may pair as the user, once.
     *
     * @param username the invited user (it must exist)
     * @param secret the invitation's secret
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public void setInvitation(String username, PakeSecret secret) throws IamException {
        update(s -> {
            User next = existing(s, username).withInvitation(secret);
            return new Change<>(s.withUser(next), null);
        });
    }

    /**
     * Password-invite pairing: adds the key to the invited user and consumes the invitation. The invitation must
     * still be the one the connection authenticated with ({@code secretDigest}); otherwise 4.01.
     *
     * @param username the invited user
     * @param secretDigest {@link PakeSecret#digest()} of the secret the connection authenticated with
     * @param client the key
     * @param fingerprintName the key's name
     * @return the user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User pairInvited(String username, byte[] secretDigest, Fingerprint client, String fingerprintName)
            throws IamException {
        checkDisplayText("key name", fingerprintName);
        return update(s -> {
            User u = existing(s, username);
            if (u.invitation() == null || !u.invitation().matchesDigest(secretDigest)) {
                throw new IamException(Kind.UNAUTHORIZED, "the invitation was used or changed");
            }
            requireKeyFreeFor(s, client, username);
            User next = u.withFingerprint(client, fingerprintName).withInvitation(null);
            return new Change<>(s.withUser(next), next);
        });
    }

    /** Most tokens kept at once; creating more is refused (the state file stays small). */
    public static final int MAX_TOKENS = 100;

    /**
     * Stores a pairing token (expired ones are dropped first); at most {@link #MAX_TOKENS}.
     *
     * @param token the token, with its secret
     * @param nowEpochSecond the time now
     * @return the token
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public PairingToken createToken(PairingToken token, long nowEpochSecond) throws IamException {
        return update(s -> {
            checkRole(token.role());
            List<PairingToken> live = new java.util.ArrayList<>(
                    s.tokens().stream().filter(t -> !t.expiredAt(nowEpochSecond)).toList());
            if (live.size() >= MAX_TOKENS) {
                throw new IamException(Kind.CONFLICT, "too many pairing tokens; revoke some first");
            }
            if (s.token(token.id()).isPresent()) {
                throw new IamException(Kind.CONFLICT, "token id " + token.id() + " exists");
            }
            live.add(token);
            return new Change<>(s.withTokens(live), token);
        });
    }

    /**
     * Revokes a pairing token.
     *
     * @param id the token id
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public void deleteToken(String id) throws IamException {
        update(s -> {
            if (s.token(id).isEmpty()) {
                throw new IamException(Kind.NOT_FOUND, "no token " + id);
            }
            return new Change<>(s.withTokens(s.tokens().stream().filter(t -> !t.id().equals(id)).toList()), null);
        });
    }

    /**
     * Token pairing: the token must exist, be unexpired and be the one the connection authenticated with. Creates
     * the token's user with its role, or adds the key to that user if it exists <em>with the token's role</em> (a
     * token never grants a role its creator could not grant: if the user's role changed since, 4.01), and deletes
     * the token.
     *
     * @param id the token id
     * @param secretDigest {@link PakeSecret#digest()} of the secret the connection authenticated with
     * @param client the key
     * @param fingerprintName the key's name
     * @param nowEpochSecond the time now (expiry)
     * @return the user
     * @throws IamException if refused ({@link IamException#kind()} says why) or the state cannot be saved; nothing
     *         changed
     */
    public User pairWithToken(String id, byte[] secretDigest, Fingerprint client, String fingerprintName,
                              long nowEpochSecond) throws IamException {
        checkDisplayText("key name", fingerprintName);
        return update(s -> {
            PairingToken t = s.token(id).orElse(null);
            if (t == null || t.expiredAt(nowEpochSecond) || !t.secret().matchesDigest(secretDigest)) {
                throw new IamException(Kind.UNAUTHORIZED, "the pairing token is used, revoked or expired");
            }
            requireKeyFreeFor(s, client, t.username());
            User u = s.user(t.username()).orElse(null);
            if (u != null && !u.role().equals(t.role())) {
                throw new IamException(Kind.UNAUTHORIZED, "the token's user has another role now than the token "
                        + "grants; ask for a new token");
            }
            if (u == null) {
                checkRole(t.role());
                u = new User(t.username(), "", t.role(), List.of());
            }
            User next = u.withFingerprint(client, fingerprintName);
            IamState after = s.withUser(next)
                    .withTokens(s.tokens().stream().filter(x -> !x.id().equals(id)).toList());
            return new Change<>(after, next);
        });
    }

    /**
     * Whether local-initial pairing is still possible: the initial user exists without a key, and no user with the
     * initial user's role (an Administrator) has paired by any mode. Once one has, whoever reaches the local port
     * can no longer become an administrator.
     *
     * @return true while local-initial pairing can still give the initial user a key
     */
    public boolean initialUserUnpaired() {
        IamState s = state();
        User initial = s.user(s.initialUsername()).orElse(null);
        if (initial == null || !initial.fingerprints().isEmpty()) {
            return false;
        }
        return s.users().stream().noneMatch(u -> u.role().equals(initial.role()) && !u.fingerprints().isEmpty());
    }

    // ---- machinery ----

    /** A new state and what the operation returns. */
    private record Change<T>(IamState next, T result) {
    }

    @FunctionalInterface
    private interface Operation<T> {
        Change<T> apply(IamState current) throws IamException;
    }

    /**
     * Applies {@code op} to the newest state (including changes not yet on disk), then waits until that state is
     * durable. Concurrent changes share one save (group commit): whichever caller finds no save running saves the
     * newest state for every change made so far, and the others wait for it. Callers return, and {@link #state()}
     * shows a change, only after a save that includes it has returned. When a save fails, its changes and every
     * change computed on top of them are refused with a storage error and forgotten. A refusal or a no-change answer
     * that was decided on changes not yet on disk also waits for them.
     */
    private <T> T update(Operation<T> op) throws IamException {
        commit.lock();
        try {
            Change<T> change = null;
            IamException refusal = null;
            try {
                change = op.apply(pending);
            } catch (IamException e) {
                refusal = e;
            }
            Batch batch;
            if (change != null && change.next() != pending) {
                pending = change.next();
                open.changes++;
                batch = open;
            } else {
                batch = open.changes > 0 ? open : saving;
            }
            if (batch != null) {
                awaitDurable(batch);
            }
            if (refusal != null) {
                throw refusal;
            }
            return change.result();
        } finally {
            commit.unlock();
        }
    }

    /** Changes that become durable together: every change made while the previous save was running. */
    private static final class Batch {
        int changes;
        boolean done;
        boolean saved;
    }

    private void awaitDurable(Batch batch) throws IamException {
        while (!batch.done) {
            if (saving != null) {
                saved.awaitUninterruptibly();
                continue;
            }
            Batch mine = open;
            open = new Batch();
            saving = mine;
            IamState target = pending;
            boolean ok = false;
            Throwable failure = null;
            // an atomically section holds the lock too: release every hold, so that others change and wait meanwhile
            int holds = commit.getHoldCount();
            for (int i = 0; i < holds; i++) {
                commit.unlock();
            }
            try {
                store.save(target);
                ok = true;
            } catch (Throwable e) {
                // whatever the store throws (an Error too) fails the batch, so that no change waits for ever;
                // the bookkeeping comes first, logging (which may fail under an Error) after
                failure = e;
            } finally {
                for (int i = 0; i < holds; i++) {
                    commit.lock();
                }
            }
            saving = null;
            mine.done = true;
            mine.saved = ok;
            if (ok) {
                published = target;
            } else {
                // what was computed on top of the lost changes is lost with them
                pending = published;
                open.done = true;
                open = new Batch();
            }
            saved.signalAll();
            if (failure != null) {
                refused(failure);
            }
        }
        if (!batch.saved) {
            throw new IamException(Kind.STORAGE, "could not save the device state; nothing changed");
        }
    }

    /** Logs a failed save, once its batch is settled; an {@link Error} is thrown on to the saver. */
    private static void refused(Throwable failure) {
        if (failure instanceof Error e) {
            try {
                LOG.error("IAM state not saved, changes refused", e);
            } catch (Throwable logging) {
                e.addSuppressed(logging); // logging can fail too when memory is out: the Error is what matters
            }
            throw e;
        }
        LOG.warn("IAM state not saved, change refused: {}", failure.getMessage());
    }

    /** A key belongs to at most one user: a conflict if {@code key} is paired to someone else than {@code username}. */
    private static void requireKeyFreeFor(IamState s, Fingerprint key, String username) throws IamException {
        Optional<User> owner = s.userWith(key);
        if (owner.isPresent() && !owner.get().username().equals(username)) {
            throw new IamException(Kind.CONFLICT, "that key is already paired as another user");
        }
    }

    /** Names shown to people (display names, key names, the friendly name) hold no control or format characters. */
    static void checkDisplayText(String what, String text) throws IamException {
        if (text != null && !User.isDisplayable(text)) {
            throw new IamException(Kind.INVALID, what + " may not contain control characters");
        }
    }

    private static User existing(IamState s, String username) throws IamException {
        return s.user(username).orElseThrow(() -> new IamException(Kind.NOT_FOUND, "no user " + username));
    }

    private static void checkUsername(String username) throws IamException {
        if (!User.isValidUsername(username)) {
            throw new IamException(Kind.INVALID, "usernames are 1-64 of [a-z0-9_.-]");
        }
    }

    private void checkRole(String role) throws IamException {
        if (!config.hasRole(role)) {
            throw new IamException(Kind.INVALID, "no role " + role);
        }
    }
}
