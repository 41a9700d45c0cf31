package dev.edgepair.client;

import dev.edgepair.internal.protocol.SecretDerivation;

import dev.edgepair.internal.protocol.PairingProtocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import dev.edgepair.iam.PakeSecret;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.SharedSecret;
import dev.edgepair.internal.jpake.TlsFraming;
import dev.edgepair.internal.protocol.KeyConfirmation;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.wire.CborMap;
import dev.edgepair.internal.protocol.JpakeCbor;
import dev.edgepair.wire.WireException;

/**
 * The client's half of password authentication (spec/pairing.md). It sends its round one, its round two and its MAC;
 * nothing that needs the device's trust goes out before the device's MAC has been checked.
 */
final class PasswordAuthenticator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordAuthenticator() {
    }

    /**
     * The client's own first step of one exchange: its participant (holding the secret) and its round one. Neither
     * depends on the DTLS session, so a pairing whose device ids are known makes it while the handshake runs
     * ({@link Client}); {@link #forget()} wipes the secret, whatever happened.
     */
    static final class Start {
        private final Participant me;
        private final RoundOne mine;

        private Start(Participant me, RoundOne mine) {
            this.me = me;
            this.mine = mine;
        }

        void forget() {
            me.forgetSecrets();
        }

        @Override
        public String toString() {
            return "PasswordAuthenticator.Start";
        }
    }

    /** Makes the client's participant for {@code secret} (the PBKDF2 output) and its round one. */
    static Start start(PakeSecret secret) {
        Participant me = SecretDerivation.participant(secret, PakeRole.CLIENT,
                PairingProtocol.CLIENT_PROVER_ID.getBytes(StandardCharsets.US_ASCII),
                PairingProtocol.DEVICE_PROVER_ID.getBytes(StandardCharsets.US_ASCII), RANDOM);
        try {
            return new Start(me, me.createRoundOne());
        } catch (RuntimeException e) {
            me.forgetSecrets();
            throw e;
        }
    }

    /**
     * Runs the two round trips on {@code connection}, all on {@code session} (taken before the first request):
     * {@code field} is "Username" or "TokenId", {@code principal} the matching {@code user:}/{@code token:} string,
     * {@code start} the client's participant and round one ({@link #start}), {@code pair} the pairing request sent
     * with the MAC (or null). Returns the device's answer to {@code /pake/2} once the device's MAC has verified and
     * the session is still the one the confirmation covered; nothing in the answer is read before that. The caller
     * forgets {@code start}.
     */
    static CborMap authenticate(DeviceConnection connection, ClientTransport.Session session, Fingerprint self,
                                String field, String value, String principal, Start start, CborMap pair)
            throws IOException, PairingException {
        Participant me = start.me;
        try {
            RoundOne mine = start.mine;
            Response first = connection.post("/pake/1", CborMap.builder().put(field, value)
                    .put("Round1", JpakeCbor.roundOne(mine)).build());
            expectCreated(first);
            CborMap answer = cbor(first);
            answer.onlyKeys("Round1", "Round2");
            RoundOne deviceOne = JpakeCbor.readRoundOne(answer.map("Round1"));
            RoundTwo deviceTwo = JpakeCbor.readRoundTwo(answer.map("Round2"));
            me.readRounds(deviceOne, deviceTwo);
            RoundTwo myTwo = me.createRoundTwo();
            SharedSecret shared = me.deriveSecret();
            byte[] pms = shared.premasterSecret();
            shared.destroy();
            KeyConfirmation c = KeyConfirmation.derive(pms, new KeyConfirmation.Transcript(principal, self,
                    session.deviceFingerprint(), session.exporter(), TlsFraming.encodeRoundOne(mine),
                    TlsFraming.encodeRoundOne(deviceOne), TlsFraming.encodeRoundTwo(deviceTwo, PakeRole.SERVER),
                    TlsFraming.encodeRoundTwo(myTwo, PakeRole.CLIENT)));
            Arrays.fill(pms, (byte) 0);
            try {
                CborMap.Builder request = CborMap.builder().put("Round2", JpakeCbor.roundTwo(myTwo))
                        .put("Confirm", c.clientMac());
                if (pair != null) {
                    request.put("Pair", pair);
                }
                Response second = connection.post("/pake/2", request.build());
                expectCreated(second);
                CborMap result = cbor(second);
                if (!c.deviceMacMatches(result.bytes("Confirm", 32, 32))) {
                    throw new KeyConfirmationFailedException("the device failed key confirmation: a man in the "
                            + "middle or the wrong device answered; nothing was paired");
                }
                if (!connection.isCurrent(session)) {
                    throw new KeyConfirmationFailedException("the DTLS session changed during pairing; nothing was "
                            + "stored");
                }
                return result;
            } finally {
                c.destroy();
            }
        } catch (EcJpakeException e) {
            throw new PairingProtocolException("the device sent an invalid J-PAKE message (" + e.getMessage() + ")");
        } catch (WireException e) {
            throw new PairingProtocolException("the device sent a bad body (" + e.getMessage() + ")");
        }
    }

    /** A 2.01, or the typed exception of the device's error answer. */
    private static void expectCreated(Response reply) throws PairingException {
        if (reply.code().equals("2.01")) {
            return;
        }
        if (reply.isSuccess()) {
            throw new PairingProtocolException("the device answered " + reply.code() + " where 2.01 was due");
        }
        throw PairingException.of(reply);
    }

    private static CborMap cbor(Response reply) throws WireException {
        return dev.edgepair.wire.Cbor.decodeMap(reply.payload());
    }
}
