package example.thermostat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.JsonFileKnownDevices;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.device.Device;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.pairing.PairingOptions;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * A thermostat and its app in one process on loopback: the device grants its own action to two roles, prints a
 * pairing string, the app pairs from it and sets the temperature; a stranger is refused. Exits 0 when all of that
 * happened as it should.
 */
public final class Main {
    /** PUT /thermostat/target {Celsius}, action Thermostat:Set. */
    static final class TargetTemperature extends Endpoint<Integer> {
        private final AtomicInteger target;

        TargetTemperature(AtomicInteger target) {
            super(Method.PUT, "thermostat/target", "Thermostat:Set");
            this.target = target;
        }

        @Override
        protected Integer read(Call call, Map<String, String> params) throws Refusal, WireException {
            return (int) call.cbor().onlyKeys("Celsius").unsigned("Celsius", 40);
        }

        @Override
        protected Reply act(Call call, Integer celsius) {
            target.set(celsius);
            return Reply.changed();
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("thermostat-");
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        AtomicInteger target = new AtomicInteger(18);
        IamConfig config = IamConfig.defaults()
                .withGrant("Thermostat", Set.of("Thermostat:Set"), List.of("Administrator", "Standard"));
        try (Device device = Device.builder()
                .identity(Identity.loadOrCreate(home.resolve("device.key")))
                .productId("pr-thermo").deviceId("de-0001")
                .localAddress(loopback).remoteAddress(loopback)
                .iam(Iam.open(config, new JsonFileIamStateStore(home.resolve("iam-state.json"))))
                .passwordPairing(PairingOptions.defaults())
                .endpoint(new TargetTemperature(target))
                .build().start()) {
            device.pairing().window().open(Duration.ofMinutes(5));
            PairingString pairing = device.pairing().newOpenPassword();
            System.out.println("device " + device.info().productId() + "/" + device.info().deviceId()
                    + " pairing string issued (" + pairing.format().length() + " characters)");

            Client stranger = Client.builder().identity(Identity.generate()).build();
            try (DeviceConnection c = stranger.connect(device.localAddress())) {
                String code = c.put("/thermostat/target", CborMap.builder().put("Celsius", 30).build()).code();
                System.out.println("unpaired client: " + code);
                check(code.equals("4.03") && target.get() == 18, "an unpaired client must be refused");
            }

            Client app = Client.builder()
                    .identity(Identity.loadOrCreate(home.resolve("client.key")))
                    .knownDevices(JsonFileKnownDevices.open(home.resolve("known-devices.json")))
                    .build();
            KnownDevice paired = app.pair(PairingRequest.fromPairingString(pairing).address(device.remoteAddress())
                    .username("alice").keyName("phone").build());
            try (DeviceConnection c = app.connect(paired, device.remoteAddress())) {
                String code = c.put("/thermostat/target", CborMap.builder().put("Celsius", 21).build()).code();
                System.out.println("paired app: " + code + ", target now " + target.get() + " C");
                check(code.equals("2.04") && target.get() == 21, "the paired app must set the target");
            }
        }
        System.out.println("thermostat example: OK");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("thermostat example FAILED: " + what);
            System.exit(1);
        }
    }
}
