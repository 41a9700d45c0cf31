package dev.edgepair.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.edgepair.identity.Fingerprint;

/**
 * A user of the device: a role, any number of named client keys, and perhaps a pending password invitation (its
 * secret only). Immutable; changes make a new value. {@code toString()} never shows the invitation secret.
 */
public record User(String username, String displayName, String role, List<NamedFingerprint> fingerprints,
                   PakeSecret invitation) {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{1,64}");

    /** A paired client key and the name the user gave it ("phone"). */
    public record NamedFingerprint(Fingerprint fingerprint, String name) {
        public NamedFingerprint {
            Objects.requireNonNull(fingerprint);
            name = name == null ? "" : name;
        }
    }

    public User {
        if (!isValidUsername(username)) {
            throw new IllegalArgumentException("usernames are 1-64 of [a-z0-9_.-]");
        }
        displayName = displayName == null ? "" : displayName;
        Objects.requireNonNull(role);
        fingerprints = List.copyOf(fingerprints);
    }

    /** A user without a pending invitation. */
    public User(String username, String displayName, String role, List<NamedFingerprint> fingerprints) {
        this(username, displayName, role, fingerprints, null);
    }

    /** The secret of a pending password invitation, or null. */
    public PakeSecret invitation() {
        return invitation;
    }

    public User withInvitation(PakeSecret secret) {
        return new User(username, displayName, role, fingerprints, secret);
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /**
     * Whether a name shown to people is free of control characters (C0, DEL, C1: terminal escapes, BEL) and format
     * characters (bidirectional overrides, zero-width characters), which could rewrite what an operator sees.
     */
    public static boolean isDisplayable(String text) {
        return text.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    public boolean has(Fingerprint fingerprint) {
        return fingerprints.stream().anyMatch(f -> f.fingerprint().equals(fingerprint));
    }

    public User withRole(String newRole) {
        return new User(username, displayName, newRole, fingerprints, invitation);
    }

    public User withDisplayName(String name) {
        return new User(username, name, role, fingerprints, invitation);
    }

    /** Adds the key, or renames it if the user has it already. */
    public User withFingerprint(Fingerprint fingerprint, String name) {
        List<NamedFingerprint> next = new ArrayList<>(fingerprints);
        next.removeIf(f -> f.fingerprint().equals(fingerprint));
        next.add(new NamedFingerprint(fingerprint, name));
        return new User(username, displayName, role, next, invitation);
    }

    public User withoutFingerprint(Fingerprint fingerprint) {
        List<NamedFingerprint> next = new ArrayList<>(fingerprints);
        next.removeIf(f -> f.fingerprint().equals(fingerprint));
        return new User(username, displayName, role, next, invitation);
    }

    @Override
    public String toString() {
        return "User[" + username + ", " + role + ", " + fingerprints.size() + " keys"
                + (invitation != null ? ", invited" : "") + "]";
    }
}
