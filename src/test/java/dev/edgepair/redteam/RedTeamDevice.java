package dev.edgepair.redteam;

import dev.edgepair.internal.protocol.SecretDerivation;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.internal.protocol.PairingProtocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import dev.edgepair.device.TestClock;
import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.iam.PakeSecret;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.TlsFraming;
import dev.edgepair.internal.protocol.KeyConfirmation;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.pairing.PairingWindow;
import dev.edgepair.device.DevicePairing;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.client.Response;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.internal.protocol.JpakeCbor;

/**
 * The red team's device under attack: IAM and password pairing on loopback over real DTLS, a clock the test moves,
 * an administrator paired locally, the open password set. Only public API (the attacker's view).
 */
final class RedTeamDevice implements AutoCloseable {
    static final String OPEN_PASSWORD = "open-sesame-42";
    final TestClock clock = new TestClock();
    final Iam iam;
    final Device device;
    final DevicePairing pairing;
    final Client admin = client(null);
    final DeviceConnection adminConn;

    RedTeamDevice(Path dir, PairingOptions options) throws Exception {
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        device = TestDevices.device(Identity.generate()).clocks(clock.wall(), clock::nanos).iam(iam)
                .passwordPairing(options).build().start();
        pairing = device.pairing();
        adminConn = admin.connect(device.localAddress());
        assertThat(adminConn.post("/iam/pairing/local-initial", CborMap.builder().build()).code()).isEqualTo("2.01");
        assertThat(adminConn.put("/iam/settings/open-pairing-password",
                CborMap.builder().put("Value", OPEN_PASSWORD).build()).code()).isEqualTo("2.04");
        assertThat(adminConn.put("/iam/settings/password-open-pairing",
                CborMap.builder().put("Value", true).build()).code()).isEqualTo("2.04");
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    PairingWindow window() {
        return pairing.window();
    }

    /** A client with a fresh key, its sockets bound to {@code source} (a loopback address) or the default. */
    static Client client(String source) {
        try {
            return Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory())
                    .dtlsSettings(source == null ? TestDevices.FAST
                            : TestDevices.FAST.bindingClientsTo(InetAddress.getByName(source))).build();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        adminConn.close();
        device.close();
    }

    /** The client's J-PAKE steps by hand (pairing protocol 2), with the prover ids chosen by the caller. */
    static final class Pake {
        final String principal;
        final Participant me;
        final RoundOne mine;
        Response startReply;

        Pake(String field, String value, String principal, PakeSecret secret, String ownId) {
            this.principal = principal;
            this.me = SecretDerivation.participant(secret, PakeRole.CLIENT, ownId.getBytes(StandardCharsets.US_ASCII),
                    PairingProtocol.DEVICE_PROVER_ID.getBytes(StandardCharsets.US_ASCII), new SecureRandom());
            this.mine = me.createRoundOne();
            this.field = field;
            this.value = value;
        }

        private final String field;
        private final String value;

        static Pake openPassword(String password) {
            return new Pake("Username", "", "user:", new DeviceSecretDerivation("pr-test", "de-test").password("", password),
                    PairingProtocol.CLIENT_PROVER_ID);
        }

        Response start(DeviceConnection c) throws Exception {
            startReply = c.post("/pake/1", Cbor.encode(CborMap.builder().put(field, value)
                    .put("Round1", JpakeCbor.roundOne(mine)).build()), 60);
            return startReply;
        }

        Response finish(DeviceConnection c, Fingerprint self, CborMap pair) throws Exception {
            CborMap answer = Cbor.decodeMap(startReply.payload());
            RoundOne d1 = JpakeCbor.readRoundOne(answer.map("Round1"));
            RoundTwo d2 = JpakeCbor.readRoundTwo(answer.map("Round2"));
            me.readRoundOne(d1);
            me.readRoundTwo(d2);
            RoundTwo myTwo = me.createRoundTwo();
            byte[] pms = me.deriveSecret().premasterSecret();
            KeyConfirmation conf = KeyConfirmation.derive(pms, new KeyConfirmation.Transcript(principal, self,
                    c.deviceFingerprint(), c.exporter(), TlsFraming.encodeRoundOne(mine),
                    TlsFraming.encodeRoundOne(d1), TlsFraming.encodeRoundTwo(d2, PakeRole.SERVER),
                    TlsFraming.encodeRoundTwo(myTwo, PakeRole.CLIENT)));
            CborMap.Builder body = CborMap.builder().put("Round2", JpakeCbor.roundTwo(myTwo))
                    .put("Confirm", conf.clientMac());
            if (pair != null) {
                body.put("Pair", pair);
            }
            return c.post("/pake/2", Cbor.encode(body.build()), 60);
        }
    }
}
