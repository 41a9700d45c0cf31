package dev.edgepair.vectors;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.KnownAnswerChecks;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.SharedSecret;
import dev.edgepair.internal.jpake.TlsFraming;

/** The {@code read} and {@code exchange} kinds of {@code edgepair-jpake-vectors/1}. */
final class JpakeVectors {
    static final String SCHEMA = "edgepair-jpake-vectors/1";

    private JpakeVectors() {
    }

    static void checkHeader(JsonNode file) throws VectorFailure {
        if (!"P-256".equals(file.path("curve").asText()) || !"SHA-256".equals(file.path("hash").asText())) {
            throw new VectorFailure("unsupported: only curve P-256 with SHA-256");
        }
    }

    static void checkEncoding(JsonNode v) throws VectorFailure {
        if (!"tls".equals(Fields.text(v, "encoding"))) {
            throw new VectorFailure("unsupported encoding '" + v.get("encoding").asText() + "'");
        }
    }

    static PakeRole role(JsonNode v, String field) throws VectorFailure {
        return switch (Fields.text(v, field)) {
            case "client" -> PakeRole.CLIENT;
            case "server" -> PakeRole.SERVER;
            default -> throw new VectorFailure("bad vector: " + field + " must be client or server");
        };
    }

    static PakeRole other(PakeRole role) {
        return role == PakeRole.CLIENT ? PakeRole.SERVER : PakeRole.CLIENT;
    }

    static void expectBytes(String what, byte[] expected, byte[] actual) throws VectorFailure {
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new VectorFailure(what + " differs: expected " + Fields.hex(expected) + ", got " + Fields.hex(actual));
        }
    }

    /** One side reads one received message; accepted or rejected for the stated reason. */
    static final class Read implements VectorKind {
        @Override
        public String schema() {
            return SCHEMA;
        }

        @Override
        public String name() {
            return "read";
        }

        @Override
        public void check(JsonNode v, JsonNode file) throws VectorFailure {
            checkHeader(file);
            checkEncoding(v);
            PakeRole reader = role(v, "reader");
            byte[] clientId = Fields.ascii(v, "clientId");
            byte[] serverId = Fields.ascii(v, "serverId");
            byte[] own = reader == PakeRole.CLIENT ? clientId : serverId;
            byte[] peer = reader == PakeRole.CLIENT ? serverId : clientId;
            byte[] password = Fields.hex(v, "password");
            byte[] message = Fields.hex(v, "message");
            int round = Fields.integer(v, "round");
            String expect = Fields.text(v, "expect");
            if (!expect.equals("accept") && !expect.equals("reject")) {
                throw new VectorFailure("bad vector: expect must be accept or reject");
            }
            byte[][] secret = null;
            try {
                if (round == 1) {
                    Participant p = Participant.create(reader, password, own, peer, new SecureRandom());
                    p.readRoundOne(message);
                    p.forgetSecrets();
                } else if (round == 2) {
                    JsonNode ownScalars = Fields.node(v, "own");
                    JsonNode peerOne = Fields.node(v, "peerRound1");
                    secret = KnownAnswerChecks.readRoundTwo(reader, password, own, peer,
                            Fields.scalar(ownScalars, "x1"), Fields.scalar(ownScalars, "x2"),
                            Fields.hex(peerOne, "X1"), Fields.hex(peerOne, "X2"), message);
                } else {
                    throw new VectorFailure("bad vector: round must be 1 or 2");
                }
            } catch (EcJpakeException e) {
                if (expect.equals("accept")) {
                    throw new VectorFailure("rejected (" + e.getMessage() + "), expected accept");
                }
                String reason = Fields.text(v, "reason");
                if (!reason.equals(e.reason().code())) {
                    throw new VectorFailure("rejected as " + e.reason().code() + " (" + e.getMessage()
                            + "), expected " + reason);
                }
                return;
            }
            if (!expect.equals("accept")) {
                throw new VectorFailure("accepted, expected reject (" + v.path("reason").asText() + ")");
            }
            if (secret != null) {
                if (v.has("expectK")) {
                    expectBytes("K", Fields.hex(v, "expectK"), secret[0]);
                }
                if (v.has("expectPms")) {
                    expectBytes("PMS", Fields.hex(v, "expectPms"), secret[1]);
                }
            }
        }
    }

    /** A deterministic exchange: every message rebuilt byte for byte, read by the other side, K and PMS on both. */
    static final class Exchange implements VectorKind {
        @Override
        public String schema() {
            return SCHEMA;
        }

        @Override
        public String name() {
            return "exchange";
        }

        @Override
        public void check(JsonNode v, JsonNode file) throws VectorFailure {
            checkHeader(file);
            if (v.has("encoding")) {
                checkEncoding(v);
            }
            byte[] password = Fields.hex(v, "password");
            byte[] clientId = Fields.ascii(v, "clientId");
            byte[] serverId = Fields.ascii(v, "serverId");
            JsonNode nonces = Fields.node(v, "nonces");
            JsonNode expect = Fields.node(v, "expect");
            try {
                KnownAnswerChecks.Exchange ex = KnownAnswerChecks.exchange(password, clientId, serverId,
                        scalars(v, nonces));
                expectBytes("clientRoundOne", Fields.hex(expect, "clientRoundOne"), ex.clientRoundOne());
                expectBytes("serverRoundOne", Fields.hex(expect, "serverRoundOne"), ex.serverRoundOne());
                expectBytes("serverRoundTwo", Fields.hex(expect, "serverRoundTwo"), ex.serverRoundTwo());
                expectBytes("clientRoundTwo", Fields.hex(expect, "clientRoundTwo"), ex.clientRoundTwo());
                expectBytes("client K", Fields.hex(expect, "K"), ex.clientK());
                expectBytes("server K", Fields.hex(expect, "K"), ex.serverK());
                expectBytes("client PMS", Fields.hex(expect, "pms"), ex.clientPms());
                expectBytes("server PMS", Fields.hex(expect, "pms"), ex.serverPms());
            } catch (EcJpakeException e) {
                throw new VectorFailure(e.getMessage());
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }
    }


    /** The scalars of an exchange vector: {@code x1..x4} and {@code nonces.{x1..x4, client2, server2}}. */
    static KnownAnswerChecks.Scalars scalars(JsonNode v, JsonNode nonces) throws VectorFailure {
        return new KnownAnswerChecks.Scalars(Fields.scalar(v, "x1"), Fields.scalar(v, "x2"), Fields.scalar(v, "x3"),
                Fields.scalar(v, "x4"), Fields.scalar(nonces, "x1"), Fields.scalar(nonces, "x2"),
                Fields.scalar(nonces, "x3"), Fields.scalar(nonces, "x4"), Fields.scalar(nonces, "client2"),
                Fields.scalar(nonces, "server2"));
    }
}
