package dev.edgepair.readme;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.JsonFileKnownDevices;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.PairingThrottledException;
import dev.edgepair.device.Device;
import dev.edgepair.example.HelloResource;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.internal.iam.IamModule;
import dev.edgepair.identity.Identity;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.internal.pairing.PasswordPairing;

/** The README's examples, compiled and run by ReadmeExamplesTest; the README must hold these lines verbatim. */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    // README: device
    static Device startDevice(Path home, InetSocketAddress local, InetSocketAddress remote) throws Exception {
        Identity key = Identity.loadOrCreate(home.resolve("device.key"));
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(home.resolve("iam-state.json")));
        Device.Builder builder = Device.builder()
                .identity(key).productId("pr-thermo").deviceId("de-0001")
                .localAddress(local).remoteAddress(remote)
                .resource("hello", HelloResource.ACTION, new HelloResource());
        IamModule.install(builder, iam);
        PasswordPairing.install(builder, iam, PasswordPairing.Options.defaults());
        return builder.build().start();
    }
    // README: end

    // README: client
    static String pairAndSayHello(Path home, String pairingString) throws Exception {
        Client client = Client.builder()
                .identity(Identity.loadOrCreate(home.resolve("client.key")))
                .knownDevices(JsonFileKnownDevices.open(home.resolve("known-devices.json")))
                .build();
        PairingRequest request = PairingRequest.fromPairingString(PairingString.parse(pairingString))
                .username("alice").keyName("phone").build();   // checked here, before anything is sent
        KnownDevice device;
        try {
            device = client.pair(request);
        } catch (PairingThrottledException e) {   // or WrongSecretException, KeyConfirmationFailedException, ...
            throw new IllegalStateException("too many attempts: retry in " + e.retryAfter().toSeconds() + " s", e);
        }
        try (DeviceConnection connection = client.connect(device, null)) {   // pinned to the device's key
            return connection.get("/hello").text();
        }
    }
    // README: end
}
