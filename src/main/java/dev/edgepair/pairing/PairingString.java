package dev.edgepair.pairing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.edgepair.identity.Fingerprint;

/**
 * What a user needs to pair, in one line (and in a QR code): Nabto Edge's {@code p=<productId>,d=<deviceId>,
 * u=<username>,pwd=<password>}, extended with {@code tid=<token id>} (then {@code pwd} is the token),
 * {@code fp=<device fingerprint>} (the client then pins the key from the first packet) and {@code a=<host:port>}.
 * No escaping: values cannot hold {@code ,}; unknown keys are ignored.
 *
 * <p>A pairing string holds a secret ({@code pwd=}): show it to the person who pairs, never log it;
 * {@link #toString()} redacts it, {@link #format()} does not.
 *
 * @param productId the device's product id ({@code p=}), or null
 * @param deviceId the device's id ({@code d=}), or null
 * @param username the invited user ({@code u=}) for password-invite pairing, or null
 * @param password the password, or the token when {@code tokenId} is set ({@code pwd=}); never null after
 *                 {@link #parse}
 * @param tokenId the one-time token's id ({@code tid=}), or null
 * @param fingerprint the device's key fingerprint ({@code fp=}), or null
 * @param address the device's {@code host:port} ({@code a=}), or null to find it on the LAN
 */
public record PairingString(String productId, String deviceId, String username, String password, String tokenId,
                            Fingerprint fingerprint, String address) {

    /**
     * Reads a pairing string as a user typed, pasted or scanned it.
     *
     * @param text comma-separated {@code key=value} parts
     * @return the parts EdgePair knows; unknown keys are ignored
     * @throws IllegalArgumentException if a part is not {@code key=value}, a key repeats, {@code fp=} is not a
     *                                  fingerprint, or {@code pwd=} is missing
     */
    public static PairingString parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : text.trim().split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("pairing string parts are key=value");
            }
            if (kv.put(part.substring(0, eq).trim(), part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("pairing string repeats " + part.substring(0, eq));
            }
        }
        String fp = kv.get("fp");
        if (fp != null && !Fingerprint.isValid(fp)) {
            throw new IllegalArgumentException("fp= is 64 lowercase hex characters");
        }
        PairingString ps = new PairingString(kv.get("p"), kv.get("d"), kv.get("u"), kv.get("pwd"), kv.get("tid"),
                fp == null ? null : Fingerprint.parse(fp), kv.get("a"));
        if (ps.password == null) {
            throw new IllegalArgumentException("a pairing string needs pwd=");
        }
        return ps;
    }

    /**
     * Whether this string carries a one-time pairing token rather than a password.
     *
     * @return true if {@code tid=} is set
     */
    public boolean isToken() {
        return tokenId != null;
    }

    /**
     * Writes the string as {@link #parse} reads it, for display and QR codes; it holds the secret.
     *
     * @return the set parts, in the order {@code p, d, u, tid, pwd, fp, a}
     * @throws IllegalArgumentException if a value contains {@code ,}
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        append(sb, "p", productId);
        append(sb, "d", deviceId);
        append(sb, "u", username);
        append(sb, "tid", tokenId);
        append(sb, "pwd", password);
        append(sb, "fp", fingerprint == null ? null : fingerprint.hex());
        append(sb, "a", address);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value == null) {
            return;
        }
        if (value.contains(",")) {
            throw new IllegalArgumentException(key + " cannot contain ',' in a pairing string");
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(key).append('=').append(value);
    }

    /**
     * The same pairing string with the device's address.
     *
     * @param hostPort the address as {@code host:port}, or null for none
     * @return the new pairing string
     */
    public PairingString withAddress(String hostPort) {
        return new PairingString(productId, deviceId, username, password, tokenId, fingerprint, hostPort);
    }

    /** The ids and the username; the password or token is redacted. */
    @Override
    public String toString() {
        return "PairingString[" + productId + "/" + deviceId + (username != null ? ", u=" + username : "")
                + (tokenId != null ? ", token " + tokenId : "") + ", pwd=<redacted>]";
    }
}
