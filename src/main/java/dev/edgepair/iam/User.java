package dev.edgepair.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.edgepair.identity.Fingerprint;

/**
 * A user of the device: a role, any number of named client keys, and perhaps a pending password invitation (its
 * secret only). Immutable; changes make a new value. {@code toString()} never shows the invitation secret.
 *
 * @param username the user's name, 1-64 of {@code [a-z0-9_.-]}
 * @param displayName a name for people, empty if none
 * @param role the user's role id
 * @param fingerprints the user's paired client keys
 * @param invitation the secret of a pending password invitation, or null
 */
public record User(String username, String displayName, String role, List<NamedFingerprint> fingerprints,
                   PakeSecret invitation) {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{1,64}");

    /**
     * A paired client key and the name the user gave it ("phone").
     *
     * @param fingerprint the client key's fingerprint
     * @param name the key's name, empty if none
     */
    public record NamedFingerprint(Fingerprint fingerprint, String name) {
        /**
         * A named key; a null name becomes empty.
         *
         * @param fingerprint the client key's fingerprint
         * @param name the key's name, or null
         * @throws NullPointerException if {@code fingerprint} is null
         */
        public NamedFingerprint {
            Objects.requireNonNull(fingerprint);
            name = name == null ? "" : name;
        }
    }

    /**
     * A user; a null display name becomes empty, the key list is copied.
     *
     * @param username the user's name, 1-64 of {@code [a-z0-9_.-]}
     * @param displayName a name for people, or null
     * @param role the user's role id
     * @param fingerprints the user's paired client keys
     * @param invitation the secret of a pending password invitation, or null
     * @throws IllegalArgumentException if {@code username} is not valid ({@link #isValidUsername})
     * @throws NullPointerException if {@code role} is null
     */
    public User {
        if (!isValidUsername(username)) {
            throw new IllegalArgumentException("usernames are 1-64 of [a-z0-9_.-]");
        }
        displayName = displayName == null ? "" : displayName;
        Objects.requireNonNull(role);
        fingerprints = List.copyOf(fingerprints);
    }

    /**
     * A user without a pending invitation.
     *
     * @param username the user's name, 1-64 of {@code [a-z0-9_.-]}
     * @param displayName a name for people, or null
     * @param role the user's role id
     * @param fingerprints the user's paired client keys
     * @throws IllegalArgumentException if {@code username} is not valid
     * @throws NullPointerException if {@code role} is null
     */
    public User(String username, String displayName, String role, List<NamedFingerprint> fingerprints) {
        this(username, displayName, role, fingerprints, null);
    }

    /**
     * The secret of a pending password invitation.
     *
     * @return the secret, or null if no invitation is pending
     */
    public PakeSecret invitation() {
        return invitation;
    }

    /**
     * This user with another pending invitation.
     *
     * @param secret the invitation's secret, or null for none
     * @return a new user
     */
    public User withInvitation(PakeSecret secret) {
        return new User(username, displayName, role, fingerprints, secret);
    }

    /**
     * Whether a text is a valid username: 1-64 of {@code [a-z0-9_.-]}.
     *
     * @param username a candidate, may be null
     * @return true if valid
     */
    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /**
     * Whether a name shown to people is free of control characters (C0, DEL, C1: terminal escapes, BEL) and format
     * characters (bidirectional overrides, zero-width characters), which could rewrite what an operator sees.
     *
     * @param text a display name or key name
     * @return true if it holds none of those characters
     */
    public static boolean isDisplayable(String text) {
        return text.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /**
     * Whether this user holds a client key.
     *
     * @param fingerprint the client key's fingerprint
     * @return true if it is one of {@link #fingerprints()}
     */
    public boolean has(Fingerprint fingerprint) {
        return fingerprints.stream().anyMatch(f -> f.fingerprint().equals(fingerprint));
    }

    /**
     * This user with another role.
     *
     * @param newRole a role id
     * @return a new user
     */
    public User withRole(String newRole) {
        return new User(username, displayName, newRole, fingerprints, invitation);
    }

    /**
     * This user with another display name.
     *
     * @param name the name, null for none
     * @return a new user
     */
    public User withDisplayName(String name) {
        return new User(username, name, role, fingerprints, invitation);
    }

    /**
     * Adds the key, or renames it if the user has it already.
     *
     * @param fingerprint the client key's fingerprint
     * @param name the key's name, null for none
     * @return a new user, the key last
     */
    public User withFingerprint(Fingerprint fingerprint, String name) {
        List<NamedFingerprint> next = new ArrayList<>(fingerprints);
        next.removeIf(f -> f.fingerprint().equals(fingerprint));
        next.add(new NamedFingerprint(fingerprint, name));
        return new User(username, displayName, role, next, invitation);
    }

    /**
     * This user without a client key.
     *
     * @param fingerprint the client key's fingerprint; a key the user does not hold changes nothing
     * @return a new user
     */
    public User withoutFingerprint(Fingerprint fingerprint) {
        List<NamedFingerprint> next = new ArrayList<>(fingerprints);
        next.removeIf(f -> f.fingerprint().equals(fingerprint));
        return new User(username, displayName, role, next, invitation);
    }

    /** Name, role, key count and whether an invitation is pending; never the invitation's secret. */
    @Override
    public String toString() {
        return "User[" + username + ", " + role + ", " + fingerprints.size() + " keys"
                + (invitation != null ? ", invited" : "") + "]";
    }
}
