package dev.edgepair.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloResource;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.iam.coap.IamModule;
import dev.edgepair.identity.Identity;
import dev.edgepair.jpake.Participant;
import dev.edgepair.jpake.Role;
import dev.edgepair.jpake.RoundOne;
import dev.edgepair.jpake.RoundTwo;
import dev.edgepair.jpake.TlsFraming;
import dev.edgepair.pairing.Confirmation;
import dev.edgepair.pairing.DeviceSecrets;
import dev.edgepair.pairing.PakeSecrets;
import dev.edgepair.pairing.PasswordPairing;
import dev.edgepair.transport.ClientTransport.Reply;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.JpakeCbor;
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
    /** Usernames that never collide within the device's life (a nanoTime() remainder could repeat). */
    private static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("edgepair-fuzz");
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        Device.Builder b = IamModule.install(TestDevices.device(Identity.generate()), iam)
                .resource("hello", HelloResource.ACTION, new HelloResource());
        // generous buckets: the property is about what tampering does, not about the throttle
        PasswordPairing.install(b, iam, PasswordPairing.Options.defaults().alwaysOpen().withMaxFailures(1_000_000)
                .withBuckets(100_000, java.time.Duration.ofMillis(1), 100_000, java.time.Duration.ofMillis(1)));
        device = b.build().start();
        iam.setOpenPairingSecret(new DeviceSecrets("pr-test", "de-test").password("", PASSWORD));
        iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
        iam.setSetting(IamState.Setting.PASSWORD_INVITE_PAIRING, true);
        // the initial user is paired, so that no endpoint legitimately pairs anyone with a body the fuzzer sends
        client().pairLocalInitial(device.localAddress(), "owner");
        baseline = iam.state();
    }

    @AfterContainer
    static void stop() {
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
            Participant me = Participant.create(Role.CLIENT, new DeviceSecrets("pr-test", "de-test")
                    .password("", PASSWORD).value(), PasswordPairing.CLIENT_PROVER_ID.getBytes(),
                    PasswordPairing.DEVICE_PROVER_ID.getBytes(), new java.security.SecureRandom());
            RoundOne mine = me.createRoundOne();
            byte[] first = Cbor.encode(CborMap.builder().put("Username", "").put("Round1", JpakeCbor.roundOne(mine))
                    .build());
            Reply r1 = conn.post("/pake/1", flight == 0 ? mutate(first, mutation, at, delta, extra) : first, 60);
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
            Confirmation conf = Confirmation.derive(me.deriveSecret().premasterSecret(), new Confirmation.Transcript(
                    PakeSecrets.userPrincipal(""), c.fingerprint(), conn.deviceFingerprint(), conn.exporter(),
                    TlsFraming.encodeRoundOne(mine), TlsFraming.encodeRoundOne(d1),
                    TlsFraming.encodeRoundTwo(d2, Role.SERVER), TlsFraming.encodeRoundTwo(two, Role.CLIENT)));
            byte[] second = Cbor.encode(CborMap.builder().put("Round2", JpakeCbor.roundTwo(two))
                    .put("Confirm", conf.clientMac()).build());
            Reply r2 = conn.post("/pake/2", flight == 1 ? mutate(second, mutation, at, delta, extra) : second, 60);
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
            Reply r3 = conn.post("/iam/pairing/password-open", bad, 60);
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
        Reply lastStart = null;
        try (DeviceConnection conn = c.connect(device.remoteAddress())) {
            for (Step step : steps) {
                switch (step) {
                    case START -> {
                        me = Participant.create(Role.CLIENT, new DeviceSecrets("pr-test", "de-test")
                                .password("", PASSWORD).value(), PasswordPairing.CLIENT_PROVER_ID.getBytes(),
                                PasswordPairing.DEVICE_PROVER_ID.getBytes(), new java.security.SecureRandom());
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
                            Confirmation conf = Confirmation.derive(me.deriveSecret().premasterSecret(),
                                    new Confirmation.Transcript(PakeSecrets.userPrincipal(""), c.fingerprint(),
                                            conn.deviceFingerprint(), conn.exporter(), TlsFraming.encodeRoundOne(mine),
                                            TlsFraming.encodeRoundOne(d1), TlsFraming.encodeRoundTwo(d2, Role.SERVER),
                                            TlsFraming.encodeRoundTwo(two, Role.CLIENT)));
                            body = Cbor.encode(CborMap.builder().put("Round2", JpakeCbor.roundTwo(two))
                                    .put("Confirm", conf.clientMac()).build());
                        } else {
                            body = Cbor.encode(CborMap.builder().put("Round2", CborMap.builder().build())
                                    .put("Confirm", new byte[32]).build());
                        }
                        Reply r = conn.post("/pake/2", body, 60);
                        assertThat(r.code()).isEqualTo(started ? "2.01" : "4.00");
                        // a stray finish is no new exchange: it neither grants nor revokes an earlier result
                        authenticated |= started;
                        started = false;
                    }
                    case PAIR -> {
                        Reply r = conn.post("/iam/pairing/password-open", CborMap.builder().put("Username", name)
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

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of("/pake/1", "/pake/2", "/iam/pairing/password-open", "/iam/pairing/password-invite",
                "/iam/pairing/token", "/iam/pairing/local-open", "/iam/pairing/local-initial", "/iam/users",
                "/iam/users/admin/role", "/iam/users/admin/fingerprints/" + "a".repeat(64), "/iam/settings/x",
                "/iam/pairing-tokens", "/pair", "/hello");
    }

    private static DeviceConnection shared;

    @Property(tries = 300)
    void garbageToAnyEndpointIsA4xxAndChangesNothing(@ForAll("endpoints") String path,
                                                      @ForAll @Size(max = 300) byte[] garbage,
                                                      @ForAll boolean put, @ForAll boolean remote) throws Exception {
        synchronized (ProtocolFuzzProperties.class) {
            if (shared == null) {
                shared = client().connect(remote ? device.remoteAddress() : device.localAddress());
            }
        }
        Reply r = put ? shared.put(path, CborMap.builder().build()) : shared.post(path, garbage, 60);
        assertThat(r.code()).as(path + " " + r.text()).startsWith("4.");
        assertThat(iam.state()).isEqualTo(baseline);
    }

    private static void assertRefused(Reply r) {
        assertThat(r.code()).as(r.text()).startsWith("4.");
    }
}
