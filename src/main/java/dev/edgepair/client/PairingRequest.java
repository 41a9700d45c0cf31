package dev.edgepair.client;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.edgepair.iam.User;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.protocol.PairingPasswords;
import dev.edgepair.pairing.PairingString;

/**
 * What {@link Client#pair(PairingRequest)} needs to pair in one pairing mode, checked once when it is built. Start
 * from the mode ({@link #localInitial}, {@link #localOpen}, {@link #passwordOpen}, {@link #passwordInvite},
 * {@link #token}, or {@link #fromPairingString}), name each value, then {@link Builder#build()}:
 * <pre>{@code
 * PairingRequest request = PairingRequest.passwordOpen(address)
 *         .password(openPassword).username("bob").keyName("phone").build();
 * }</pre>
 * A value the mode does not use, a missing one, or one the device would refuse (a username outside
 * {@code [a-z0-9_.-]{1,64}}, a password outside 8-64 characters, a token that is not 16 symbols, a token id that is
 * not 8 hex digits, a key name with control characters) is an {@link IllegalArgumentException} from
 * {@code build()}, before anything is sent. {@link #toString()} never shows the password or token.
 */
public final class PairingRequest {
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{8}");
    private static final int MAX_KEY_NAME = 64;

    /** The pairing modes of {@code spec/pairing.md} that a client starts. */
    public enum Mode {
        /** On the device's local listener, become its initial user (no secret; only while that user has no key). */
        LOCAL_INITIAL,
        /** On the device's local listener, become a new user (no secret; only while the device allows it). */
        LOCAL_OPEN,
        /** Prove the device's open-pairing password with EC J-PAKE, then become a new user. */
        PASSWORD_OPEN,
        /** Prove an invited user's one-time password with EC J-PAKE, then pair as that user. */
        PASSWORD_INVITE,
        /** Prove a one-time pairing token with EC J-PAKE, then pair as the token's user. */
        TOKEN;

        boolean usesSecret() {
            return this == PASSWORD_OPEN || this == PASSWORD_INVITE || this == TOKEN;
        }
    }

    private final Mode mode;
    private final InetSocketAddress address;
    private final Fingerprint expectedDevice;
    private final String productId;
    private final String deviceId;
    private final String username;
    private final String secret;
    private final String tokenId;
    private final String keyName;

    private PairingRequest(Builder b, InetSocketAddress address) {
        this.mode = b.mode;
        this.address = address;
        this.expectedDevice = b.expectedDevice;
        this.productId = b.productId;
        this.deviceId = b.deviceId;
        this.username = b.username;
        this.secret = b.mode == Mode.TOKEN ? PairingPasswords.normalizeToken(b.secret) : b.secret;
        this.tokenId = b.tokenId;
        this.keyName = b.keyName;
    }

    /**
     * Local-initial pairing: become the device's initial user (usually {@code admin}).
     *
     * @param localAddress the device's local listener
     * @return a builder; only {@link Builder#keyName} is optional
     */
    public static Builder localInitial(InetSocketAddress localAddress) {
        return new Builder(Mode.LOCAL_INITIAL).address(localAddress);
    }

    /**
     * Local-open pairing: become a new user on the device's local listener.
     *
     * @param localAddress the device's local listener
     * @return a builder that needs {@link Builder#username} (the new user)
     */
    public static Builder localOpen(InetSocketAddress localAddress) {
        return new Builder(Mode.LOCAL_OPEN).address(localAddress);
    }

    /**
     * Password-open pairing: prove the device's open-pairing password, then become a new user.
     *
     * @param address the device's local or remote listener
     * @return a builder that needs {@link Builder#password} and {@link Builder#username} (the new user)
     */
    public static Builder passwordOpen(InetSocketAddress address) {
        return new Builder(Mode.PASSWORD_OPEN).address(address);
    }

    /**
     * Password-invite pairing: prove an invited user's one-time password, then pair as that user.
     *
     * @param address the device's local or remote listener
     * @return a builder that needs {@link Builder#username} (the invited user) and {@link Builder#password}
     */
    public static Builder passwordInvite(InetSocketAddress address) {
        return new Builder(Mode.PASSWORD_INVITE).address(address);
    }

    /**
     * Token pairing: prove a one-time pairing token, then pair as its user with its role.
     *
     * @param address the device's local or remote listener
     * @return a builder that needs {@link Builder#tokenId} and {@link Builder#token}
     */
    public static Builder token(InetSocketAddress address) {
        return new Builder(Mode.TOKEN).address(address);
    }

    /**
     * The request a pairing string describes: a token ({@code tid=}), an invitation ({@code u=}) or the open-pairing
     * password (then {@link Builder#username} names the new user). The string's product and device id save the
     * client a round trip ({@code GET /iam/pairing}); its {@code fp=} pins the device key from the first packet; its
     * {@code a=} is the address unless {@link Builder#address} gives another.
     *
     * @param pairingString a parsed pairing string
     * @return a builder holding the string's values
     */
    public static Builder fromPairingString(PairingString pairingString) {
        Objects.requireNonNull(pairingString, "pairingString");
        Mode mode = pairingString.isToken() ? Mode.TOKEN
                : pairingString.username() != null && !pairingString.username().isEmpty() ? Mode.PASSWORD_INVITE
                : Mode.PASSWORD_OPEN;
        Builder b = new Builder(mode);
        b.fromString = pairingString;
        b.expectedDevice = pairingString.fingerprint();
        if (pairingString.productId() != null && pairingString.deviceId() != null) {
            b.productId = pairingString.productId();
            b.deviceId = pairingString.deviceId();
        }
        b.secret = pairingString.password();
        if (mode == Mode.TOKEN) {
            b.tokenId = pairingString.tokenId();
        } else if (mode == Mode.PASSWORD_INVITE) {
            b.username = pairingString.username();
        }
        return b;
    }

    /**
     * @return the pairing mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * @return where the device listens
     */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * @return the device key pinned from the first packet, if the request names one (a pairing string's
     *         {@code fp=}, or {@link Builder#expectDevice})
     */
    public Optional<Fingerprint> expectedDevice() {
        return Optional.ofNullable(expectedDevice);
    }

    /**
     * @return the username: the new user (local-open, password-open) or the invited user (password-invite); empty
     *         for local-initial and token pairing
     */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /**
     * @return the token id for token pairing, else empty
     */
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId);
    }

    /**
     * @return the name this client's key gets on the device (may be empty)
     */
    public String keyName() {
        return keyName;
    }

    /** The product and device id the request already knows (from a pairing string), or null. */
    String productIdOrNull() {
        return productId;
    }

    String deviceIdOrNull() {
        return deviceId;
    }

    /** The password or the canonical token; null for the local modes. */
    String secret() {
        return secret;
    }

    /** @return the mode, address and names; never the password or token */
    @Override
    public String toString() {
        return "PairingRequest[" + mode + " at " + Client.format(address)
                + (username != null ? ", username " + username : "") + (tokenId != null ? ", token " + tokenId : "")
                + (expectedDevice != null ? ", device " + expectedDevice.shortHex() : "")
                + (mode.usesSecret() ? ", secret <redacted>" : "") + "]";
    }

    /** Collects the values of one request; {@link #build()} checks them all at once. Not thread-safe. */
    public static final class Builder {
        private final Mode mode;
        private PairingString fromString;
        private InetSocketAddress address;
        private Fingerprint expectedDevice;
        private String productId;
        private String deviceId;
        private String username;
        private String secret;
        private String tokenId;
        private String keyName = "";

        private Builder(Mode mode) {
            this.mode = mode;
        }

        /**
         * @param deviceAddress where the device listens (replaces a pairing string's {@code a=})
         * @return this builder
         */
        public Builder address(InetSocketAddress deviceAddress) {
            this.address = Objects.requireNonNull(deviceAddress, "address");
            return this;
        }

        /**
         * Pins the device key from the first packet: a device presenting another key is refused with
         * {@link DeviceKeyChangedException} before anything is sent.
         *
         * @param fingerprint the device key's fingerprint
         * @return this builder
         */
        public Builder expectDevice(Fingerprint fingerprint) {
            this.expectedDevice = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /**
         * @param name the new user (local-open, password-open) or the invited user (password-invite)
         * @return this builder
         */
        public Builder username(String name) {
            this.username = name;
            return this;
        }

        /**
         * @param password the open-pairing password (password-open) or the invitation's password (password-invite)
         * @return this builder
         */
        public Builder password(String password) {
            this.secret = password;
            return this;
        }

        /**
         * @param id the pairing token's id (8 hex digits)
         * @return this builder
         */
        public Builder tokenId(String id) {
            this.tokenId = id;
            return this;
        }

        /**
         * @param token the pairing token (16 symbols, dashes and case do not matter)
         * @return this builder
         */
        public Builder token(String token) {
            this.secret = token;
            return this;
        }

        /**
         * @param name a name for this client's key on the device, e.g. {@code phone} (up to 64 characters, no
         *             control characters; default empty)
         * @return this builder
         */
        public Builder keyName(String name) {
            this.keyName = name == null ? "" : name;
            return this;
        }

        /**
         * Checks the values against the mode and builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException if a value is missing, not used by this mode, or not one the device
         *                                  would accept; the message names it
         */
        public PairingRequest build() {
            String what = name(mode);
            InetSocketAddress at = address;
            if (at == null && fromString != null && fromString.address() != null) {
                at = parse(fromString.address());
            }
            if (at == null) {
                throw new IllegalArgumentException(what + ": no device address (give one, or a pairing string "
                        + "with a=)");
            }
            boolean wantsUsername = mode != Mode.LOCAL_INITIAL && mode != Mode.TOKEN;
            if (!wantsUsername && username != null && fromString == null) {
                throw new IllegalArgumentException(what + " takes no username");
            }
            if (mode == Mode.TOKEN && fromString != null) {
                username = null; // a token names its user on the device
            }
            if (wantsUsername && (username == null || username.isEmpty())) {
                throw new IllegalArgumentException(mode == Mode.PASSWORD_OPEN && fromString != null
                        ? "open pairing needs a username for the new user"
                        : what + " needs a username" + (mode == Mode.PASSWORD_INVITE ? " (the invited user)"
                        : " (the new user)"));
            }
            if (wantsUsername && !User.isValidUsername(username)) {
                throw new IllegalArgumentException(what + ": usernames are 1-64 of [a-z0-9_.-], not '" + username
                        + "'");
            }
            if (!mode.usesSecret() && secret != null) {
                throw new IllegalArgumentException(what + " takes no password or token");
            }
            if (mode == Mode.TOKEN) {
                if (tokenId == null || !TOKEN_ID.matcher(tokenId).matches()) {
                    throw new IllegalArgumentException(what + ": the token id is 8 hex digits (0-9 a-f)");
                }
                if (PairingPasswords.normalizeToken(secret) == null) {
                    throw new IllegalArgumentException(
                            "that is not a pairing token (16 symbols of 0-9 A-Z without I L O U)");
                }
            } else {
                if (tokenId != null) {
                    throw new IllegalArgumentException(what + " takes no token id");
                }
                if (mode.usesSecret()) {
                    String problem = PairingPasswords.passwordProblem(secret);
                    if (problem != null) {
                        throw new IllegalArgumentException(what + ": " + problem);
                    }
                }
            }
            if (keyName.length() > MAX_KEY_NAME || !User.isDisplayable(keyName)) {
                throw new IllegalArgumentException(what + ": the key name is up to " + MAX_KEY_NAME
                        + " characters without control characters");
            }
            return new PairingRequest(this, at);
        }

        private static InetSocketAddress parse(String hostPort) {
            try {
                return Client.parseAddress(hostPort);
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("a= " + hostPort + ": give host:port (IPv6 in brackets)");
            }
        }
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " pairing";
    }
}
