package dev.edgepair.redteam;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.net.DtlsSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.client.PairingException;
import dev.edgepair.device.Device;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.transport.Dtls;
import dev.edgepair.wire.CborMap;

/**
 * Runs inside a network namespace that {@link AnIpv6LanIsOneSourceTest} creates, where lo holds 2001:db8::1, ::2 and
 * ::3 in one /64 (a LAN with SLAAC addresses): the device on ::1 with the default per-source limits, a LAN neighbour
 * on ::2 (the attacker), the owner on ::3. Prints {@code KEY=value} lines for the test.
 */
public final class LanNeighbourMain {
    private LanNeighbourMain() {
    }

    private static Client client(String source) throws IOException {
        DtlsSettings s = new DtlsSettings(1, Duration.ofMillis(500), 1000, Duration.ofSeconds(5))
                .bindingClientsTo(InetAddress.getByName(source));
        return Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory()).dtlsSettings(s)
                .build();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("redteam-lan");
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        InetAddress deviceAddress = InetAddress.getByName("2001:db8::1");
        // production per-source limits (32 connections, 16 handshakes then 4/s; throttle 3 per source then 1/5 s)
        Device.Builder b = Device.builder().identity(Identity.generate()).productId("pr-test")
                .deviceId("de-test").localAddress(new InetSocketAddress(deviceAddress, 0))
                .remoteAddress(new InetSocketAddress(deviceAddress, 0))
                .dtlsSettings(new DtlsSettings(1, Duration.ofMillis(500), 1000, Duration.ofSeconds(5))).iam(iam);
        b.passwordPairing(PairingOptions.defaults().alwaysOpen());
        try (Device device = b.build().start()) {
            Client owner = client("2001:db8::3");
            try (DeviceConnection c = owner.connect(device.localAddress())) {
                System.out.println("OWNER_LOCAL_INITIAL=" + c.post("/iam/pairing/local-initial",
                        CborMap.builder().build()).code());
                System.out.println("OPEN_PASSWORD=" + c.put("/iam/settings/open-pairing-password",
                        CborMap.builder().put("Value", "open-sesame-42").build()).code()
                        + c.put("/iam/settings/password-open-pairing", CborMap.builder().put("Value", true).build())
                        .code());
            }
            // 1. the throttle: the neighbour spends its three /pake/1 (abandoned exchanges, no password needed)
            Client neighbour = client("2001:db8::2");
            try (DeviceConnection c = neighbour.connect(device.localAddress())) {
                for (int i = 0; i < 3; i++) {
                    RedTeamDevice.Pake p = RedTeamDevice.Pake.openPassword("not-the-password");
                    System.out.println("NEIGHBOUR_PAKE1=" + p.start(c).code());
                }
            }
            Client guest = client("2001:db8::4");
            try {
                guest.pair(PairingRequest.passwordOpen(device.localAddress()).password("open-sesame-42").username("guest").build());
                System.out.println("GUEST_PAIRING=2.01");
            } catch (PairingException e) {
                System.out.println("GUEST_PAIRING=" + PairingFailures.code(e));
            }
            // 2. the connection guard: the neighbour holds 32 idle connections to the local listener
            List<DeviceConnection> held = new ArrayList<>();
            int failures = 0;
            for (int attempt = 0; attempt < 40 && failures < 2; attempt++) {
                // stay under the handshake rate: only the connection count is tested. The first 12 fit in the
                // burst (16, one spent above on the neighbour's connection); after that, under the refill of 4/s
                if (attempt >= 12) {
                    Thread.sleep(300);
                }
                try {
                    held.add(client("2001:db8::2").connect(device.localAddress()));
                    failures = 0;
                } catch (IOException e) {
                    failures++;
                }
            }
            System.out.println("NEIGHBOUR_CONNECTIONS=" + held.size());
            try (DeviceConnection c = owner.connect(device.localAddress())) {
                System.out.println("OWNER_AFTER=" + c.get("/iam/me").code());
            } catch (IOException e) {
                System.out.println("OWNER_AFTER=no-connection");
            }
            for (DeviceConnection c : held) {
                c.close();
            }
        }
        System.out.println("DONE");
    }
}
