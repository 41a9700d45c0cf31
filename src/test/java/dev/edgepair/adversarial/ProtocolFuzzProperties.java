package dev.edgepair.adversarial;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.internal.protocol.PairingProtocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import org.eclipse.californium.core.coap.MediaTypeRegistry;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.Routes;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.TlsFraming;
import dev.edgepair.internal.protocol.KeyConfirmation;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.protocol.SecretDerivation;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.internal.transport.ClientTransport.Reply;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.CborModel;
import dev.edgepair.internal.protocol.JpakeCbor;
import dev.edgepair.tags.EndToEnd;

/**
 * spec/security.md, "Tampering": over real DTLS, any byte flip, truncation or extension of any body of any flight of
 * password pairing, and any garbage sent to any endpoint, gets a 4.xx, pairs nobody, changes no state, and never
 * reaches a handler as an exception (that would be a 5.00).
 */
@EndToEnd
class ProtocolFuzzProperties {
    private static final String PASSWORD = "fuzz-open-password";
    private static Path dir;
    private static Iam iam;
    private static Device device;
    private static IamState baseline;
    private static ClientTransport adminLocal;
    private static ClientTransport adminRemote;
    /** Usernames that never collide within the device's life (a nanoTime() remainder could repeat). */
    private static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("edgepair-fuzz");
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        Device.Builder b = TestDevices.device(Identity.generate()).iam(iam)
                .endpoint(new HelloEndpoint());
        // generous buckets: the property is about what tampering does, not about the throttle
        b.passwordPairing(PairingOptions.defaults().alwaysOpen().withMaxFailures(1_000_000)
                .withBuckets(100_000, java.time.Duration.ofMillis(1), 100_000, java.time.Duration.ofMillis(1)));
        device = b.build().start();
        iam.setOpenPairingSecret(new DeviceSecretDerivation("pr-test", "de-test").password("", PASSWORD));
        iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
        iam.setSetting(IamState.Setting.PASSWORD_INVITE_PAIRING, true);
        // the initial user is paired, so that no endpoint legitimately pairs anyone with a body the fuzzer sends;
        // it is the administrator whose connections send garbage past access control, into the decoders
        Identity owner = Identity.generate();
        Client.builder().identity(owner).dtlsSettings(TestDevices.FAST).knownDevices(KnownDevices.inMemory()).build()
                .pair(PairingRequest.localInitial(device.localAddress()).keyName("owner").build());
        iam.setSetting(IamState.Setting.LOCAL_OPEN_PAIRING, true);
        adminLocal = ClientTransport.connect(owner, device.localAddress(), device.fingerprint(), TestDevices.FAST);
        adminRemote = ClientTransport.connect(owner, device.remoteAddress(), device.fingerprint(), TestDevices.FAST);
        baseline = iam.state();
        assertThat(baseline.userWith(owner.fingerprint()).orElseThrow().role()).isEqualTo("Administrator");
    }

    @AfterContainer
    static void stop() {
        adminLocal.close();
        adminRemote.close();
        device.close();
    }

    private static Client client() {
        return Client.builder().identity(Identity.generate()).dtlsSettings(TestDevices.FAST)
                .knownDevices(KnownDevices.inMemory()).build();
    }

    enum Mutation { FLIP, TRUNCATE, EXTEND, SWAP_FIELDS }

    private static byte[] mutate(byte[] body, Mutation m, int at, int delta, byte[] extra) {
        int i = at % body.length;
        return switch (m) {
            case FLIP -> {
                byte[] t = body.clone();
                t[i] ^= (byte) delta;
                yield t;
            }
            case TRUNCATE -> java.util.Arrays.copyOf(body, i);
            case EXTEND -> {
                byte[] t = java.util.Arrays.copyOf(body, body.length + extra.length);
                System.arraycopy(extra, 0, t, body.length, extra.length);
                yield t;
            }
            case SWAP_FIELDS -> swapped(body);
        };
    }

    /** The first two values of the map exchanged (e.g. Round1 under Username): same bytes, wrong places. */
    private static byte[] swapped(byte[] body) {
        try {
            CborMap m = Cbor.decodeMap(body);
            List<String> keys = List.copyOf(m.keys());
            if (keys.size() < 2) {
                return new byte[] {(byte) 0xa0};
            }
            String text = m.toString(); // only to vary; rebuild with the keys' values interchanged below
            CborMap.Builder b = CborMap.builder();
            if (m.has("Round1") && m.has("Username")) {
                b.put("Username", "x").put("Round1", m.text("Username", 64));
            } else if (m.has("Round2") && m.has("Confirm")) {
                b.put("Round2", m.bytes("Confirm", 32, 32)).put("Confirm", m.map("Round2"));
            } else {
                b.put("Swapped", text);
            }
            return Cbor.encode(b.build());
        } catch (Exception e) {
            return new byte[] {(byte) 0xa0};
        }
    }

    /** Which flight is tampered with: 0 = /pake/1, 1 = /pake/2, 2 = the pairing request. */
    @Property(tries = 60)
    void tamperingWithAnyFlightPairsNobody(@ForAll @IntRange(min = 0, max = 2) int flight,
                                           @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 400) int at,
                                           @ForAll @IntRange(min = 1, max = 255) int delta,
                                           @ForAll @Size(min = 1, max = 6) byte[] extra) throws Exception {
        Client c = client();
        try (DeviceConnection conn = c.connect(device.remoteAddress())) {
            Participant me = SecretDerivation.participant(new DeviceSecretDerivation("pr-test", "de-test").password("", PASSWORD), PakeRole.CLIENT,
                    PairingProtocol.CLIENT_PROVER_ID.getBytes(),
                    PairingProtocol.DEVICE_PROVER_ID.getBytes(), new java.security.SecureRandom());
            RoundOne mine = me.createRoundOne();
            byte[] first = Cbor.encode(CborMap.builder().put("Username", "").put("Round1", JpakeCbor.roundOne(mine))
                    .build());
            var r1 = conn.post("/pake/1", flight == 0 ? mutate(first, mutation, at, delta, extra) : first, 60);
            if (flight == 0) {
                assertRefused(r1);
                assertThat(conn.post("/iam/pairing/password-open", CborMap.builder().put("Username",
                        "fuzz" + at).build()).code()).isEqualTo("4.01");
                assertThat(iam.state()).isEqualTo(baseline);
                return;
            }
            CborMap answer = Cbor.decodeMap(r1.payload());
            RoundOne d1 = JpakeCbor.readRoundOne(answer.map("Round1"));
            RoundTwo d2 = JpakeCbor.readRoundTwo(answer.map("Round2"));
            me.readRoundOne(d1);
            me.readRoundTwo(d2);
            RoundTwo two = me.createRoundTwo();
            KeyConfirmation conf = KeyConfirmation.derive(me.deriveSecret().premasterSecret(), new KeyConfirmation.Transcript(
                    SecretDerivation.userPrincipal(""), c.fingerprint(), conn.deviceFingerprint(), conn.exporter(),
                    TlsFraming.encodeRoundOne(mine), TlsFraming.encodeRoundOne(d1),
                    TlsFraming.encodeRoundTwo(d2, PakeRole.SERVER), TlsFraming.encodeRoundTwo(two, PakeRole.CLIENT)));
            byte[] second = Cbor.encode(CborMap.builder().put("Round2", JpakeCbor.roundTwo(two))
                    .put("Confirm", conf.clientMac()).build());
            var r2 = conn.post("/pake/2", flight == 1 ? mutate(second, mutation, at, delta, extra) : second, 60);
            if (flight == 1) {
                assertRefused(r2);
                assertThat(conn.post("/iam/pairing/password-open", CborMap.builder().put("Username",
                        "fuzz" + at).build()).code()).isEqualTo("4.01");
                assertThat(iam.state()).isEqualTo(baseline);
                return;
            }
            assertThat(r2.code()).isEqualTo("2.01");
            byte[] pairing = Cbor.encode(CborMap.builder().put("Username", "fuzzed").build());
            byte[] bad = mutate(pairing, mutation, at, delta, extra);
            var r3 = conn.post("/iam/pairing/password-open", bad, 60);
            if (r3.code().equals("2.01")) {
                // a flip can turn one valid username into another: then exactly that user exists, with this key
                IamState now = iam.state();
                assertThat(now.users().size()).isEqualTo(baseline.users().size() + 1);
                assertThat(now.userWith(c.fingerprint())).isPresent();
                iam.deleteUser(now.userWith(c.fingerprint()).get().username());
            } else {
                assertRefused(r3);
            }
            assertThat(iam.state()).isEqualTo(baseline);
        }
    }

    enum Step { START, FINISH, PAIR }

    /**
     * Any order of the three requests on one connection: the device answers 2.01 or 4.xx, never 5.xx, and pairs only
     * when the pairing request follows a confirmed exchange with no new start in between (a new start resets the
     * result; a stray finish does not).
     */
    @Property(tries = 40)
    void anyOrderOfTheFlightsPairsOnlyAfterAConfirmedExchange(@ForAll @Size(min = 1, max = 7) List<Step> steps)
            throws Exception {
        Client c = client();
        String name = "order" + NAMES.incrementAndGet();
        boolean started = false;
        boolean authenticated = false;
        boolean paired = false;
        Participant me = null;
        RoundOne mine = null;
        dev.edgepair.client.Response lastStart = null;
        try (DeviceConnection conn = c.connect(device.remoteAddress())) {
            for (Step step : steps) {
                switch (step) {
                    case START -> {
                        me = SecretDerivation.participant(new DeviceSecretDerivation("pr-test", "de-test").password("", PASSWORD), PakeRole.CLIENT,
                    PairingProtocol.CLIENT_PROVER_ID.getBytes(),
                                PairingProtocol.DEVICE_PROVER_ID.getBytes(), new java.security.SecureRandom());
                        mine = me.createRoundOne();
                        lastStart = conn.post("/pake/1", Cbor.encode(CborMap.builder().put("Username", "")
                                .put("Round1", JpakeCbor.roundOne(mine)).build()), 60);
                        assertThat(lastStart.code()).isEqualTo("2.01");
                        started = true;
                        authenticated = false;
                    }
                    case FINISH -> {
                        byte[] body;
                        if (started) {
                            CborMap answer = Cbor.decodeMap(lastStart.payload());
                            RoundOne d1 = JpakeCbor.readRoundOne(answer.map("Round1"));
                            RoundTwo d2 = JpakeCbor.readRoundTwo(answer.map("Round2"));
                            me.readRoundOne(d1);
                            me.readRoundTwo(d2);
                            RoundTwo two = me.createRoundTwo();
                            KeyConfirmation conf = KeyConfirmation.derive(me.deriveSecret().premasterSecret(),
                                    new KeyConfirmation.Transcript(SecretDerivation.userPrincipal(""), c.fingerprint(),
                                            conn.deviceFingerprint(), conn.exporter(), TlsFraming.encodeRoundOne(mine),
                                            TlsFraming.encodeRoundOne(d1), TlsFraming.encodeRoundTwo(d2, PakeRole.SERVER),
                                            TlsFraming.encodeRoundTwo(two, PakeRole.CLIENT)));
                            body = Cbor.encode(CborMap.builder().put("Round2", JpakeCbor.roundTwo(two))
                                    .put("Confirm", conf.clientMac()).build());
                        } else {
                            body = Cbor.encode(CborMap.builder().put("Round2", CborMap.builder().build())
                                    .put("Confirm", new byte[32]).build());
                        }
                        var r = conn.post("/pake/2", body, 60);
                        assertThat(r.code()).isEqualTo(started ? "2.01" : "4.00");
                        // a stray finish is no new exchange: it neither grants nor revokes an earlier result
                        authenticated |= started;
                        started = false;
                    }
                    case PAIR -> {
                        var r = conn.post("/iam/pairing/password-open", CborMap.builder().put("Username", name)
                                .build());
                        assertThat(r.code()).as(steps.toString()).isEqualTo(authenticated ? "2.01" : "4.01");
                        paired |= authenticated;
                        authenticated = false; // an authentication pairs once (spec/pairing.md)
                    }
                }
            }
        }
        assertThat(iam.state().user(name).isPresent()).isEqualTo(paired);
        if (paired) {
            iam.deleteUser(name);
        }
        assertThat(iam.state()).isEqualTo(baseline);
    }

    @net.jqwik.api.Example
    void trickyOrders() throws Exception {
        for (List<Step> order : List.of(List.of(Step.START, Step.FINISH, Step.FINISH, Step.PAIR),
                List.of(Step.START, Step.FINISH, Step.PAIR, Step.START, Step.PAIR),
                List.of(Step.PAIR, Step.FINISH, Step.START, Step.PAIR, Step.FINISH, Step.PAIR, Step.PAIR))) {
            anyOrderOfTheFlightsPairsOnlyAfterAConfirmedExchange(order);
        }
    }

    /** Every POST and PUT the device answers, with its path parameters filled in. */
    @Provide
    Arbitrary<Routes.Route> bodyRoutes() {
        return Arbitraries.of(Routes.of(device).stream()
                .filter(r -> r.method().equals("POST") || r.method().equals("PUT"))
                .map(r -> new Routes.Route(r.method(), "/" + r.path().replace("{username}", "owner")
                        .replace("{fingerprint}", "a".repeat(64)).replace("{setting}", "local-open-pairing")
                        .replace("{id}", "0123abcd")))
                .toList());
    }

    /** Random bytes, or a valid body with one byte flipped, cut off or added; only what spec/wire.md refuses. */
    @Provide
    Arbitrary<byte[]> malformedBodies() {
        byte[] valid = Cbor.encode(CborMap.builder().put("Username", "fuzz").put("Value", true)
                .put("Round1", CborMap.builder().put("X1", new byte[65]).build()).build());
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
        Arbitrary<byte[]> flipped = Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.integers().between(1, 255)).as((at, mask) -> {
                    byte[] t = valid.clone();
                    t[at] ^= (byte) (int) mask;
                    return t;
                });
        Arbitrary<byte[]> cut = Arbitraries.integers().between(1, valid.length - 1)
                .map(n -> java.util.Arrays.copyOf(valid, n));
        Arbitrary<byte[]> extended = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4).map(extra -> {
            byte[] t = java.util.Arrays.copyOf(valid, valid.length + extra.length);
            System.arraycopy(extra, 0, t, valid.length, extra.length);
            return t;
        });
        return Arbitraries.oneOf(random, flipped, cut, extended)
                .filter(b -> !CborModel.judge(b, Cbor.MAX_BODY, CborModel.MAX_DEPTH).accepted());
    }

    /**
     * A malformed body from the paired administrator (so it reaches the decoder rather than a 4.03), in POST and PUT
     * to every endpoint that takes a body, on the local and the remote listener: exactly 4.00 naming the rule the
     * independent model says is broken, and no state change. Where the device refuses before reading any body (a
     * local-only mode on the remote listener, a mode switched off), the malformed body gets exactly the refusal a
     * well-formed body with an unknown field gets.
     */
    @Property(tries = 300)
    void garbageToAnyEndpointIsA400AndChangesNothing(@ForAll("bodyRoutes") Routes.Route route,
                                                     @ForAll("malformedBodies") byte[] garbage,
                                                     @ForAll boolean remote) throws Exception {
        ClientTransport admin = remote ? adminRemote : adminLocal;
        byte[] control = Cbor.encode(CborMap.builder().put("Zz", 0).build());
        Reply expected = send(admin, route, control);
        Reply r = send(admin, route, garbage);
        String what = route + (remote ? " remote " : " local ") + java.util.HexFormat.of().formatHex(garbage);
        if (expected.code().equals("4.00")) {
            assertThat(expected.text()).as(route.toString()).contains("unknown field Zz");
            assertThat(r.code()).as(what).isEqualTo("4.00");
            assertThat(r.text()).as(what).contains(
                    CborModel.judge(garbage, Cbor.MAX_BODY, CborModel.MAX_DEPTH).broken().word);
        } else {
            assertThat(r.code()).as(what).isEqualTo(expected.code());
        }
        assertThat(iam.state()).as(what).isEqualTo(baseline);
        Statistics.label("reached the decoder").collect(expected.code().equals("4.00"));
        Statistics.label("reached the decoder").coverage(c -> c.check(true).percentage(p -> p > 70));
    }

    private static Reply send(ClientTransport t, Routes.Route route, byte[] body) throws Exception {
        if (route.path().equals("/pake/2")) {
            // the finish is read only during an exchange: start one, so that the body reaches the decoder
            Participant me = SecretDerivation.participant(new DeviceSecretDerivation("pr-test", "de-test").password("", PASSWORD), PakeRole.CLIENT,
                    PairingProtocol.CLIENT_PROVER_ID.getBytes(), PairingProtocol.DEVICE_PROVER_ID.getBytes(),
                    new java.security.SecureRandom());
            assertThat(t.post("/pake/1", Cbor.encode(CborMap.builder().put("Username", "")
                    .put("Round1", JpakeCbor.roundOne(me.createRoundOne())).build()),
                    MediaTypeRegistry.APPLICATION_CBOR).code()).isEqualTo("2.01");
        }
        return route.method().equals("POST") ? t.post(route.path(), body, MediaTypeRegistry.APPLICATION_CBOR)
                : t.put(route.path(), body, MediaTypeRegistry.APPLICATION_CBOR);
    }

    private static void assertRefused(Reply r) {
        assertThat(r.code()).as(r.text()).startsWith("4.");
    }

    private static void assertRefused(dev.edgepair.client.Response r) {
        assertThat(r.code()).as(r.text()).startsWith("4.");
    }
}
