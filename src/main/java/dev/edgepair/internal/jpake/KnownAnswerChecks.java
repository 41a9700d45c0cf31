package dev.edgepair.internal.jpake;

import java.math.BigInteger;

/**
 * Known-answer checks of the J-PAKE core for vector files (spec/test-vectors.md): pure functions from fixed scalars to
 * the bytes an exchange produces. They hand out no participant, so nothing built on them can run an exchange with a
 * real peer on fixed nonces or skipped proof checks (the state in which they work stays inside this package).
 */
public final class KnownAnswerChecks {
    private KnownAnswerChecks() {
    }

    /**
     * The scalars and nonces of a deterministic exchange: client {@code x1, x2}, server {@code x3, x4}, the nonces of
     * their four round-one proofs and of the two round-two proofs.
     */
    public record Scalars(BigInteger x1, BigInteger x2, BigInteger x3, BigInteger x4, BigInteger nonceX1,
                          BigInteger nonceX2, BigInteger nonceX3, BigInteger nonceX4, BigInteger nonceClientTwo,
                          BigInteger nonceServerTwo) {
    }

    /**
     * What a deterministic exchange produced: the four messages in TLS framing (spec/jpake.md), each read by the other
     * side, and {@code K} (x-coordinate) and the PMS as each side derived them.
     */
    public record Exchange(byte[] clientRoundOne, byte[] serverRoundOne, byte[] serverRoundTwo, byte[] clientRoundTwo,
                           byte[] clientK, byte[] serverK, byte[] clientPms, byte[] serverPms) {
        @Override
        public String toString() {
            return "Exchange[known answer]";
        }
    }

    /**
     * Runs a whole exchange with fixed scalars, in Thread's order (client round one; server round one and two; client
     * round two).
     *
     * @param password the J-PAKE password bytes
     * @param clientId the client's prover id
     * @param serverId the server's prover id
     * @param s the fixed scalars and nonces
     * @return every message, K and PMS
     * @throws EcJpakeException if a side rejects a message (the message names the step)
     */
    public static Exchange exchange(byte[] password, byte[] clientId, byte[] serverId, Scalars s)
            throws EcJpakeException {
        Participant client = KnownAnswer.participant(PakeRole.CLIENT, password, clientId, serverId, s.x1(), s.x2(),
                s.nonceX1(), s.nonceX2(), s.nonceClientTwo());
        Participant server = KnownAnswer.participant(PakeRole.SERVER, password, serverId, clientId, s.x3(), s.x4(),
                s.nonceX3(), s.nonceX4(), s.nonceServerTwo());
        String step = "clientRoundOne";
        try {
            byte[] c1 = TlsFraming.encodeRoundOne(client.createRoundOne());
            server.readRoundOne(TlsFraming.decodeRoundOne(c1));
            step = "serverRoundOne";
            byte[] s1 = TlsFraming.encodeRoundOne(server.createRoundOne());
            client.readRoundOne(TlsFraming.decodeRoundOne(s1));
            step = "serverRoundTwo";
            byte[] s2 = TlsFraming.encodeRoundTwo(server.createRoundTwo(), PakeRole.SERVER);
            client.readRoundTwo(TlsFraming.decodeRoundTwo(s2, PakeRole.SERVER));
            step = "clientRoundTwo";
            byte[] c2 = TlsFraming.encodeRoundTwo(client.createRoundTwo(), PakeRole.CLIENT);
            server.readRoundTwo(TlsFraming.decodeRoundTwo(c2, PakeRole.CLIENT));
            step = "derive";
            SharedSecret cs = client.deriveSecret();
            SharedSecret ss = server.deriveSecret();
            try {
                return new Exchange(c1, s1, s2, c2, cs.sharedPoint(), ss.sharedPoint(), cs.premasterSecret(),
                        ss.premasterSecret());
            } finally {
                cs.destroy();
                ss.destroy();
            }
        } catch (EcJpakeException e) {
            throw new EcJpakeException(e.reason(), "at " + step + ": " + e.getMessage());
        } finally {
            client.forgetSecrets();
            server.forgetSecrets();
        }
    }

    /**
     * Reads {@code message} as the peer's round two, for a reader that created its round one from {@code x1, x2}
     * and holds the peer's round-one keys {@code peerX1, peerX2} (SEC1); returns {@code {K, PMS}} when accepted.
     *
     * @param reader the reading side
     * @param password the J-PAKE password bytes
     * @param ownId the reader's prover id
     * @param peerId the peer's prover id
     * @param x1 the reader's first round-one scalar
     * @param x2 the reader's second round-one scalar
     * @param peerX1 the peer's first round-one key
     * @param peerX2 the peer's second round-one key
     * @param message the round-two message in TLS framing
     * @return K and PMS
     * @throws EcJpakeException with the reason the message is rejected
     */
    public static byte[][] readRoundTwo(PakeRole reader, byte[] password, byte[] ownId, byte[] peerId, BigInteger x1,
                                        BigInteger x2, byte[] peerX1, byte[] peerX2, byte[] message)
            throws EcJpakeException {
        Participant p = KnownAnswer.afterRoundOne(reader, password, ownId, peerId, x1, x2, peerX1, peerX2);
        try {
            p.readRoundTwo(TlsFraming.decodeRoundTwo(message, reader == PakeRole.CLIENT ? PakeRole.SERVER : PakeRole.CLIENT));
            p.createRoundTwo();
            SharedSecret secret = p.deriveSecret();
            try {
                return new byte[][] {secret.sharedPoint(), secret.premasterSecret()};
            } finally {
                secret.destroy();
            }
        } finally {
            p.forgetSecrets();
        }
    }
}
