package dev.edgepair.vectors;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import dev.edgepair.jpake.EcJpakeException;
import dev.edgepair.jpake.KnownAnswer;
import dev.edgepair.jpake.Participant;
import dev.edgepair.jpake.Role;
import dev.edgepair.jpake.RoundOne;
import dev.edgepair.jpake.RoundTwo;
import dev.edgepair.jpake.SharedSecret;
import dev.edgepair.jpake.TlsFraming;

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

    static Role role(JsonNode v, String field) throws VectorFailure {
        return switch (Fields.text(v, field)) {
            case "client" -> Role.CLIENT;
            case "server" -> Role.SERVER;
            default -> throw new VectorFailure("bad vector: " + field + " must be client or server");
        };
    }

    static Role other(Role role) {
        return role == Role.CLIENT ? Role.SERVER : Role.CLIENT;
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
            Role reader = role(v, "reader");
            byte[] clientId = Fields.ascii(v, "clientId");
            byte[] serverId = Fields.ascii(v, "serverId");
            byte[] own = reader == Role.CLIENT ? clientId : serverId;
            byte[] peer = reader == Role.CLIENT ? serverId : clientId;
            byte[] password = Fields.hex(v, "password");
            byte[] message = Fields.hex(v, "message");
            int round = Fields.integer(v, "round");
            String expect = Fields.text(v, "expect");
            if (!expect.equals("accept") && !expect.equals("reject")) {
                throw new VectorFailure("bad vector: expect must be accept or reject");
            }
            String outcome;
            SharedSecret secret = null;
            try {
                if (round == 1) {
                    Participant p = Participant.create(reader, password, own, peer, new SecureRandom());
                    p.readRoundOne(TlsFraming.decodeRoundOne(message));
                } else if (round == 2) {
                    JsonNode ownScalars = Fields.node(v, "own");
                    JsonNode peerOne = Fields.node(v, "peerRound1");
                    Participant p = KnownAnswer.afterRoundOne(reader, password, own, peer,
                            Fields.scalar(ownScalars, "x1"), Fields.scalar(ownScalars, "x2"),
                            Fields.hex(peerOne, "X1"), Fields.hex(peerOne, "X2"));
                    p.readRoundTwo(TlsFraming.decodeRoundTwo(message, other(reader)));
                    if (v.has("expectK") || v.has("expectPms")) {
                        p.createRoundTwo();
                        secret = p.deriveSecret();
                    }
                } else {
                    throw new VectorFailure("bad vector: round must be 1 or 2");
                }
                outcome = "accept";
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
            if (!expect.equals(outcome)) {
                throw new VectorFailure("accepted, expected reject (" + v.path("reason").asText() + ")");
            }
            if (secret != null) {
                try {
                    if (v.has("expectK")) {
                        expectBytes("K", Fields.hex(v, "expectK"), secret.sharedPoint());
                    }
                    if (v.has("expectPms")) {
                        expectBytes("PMS", Fields.hex(v, "expectPms"), secret.premasterSecret());
                    }
                } finally {
                    secret.destroy();
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
            Participant client = KnownAnswer.participant(Role.CLIENT, password, clientId, serverId,
                    Fields.scalar(v, "x1"), Fields.scalar(v, "x2"),
                    Fields.scalar(nonces, "x1"), Fields.scalar(nonces, "x2"), Fields.scalar(nonces, "client2"));
            Participant server = KnownAnswer.participant(Role.SERVER, password, serverId, clientId,
                    Fields.scalar(v, "x3"), Fields.scalar(v, "x4"),
                    Fields.scalar(nonces, "x3"), Fields.scalar(nonces, "x4"), Fields.scalar(nonces, "server2"));
            String step = "clientRoundOne";
            try {
                byte[] c1 = TlsFraming.encodeRoundOne(client.createRoundOne());
                expectBytes(step, Fields.hex(expect, step), c1);
                server.readRoundOne(TlsFraming.decodeRoundOne(c1));

                step = "serverRoundOne";
                byte[] s1 = TlsFraming.encodeRoundOne(server.createRoundOne());
                expectBytes(step, Fields.hex(expect, step), s1);
                client.readRoundOne(TlsFraming.decodeRoundOne(s1));

                step = "serverRoundTwo";
                byte[] s2 = TlsFraming.encodeRoundTwo(server.createRoundTwo(), Role.SERVER);
                expectBytes(step, Fields.hex(expect, step), s2);
                client.readRoundTwo(TlsFraming.decodeRoundTwo(s2, Role.SERVER));

                step = "clientRoundTwo";
                byte[] c2 = TlsFraming.encodeRoundTwo(client.createRoundTwo(), Role.CLIENT);
                expectBytes(step, Fields.hex(expect, step), c2);
                server.readRoundTwo(TlsFraming.decodeRoundTwo(c2, Role.CLIENT));

                step = "derive";
                SharedSecret cs = client.deriveSecret();
                SharedSecret ss = server.deriveSecret();
                try {
                    expectBytes("client K", Fields.hex(expect, "K"), cs.sharedPoint());
                    expectBytes("server K", Fields.hex(expect, "K"), ss.sharedPoint());
                    expectBytes("client PMS", Fields.hex(expect, "pms"), cs.premasterSecret());
                    expectBytes("server PMS", Fields.hex(expect, "pms"), ss.premasterSecret());
                } finally {
                    cs.destroy();
                    ss.destroy();
                }
            } catch (EcJpakeException e) {
                throw new VectorFailure("at " + step + ": " + e.getMessage());
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }
    }

}
