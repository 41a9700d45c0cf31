package dev.edgepair.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

import dev.edgepair.identity.Fingerprint;

/**
 * Key confirmation of a password authentication, bound to the DTLS session (spec/pairing.md, "Confirmation"):
 * <pre>
 * th  = SHA-256(lp(label) lp(principal) lp(client fp) lp(device fp) lp(exporter) lp(c1) lp(d1) lp(d2) lp(c2))
 * okm = HKDF-SHA256(ikm = PMS, salt = exporter, info = "EdgePair pake-auth v2 keys" || th, 64 bytes)
 * client MAC = HMAC-SHA256(okm[0..32],  "client" || th)
 * device MAC = HMAC-SHA256(okm[32..64], "device" || th)
 * </pre>
 * A relay that terminates DTLS on either side sees other fingerprints and another exporter value on each side, so the
 * two sides compute different MACs even when the relay forwards every message. No I/O.
 */
public final class KeyConfirmation implements Destroyable {
    static final String LABEL = "EdgePair pake-auth v2";

    /** Everything the MACs cover. The messages are the J-PAKE rounds in TLS framing (spec/jpake.md). */
    public record Transcript(String principal, Fingerprint client, Fingerprint device, byte[] exporter,
                             byte[] clientRoundOne, byte[] deviceRoundOne, byte[] deviceRoundTwo,
                             byte[] clientRoundTwo) {
        public byte[] hash() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : new byte[][] {LABEL.getBytes(StandardCharsets.UTF_8),
                    principal.getBytes(StandardCharsets.UTF_8), client.bytes(), device.bytes(), exporter,
                    clientRoundOne, deviceRoundOne, deviceRoundTwo, clientRoundTwo}) {
                SecretDerivation.lengthPrefixed(out, part);
            }
            return sha256(out.toByteArray());
        }

        @Override
        public String toString() {
            return "Transcript[" + principal + "]";
        }
    }

    private final byte[] transcriptHash;
    private final byte[] clientKey;
    private final byte[] deviceKey;

    private KeyConfirmation(byte[] transcriptHash, byte[] clientKey, byte[] deviceKey) {
        this.transcriptHash = transcriptHash;
        this.clientKey = clientKey;
        this.deviceKey = deviceKey;
    }

    public static KeyConfirmation derive(byte[] premasterSecret, Transcript transcript) {
        byte[] th = transcript.hash();
        byte[] info = concat((LABEL + " keys").getBytes(StandardCharsets.UTF_8), th);
        byte[] okm = hkdf(premasterSecret, transcript.exporter(), info, 64);
        KeyConfirmation c = new KeyConfirmation(th, Arrays.copyOfRange(okm, 0, 32), Arrays.copyOfRange(okm, 32, 64));
        Arrays.fill(okm, (byte) 0);
        return c;
    }

    public byte[] transcriptHash() {
        return transcriptHash.clone();
    }

    public byte[] clientMac() {
        return hmac(clientKey, concat("client".getBytes(StandardCharsets.US_ASCII), transcriptHash));
    }

    public byte[] deviceMac() {
        return hmac(deviceKey, concat("device".getBytes(StandardCharsets.US_ASCII), transcriptHash));
    }

    /** Constant-time check of the MAC the client sent. */
    public boolean clientMacMatches(byte[] mac) {
        return MessageDigest.isEqual(clientMac(), mac);
    }

    /** Constant-time check of the MAC the device sent. */
    public boolean deviceMacMatches(byte[] mac) {
        return MessageDigest.isEqual(deviceMac(), mac);
    }

    /**
     * The 64 bytes of confirmation keys (client's, then device's) for a premaster secret the caller already holds:
     * for known-answer tests. A live {@code KeyConfirmation} never hands its keys out.
     *
     * @param premasterSecret the PMS of an exchange the caller ran or was given
     * @param transcript what the MACs cover
     * @return client key ‖ device key
     */
    public static byte[] keysFor(byte[] premasterSecret, Transcript transcript) {
        KeyConfirmation c = derive(premasterSecret, transcript);
        byte[] out = concat(c.clientKey, c.deviceKey);
        c.destroy();
        return out;
    }

    @Override
    public void destroy() {
        Arrays.fill(clientKey, (byte) 0);
        Arrays.fill(deviceKey, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        for (byte b : clientKey) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "KeyConfirmation[redacted]";
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        byte[] prk = hmac(salt, ikm);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int pos = 0;
        for (int i = 1; pos < length; i++) {
            t = hmac(prk, concat(t, info, new byte[] {(byte) i}));
            int n = Math.min(t.length, length - pos);
            System.arraycopy(t, 0, out, pos, n);
            pos += n;
        }
        Arrays.fill(prk, (byte) 0);
        return out;
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
