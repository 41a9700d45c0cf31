package dev.edgepair.readme;

import java.net.InetSocketAddress;
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
import dev.edgepair.client.PairingThrottledException;
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
 * The README's examples, compiled and run by ReadmeExamplesTest; the README holds the lines between each
 * {@code README:} marker and the next {@code README: end} verbatim.
 */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    // README: endpoint
    /** PUT /thermostat/target {Celsius}: needs the application's own IAM action Thermostat:Set. */
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
    // README: end

    static Device startDevice(Path home, InetSocketAddress local, InetSocketAddress remote, AtomicInteger target)
            throws Exception {
        // README: device
        IamConfig config = IamConfig.defaults()
                .withGrant("Thermostat", Set.of("Thermostat:Set"), List.of("Administrator", "Standard"));
        Device device = Device.builder()
                .identity(Identity.loadOrCreate(home.resolve("device.key")))
                .productId("pr-thermo").deviceId("de-0001")
                .localAddress(local).remoteAddress(remote)
                .iam(Iam.open(config, new JsonFileIamStateStore(home.resolve("iam-state.json"))))
                .passwordPairing(PairingOptions.defaults())
                .endpoint(new TargetTemperature(target))
                .build().start();
        // README: end
        return device;
    }

    static String pairingString(Device device) throws Exception {
        // README: pairing-string
        PairingString pairing = device.pairing().newOpenPassword();
        System.out.println(pairing.format()); // p=pr-thermo,d=de-0001,pwd=...,fp=...
        // README: end
        return pairing.format();
    }

    static void buttonPressed(Device device) {
        // README: button
        device.pairing().window().open(Duration.ofMinutes(5));
        // README: end
    }

    static String pairAndSetTarget(Path home, String pairingString, InetSocketAddress address) throws Exception {
        // README: client
        Client client = Client.builder()
                .identity(Identity.loadOrCreate(home.resolve("client.key")))
                .knownDevices(JsonFileKnownDevices.open(home.resolve("known-devices.json")))
                .build();
        PairingRequest request = PairingRequest.fromPairingString(PairingString.parse(pairingString))
                .address(address).username("alice").keyName("phone").build();   // checked before anything is sent
        KnownDevice device;
        try {
            device = client.pair(request);
        } catch (PairingThrottledException e) {   // or WrongSecretException, KeyConfirmationFailedException, ...
            throw new IllegalStateException("too many attempts: retry in " + e.retryAfter().toSeconds() + " s", e);
        }
        try (DeviceConnection connection = client.connect(device, address)) {   // pinned to the device's key
            return connection.put("/thermostat/target", CborMap.builder().put("Celsius", 21).build()).code();
        }
        // README: end
    }
}
