package dev.edgepair.internal.pairing;

import dev.edgepair.internal.protocol.PairingProtocol;

import dev.edgepair.internal.protocol.KeyConfirmation;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.protocol.SecretDerivation;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import dev.edgepair.client.DeviceConnection;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.TlsFraming;
import dev.edgepair.client.Response;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.internal.protocol.JpakeCbor;

/** The client's steps of password authentication one by one, with the bodies in hand, for attack tests. */
final class RawPake {
    final String principal;
    final Participant me;
    final RoundOne mine;
    final byte[] startBody;
    Response startReply;
    byte[] finishBody;

    RawPake(String field, String value, String principal, dev.edgepair.iam.PakeSecret secret) {
        this.principal = principal;
        this.me = SecretDerivation.participant(secret, PakeRole.CLIENT,
                PairingProtocol.CLIENT_PROVER_ID.getBytes(StandardCharsets.US_ASCII),
                PairingProtocol.DEVICE_PROVER_ID.getBytes(StandardCharsets.US_ASCII), new SecureRandom());
        this.mine = me.createRoundOne();
        this.startBody = Cbor.encode(CborMap.builder().put(field, value).put("Round1", JpakeCbor.roundOne(mine))
                .build());
    }

    static RawPake openPassword(String password) {
        return new RawPake("Username", "", SecretDerivation.userPrincipal(""),
                new DeviceSecretDerivation("pr-test", "de-test").password("", password));
    }

    Response start(DeviceConnection c) throws Exception {
        startReply = c.post("/pake/1", startBody, 60);
        return startReply;
    }

    /** Computes round two and the MAC for this connection's session; the body is kept for replays. */
    Response finish(DeviceConnection c, Fingerprint self) throws Exception {
        return finish(c, self, null);
    }

    /** The same with {@code Pair} (a pairing request in the same message), when {@code pair} is not null. */
    Response finish(DeviceConnection c, Fingerprint self, CborMap pair) throws Exception {
        CborMap answer = Cbor.decodeMap(startReply.payload());
        RoundOne d1 = JpakeCbor.readRoundOne(answer.map("Round1"));
        RoundTwo d2 = JpakeCbor.readRoundTwo(answer.map("Round2"));
        me.readRoundOne(d1);
        me.readRoundTwo(d2);
        RoundTwo myTwo = me.createRoundTwo();
        byte[] pms = me.deriveSecret().premasterSecret();
        KeyConfirmation conf = KeyConfirmation.derive(pms, new KeyConfirmation.Transcript(principal, self,
                c.deviceFingerprint(), c.exporter(), TlsFraming.encodeRoundOne(mine), TlsFraming.encodeRoundOne(d1),
                TlsFraming.encodeRoundTwo(d2, PakeRole.SERVER), TlsFraming.encodeRoundTwo(myTwo, PakeRole.CLIENT)));
        CborMap.Builder body = CborMap.builder().put("Round2", JpakeCbor.roundTwo(myTwo))
                .put("Confirm", conf.clientMac());
        if (pair != null) {
            body.put("Pair", pair);
        }
        finishBody = Cbor.encode(body.build());
        return c.post("/pake/2", finishBody, 60);
    }
}
