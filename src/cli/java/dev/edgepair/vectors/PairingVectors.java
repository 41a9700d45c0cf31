package dev.edgepair.vectors;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.KnownAnswerChecks;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.SharedSecret;
import dev.edgepair.internal.jpake.TlsFraming;
import dev.edgepair.internal.protocol.KeyConfirmation;
import dev.edgepair.internal.protocol.SecretDerivation;

/** The kinds of {@code edgepair-pairing-vectors/2}: pake-secret, confirmation, pairing-exchange (spec/pairing.md). */
final class PairingVectors {
    static final String SCHEMA = "edgepair-pairing-vectors/2";

    private PairingVectors() {
    }

    private abstract static class Kind implements VectorKind {
        @Override
        public String schema() {
            return SCHEMA;
        }
    }

    /** PBKDF2 secret of a password for a device and principal. */
    static final class Secret extends Kind {
        @Override
        public String name() {
            return "pake-secret";
        }

        @Override
        public void check(JsonNode v, JsonNode file) throws VectorFailure {
            if (Fields.integer(v, "iterations") != SecretDerivation.ITERATIONS) {
                throw new VectorFailure("unsupported iteration count " + v.get("iterations"));
            }
            byte[] w = SecretDerivation.deriveTyped(Fields.text(v, "productId"), Fields.text(v, "deviceId"),
                    Fields.text(v, "principal"), Fields.text(v, "password"));
            JpakeVectors.expectBytes("secret", Fields.hex(v, "expect"), w);
        }
    }

    /** Transcript hash, confirmation keys and both MACs from given messages and PMS. */
    static final class Confirm extends Kind {
        @Override
        public String name() {
            return "confirmation";
        }

        @Override
        public void check(JsonNode v, JsonNode file) throws VectorFailure {
            JsonNode m = Fields.node(v, "messages");
            JsonNode expect = Fields.node(v, "expect");
            KeyConfirmation.Transcript transcript = new KeyConfirmation.Transcript(
                    Fields.text(v, "principal"), fingerprint(v, "clientFingerprint"),
                    fingerprint(v, "deviceFingerprint"), Fields.hex(v, "exporter"), Fields.hex(m, "c1"),
                    Fields.hex(m, "d1"), Fields.hex(m, "d2"), Fields.hex(m, "c2"));
            KeyConfirmation c = KeyConfirmation.derive(Fields.hex(v, "pms"), transcript);
            JpakeVectors.expectBytes("transcript hash", Fields.hex(expect, "transcriptHash"), c.transcriptHash());
            byte[] keys = KeyConfirmation.keysFor(Fields.hex(v, "pms"), transcript);
            JpakeVectors.expectBytes("client key", Fields.hex(expect, "clientKey"), Arrays.copyOfRange(keys, 0, 32));
            JpakeVectors.expectBytes("device key", Fields.hex(expect, "deviceKey"), Arrays.copyOfRange(keys, 32, 64));
            JpakeVectors.expectBytes("client MAC", Fields.hex(expect, "clientMac"), c.clientMac());
            JpakeVectors.expectBytes("device MAC", Fields.hex(expect, "deviceMac"), c.deviceMac());
        }
    }

    /** A whole password authentication: secret, the four J-PAKE messages both ways, PMS and both MACs. */
    static final class Exchange extends Kind {
        @Override
        public String name() {
            return "pairing-exchange";
        }

        @Override
        public void check(JsonNode v, JsonNode file) throws VectorFailure {
            JsonNode expect = Fields.node(v, "expect");
            JsonNode n = Fields.node(v, "nonces");
            String principal = Fields.text(v, "principal");
            byte[] w = SecretDerivation.deriveTyped(Fields.text(v, "productId"), Fields.text(v, "deviceId"), principal,
                    Fields.text(v, "password"));
            JpakeVectors.expectBytes("secret", Fields.hex(expect, "secret"), w);
            byte[] clientId = Fields.ascii(v, "clientProverId");
            byte[] deviceId = Fields.ascii(v, "deviceProverId");
            try {
                KnownAnswerChecks.Exchange ex = KnownAnswerChecks.exchange(w, clientId, deviceId,
                        JpakeVectors.scalars(v, n));
                byte[] c1 = ex.clientRoundOne();
                byte[] d1 = ex.serverRoundOne();
                byte[] d2 = ex.serverRoundTwo();
                byte[] c2 = ex.clientRoundTwo();
                JpakeVectors.expectBytes("clientRoundOne", Fields.hex(expect, "clientRoundOne"), c1);
                JpakeVectors.expectBytes("deviceRoundOne", Fields.hex(expect, "deviceRoundOne"), d1);
                JpakeVectors.expectBytes("deviceRoundTwo", Fields.hex(expect, "deviceRoundTwo"), d2);
                JpakeVectors.expectBytes("clientRoundTwo", Fields.hex(expect, "clientRoundTwo"), c2);
                JpakeVectors.expectBytes("pms", Fields.hex(expect, "pms"), ex.clientPms());
                KeyConfirmation.Transcript t = new KeyConfirmation.Transcript(principal,
                        fingerprint(v, "clientFingerprint"), fingerprint(v, "deviceFingerprint"),
                        Fields.hex(v, "exporter"), c1, d1, d2, c2);
                KeyConfirmation onClient = KeyConfirmation.derive(ex.clientPms(), t);
                KeyConfirmation onDevice = KeyConfirmation.derive(ex.serverPms(), t);
                JpakeVectors.expectBytes("client MAC", Fields.hex(expect, "clientMac"), onClient.clientMac());
                if (!onDevice.clientMacMatches(onClient.clientMac())
                        || !onClient.deviceMacMatches(onDevice.deviceMac())) {
                    throw new VectorFailure("the two sides do not confirm each other");
                }
                JpakeVectors.expectBytes("device MAC", Fields.hex(expect, "deviceMac"), onDevice.deviceMac());
            } catch (EcJpakeException e) {
                throw new VectorFailure("J-PAKE failed: " + e.getMessage());
            }
        }
    }

    static Fingerprint fingerprint(JsonNode v, String field) throws VectorFailure {
        String hex = Fields.text(v, field);
        if (!Fingerprint.isValid(hex)) {
            throw new VectorFailure("bad vector: " + field + " is not 64 lowercase hex");
        }
        return Fingerprint.parse(hex);
    }
}
