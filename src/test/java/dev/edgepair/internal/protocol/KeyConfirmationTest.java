package dev.edgepair.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.tags.Unit;

/**
 * spec/pairing.md, "Confirmation", checked against an independent computation with the JDK's HMAC and SHA-256, and
 * HKDF against the SHA-256 test cases of RFC 5869.
 */
@Unit
class KeyConfirmationTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hmac(byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    private static byte[] lp(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(p.length).array());
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** RFC 5869 A.1 (basic) and A.3 (empty salt and info: the salt is then HashLen zero bytes). */
    @Test
    void hkdfMatchesRfc5869() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertThat(KeyConfirmation.hkdf(ikm, HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)).isEqualTo(HEX.parseHex(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
        assertThat(KeyConfirmation.hkdf(ikm, new byte[0], new byte[0], 42)).isEqualTo(HEX.parseHex(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
        // a length that is a multiple of the hash length, and one block
        byte[] long64 = KeyConfirmation.hkdf(ikm, new byte[] {1}, new byte[] {2}, 64);
        assertThat(KeyConfirmation.hkdf(ikm, new byte[] {1}, new byte[] {2}, 32)).isEqualTo(Arrays.copyOf(long64, 32));
    }

    @Test
    void anEmptyHmacKeyIsTheZeroKey() throws Exception {
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        assertThat(KeyConfirmation.hmac(new byte[0], data)).isEqualTo(hmac(new byte[32], data));
        assertThat(KeyConfirmation.hmac(new byte[] {7}, data)).isEqualTo(hmac(new byte[] {7}, data));
    }

    private static KeyConfirmation.Transcript transcript() {
        byte[] exporter = new byte[32];
        for (int i = 0; i < exporter.length; i++) {
            exporter[i] = (byte) (0x40 + i);
        }
        return new KeyConfirmation.Transcript("user:alice", Fingerprint.ofSubjectPublicKeyInfo(new byte[] {1}),
                Fingerprint.ofSubjectPublicKeyInfo(new byte[] {2}), exporter, new byte[] {0x11, 0x12},
                new byte[] {0x21}, new byte[] {0x31, 0x32, 0x33}, new byte[0]);
    }

    @Test
    void theTranscriptKeysAndMacsAreWhatTheSpecSays() throws Exception {
        KeyConfirmation.Transcript t = transcript();
        byte[] th = MessageDigest.getInstance("SHA-256").digest(lp(
                "EdgePair pake-auth v2".getBytes(StandardCharsets.UTF_8),
                "user:alice".getBytes(StandardCharsets.UTF_8), t.client().bytes(), t.device().bytes(), t.exporter(),
                t.clientRoundOne(), t.deviceRoundOne(), t.deviceRoundTwo(), t.clientRoundTwo()));
        assertThat(t.hash()).isEqualTo(th);

        byte[] pms = new byte[32];
        Arrays.fill(pms, (byte) 0x5a);
        // HKDF-SHA256(ikm = PMS, salt = exporter, info = "EdgePair pake-auth v2 keys" || th, 64 bytes)
        byte[] prk = hmac(t.exporter(), pms);
        byte[] info = ("EdgePair pake-auth v2 keys").getBytes(StandardCharsets.UTF_8);
        byte[] t1 = hmac(prk, info, th, new byte[] {1});
        byte[] t2 = hmac(prk, t1, info, th, new byte[] {2});
        byte[] keys = KeyConfirmation.keysFor(pms, t);
        assertThat(keys).isEqualTo(ByteBuffer.allocate(64).put(t1).put(t2).array());

        KeyConfirmation c = KeyConfirmation.derive(pms, t);
        assertThat(c.transcriptHash()).isEqualTo(th);
        byte[] clientMac = hmac(t1, "client".getBytes(StandardCharsets.US_ASCII), th);
        byte[] deviceMac = hmac(t2, "device".getBytes(StandardCharsets.US_ASCII), th);
        assertThat(c.clientMac()).isEqualTo(clientMac);
        assertThat(c.deviceMac()).isEqualTo(deviceMac);
        assertThat(c.clientMacMatches(clientMac)).isTrue();
        assertThat(c.deviceMacMatches(deviceMac)).isTrue();
        assertThat(c.clientMacMatches(deviceMac)).isFalse();
        assertThat(c.deviceMacMatches(clientMac)).isFalse();
        byte[] off = clientMac.clone();
        off[31] ^= 1;
        assertThat(c.clientMacMatches(off)).isFalse();
        assertThat(c.clientMacMatches(Arrays.copyOf(clientMac, 31))).isFalse();
    }

    @Test
    void destroyWipesBothKeysAndNothingIsShown() throws Exception {
        KeyConfirmation.Transcript t = transcript();
        byte[] pms = new byte[32];
        KeyConfirmation c = KeyConfirmation.derive(pms, t);
        byte[] clientMac = c.clientMac();
        byte[] deviceMac = c.deviceMac();
        assertThat(c.isDestroyed()).isFalse();
        assertThat(c.toString()).doesNotContain(HEX.formatHex(clientMac)).contains("redacted");
        assertThat(t.toString()).contains("user:alice").doesNotContain(HEX.formatHex(t.exporter()));
        c.destroy();
        assertThat(c.isDestroyed()).isTrue();
        // after destroy both MACs are under the all-zero key: the old ones no longer match
        byte[] th = c.transcriptHash();
        assertThat(c.clientMac()).isEqualTo(hmac(new byte[32], "client".getBytes(StandardCharsets.US_ASCII), th));
        assertThat(c.deviceMac()).isEqualTo(hmac(new byte[32], "device".getBytes(StandardCharsets.US_ASCII), th));
        assertThat(c.clientMacMatches(clientMac)).isFalse();
        assertThat(c.deviceMacMatches(deviceMac)).isFalse();
    }

    @Test
    void aKeyWhoseFirstBytesAreZeroIsNotTakenForDestroyed() throws Exception {
        // isDestroyed looks at every byte of the key, not the first: search a PMS whose client key starts with 00
        KeyConfirmation.Transcript t = transcript();
        for (int i = 0; i < 5000; i++) {
            byte[] pms = ByteBuffer.allocate(32).putInt(i).array();
            byte[] keys = KeyConfirmation.keysFor(pms, t);
            if (keys[0] == 0) {
                assertThat(KeyConfirmation.derive(pms, t).isDestroyed()).isFalse();
                return;
            }
        }
        throw new AssertionError("no key starting with 00 in 5000 tries");
    }
}
