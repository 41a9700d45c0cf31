package dev.edgepair.pairing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.edgepair.identity.Fingerprint;

/**
 * What a user needs to pair, in one line (and in a QR code): Nabto Edge's {@code p=<productId>,d=<deviceId>,
 * u=<username>,pwd=<password>}, extended with {@code tid=<token id>} (then {@code pwd} is the token),
 * {@code fp=<device fingerprint>} (the client then pins the key from the first packet) and {@code a=<host:port>}.
 * No escaping: values cannot hold {@code ,}; unknown keys are ignored.
 */
public record PairingString(String productId, String deviceId, String username, String password, String tokenId,
                            Fingerprint fingerprint, String address) {

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

    public boolean isToken() {
        return tokenId != null;
    }

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

    @Override
    public String toString() {
        return "PairingString[" + productId + "/" + deviceId + (username != null ? ", u=" + username : "")
                + (tokenId != null ? ", token " + tokenId : "") + ", pwd=<redacted>]";
    }
}
