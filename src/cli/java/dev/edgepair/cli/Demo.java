package dev.edgepair.cli;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.net.DtlsSettings;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceAdmin;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.client.PairingException;
import dev.edgepair.client.PairingRefusedException;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.PairingThrottledException;
import dev.edgepair.client.Response;
import dev.edgepair.client.WrongSecretException;
import dev.edgepair.demo.MitmRelay;
import dev.edgepair.identity.Identity;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.transport.Dtls;

/**
 * {@code edgepair demo}: a device on loopback with a temporary home, and clients walking through every pairing mode
 * and every refusal. Each step prints what happened; the demo succeeds only if every step behaved as expected.
 */
final class Demo {
    private final PrintStream out;
    private int number;
    private int failures;

    private Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; returns the exit code (0 only if every step behaved as expected). */
    static int run(PrintStream out) throws Exception {
        return new Demo(out).walk();
    }

    /** What one step saw: the CoAP code (or "-") and a line of detail. */
    private record Seen(String code, String detail) {
    }

    @FunctionalInterface
    private interface Action {
        Seen run() throws Exception;
    }

    private void step(String what, String expectedCode, Action action) {
        number++;
        long t0 = System.nanoTime();
        Seen seen;
        try {
            seen = action.run();
        } catch (PairingException e) {
            seen = new Seen(code(e), e.getMessage());
        } catch (Exception e) {
            seen = new Seen("!", e.toString());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        boolean ok = seen.code().equals(expectedCode);
        if (!ok) {
            failures++;
        }
        out.printf("%2d. %-52s %-5s %5d ms  %s%n      %s%n", number, what, seen.code(), ms,
                ok ? "ok" : "UNEXPECTED (wanted " + expectedCode + ")", seen.detail());
    }

    /** The CoAP code behind a failed pairing, or "-" when the client itself stopped. */
    private static String code(PairingException e) {
        if (e instanceof WrongSecretException) {
            return "4.01";
        }
        if (e instanceof PairingThrottledException) {
            return "4.29";
        }
        return e instanceof PairingRefusedException r ? r.code() : "-";
    }

    private static Client newClient() {
        return Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory()).build();
    }

    private int walk() throws Exception {
        Path home = Files.createTempDirectory("edgepair-demo-");
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        PairingOptions options = PairingOptions.defaults()
                .withBuckets(10, Duration.ofSeconds(1), 3, Duration.ofMinutes(1));
        out.println("EdgePair demo: a device and its clients on loopback; nobody compares a fingerprint.");
        try (DeviceApp app = DeviceApp.start(DeviceHome.open(home, "pr-demo", "de-kitchen"), loopback, loopback,
                options, DtlsSettings.defaults())) {
            var device = app.device;
            out.printf("device pr-demo/de-kitchen, fingerprint %s%n  local  coaps://%s%n  remote coaps://%s%n"
                    + "  home   %s%n%n", device.fingerprint(), Client.format(device.localAddress()),
                    Client.format(device.remoteAddress()), home);
            Client admin = newClient();
            Client carol = newClient();
            Client dave = newClient();
            Client erin = newClient();
            String[] invite = new String[1];
            String[] token = new String[1];
            InetSocketAddress remote = device.remoteAddress();

            step("admin pairs on the local network (local-initial)", "2.01", () -> {
                KnownDevice d = admin.pair(PairingRequest.localInitial(device.localAddress()).keyName("laptop")
                        .build());
                return new Seen("2.01", "admin " + admin.fingerprint().shortHex() + " now knows device "
                        + d.fingerprint().shortHex() + "; the device knows admin");
            });
            step("admin invites carol (one-time password)", "2.04", () -> {
                KnownDevice d = admin.knownDevices().list().get(0);
                try (DeviceConnection c = admin.connect(d, remote)) {
                    invite[0] = c.admin().invite("carol", "Standard").pairingString(d, Client.format(remote))
                            .format();
                    return new Seen("2.04", "pairing string for carol: " + invite[0]);
                }
            });
            step("admin issues a pairing token for dave (Guest)", "2.01", () -> {
                try (DeviceConnection c = admin.connect(admin.knownDevices().list().get(0), remote)) {
                    DeviceAdmin.IssuedToken t = c.admin().createPairingToken(DeviceAdmin.NewToken.forUser("dave")
                            .withRole("Guest"));
                    token[0] = new PairingString("pr-demo", "de-kitchen", null, t.secret(), t.token().id(), null,
                            Client.format(remote)).format();
                    return new Seen("2.01", "pairing string for dave: " + token[0]);
                }
            });
            step("carol pairs remotely with her invitation", "2.01", () -> {
                KnownDevice d = carol.pair(PairingString.parse(invite[0]), null, null, "phone");
                return new Seen("2.01", "carol " + carol.fingerprint().shortHex() + " paired; device key "
                        + d.fingerprint().shortHex() + " pinned");
            });
            step("carol's invitation does not work twice", "4.01", () -> {
                newClient().pair(PairingString.parse(invite[0]), null, null, "stolen");
                return new Seen("2.01", "paired twice!");
            });
            step("dave pairs remotely with his token", "2.01", () -> {
                KnownDevice d = dave.pair(PairingString.parse(token[0]), null, null, "tablet");
                return new Seen("2.01", "dave " + dave.fingerprint().shortHex() + " paired as Guest; device "
                        + d.fingerprint().shortHex() + " pinned");
            });
            step("admin turns on password-open pairing", "2.04", () -> {
                try (DeviceConnection c = admin.connect(admin.knownDevices().list().get(0), remote)) {
                    c.admin().setOpenPairingPassword("kitchen-sesame");
                    c.admin().setPairingMode(DeviceAdmin.PairingSwitch.PASSWORD_OPEN, true);
                    return new Seen("2.04", "open-pairing password set (only its J-PAKE secret is stored)");
                }
            });
            step("erin pairs remotely with the open password", "2.01", () -> {
                erin.pair(openPassword(remote, "kitchen-sesame", "erin").keyName("phone").build());
                return new Seen("2.01", "erin " + erin.fingerprint().shortHex() + " is a new Standard user");
            });
            step("carol says hello (connection pinned to the device key)", "2.05", () -> {
                try (DeviceConnection c = carol.connect(carol.knownDevices().list().get(0), remote)) {
                    Response r = c.get("/hello");
                    return new Seen(r.code(), "device said: " + r.text());
                }
            });
            step("dave (Guest) is not allowed /hello", "4.03", () -> {
                try (DeviceConnection c = dave.connect(dave.knownDevices().list().get(0), remote)) {
                    Response r = c.get("/hello");
                    return new Seen(r.code(), r.text());
                }
            });
            step("an unpaired client is refused /hello", "4.03", () -> {
                try (DeviceConnection c = newClient().connect(remote)) {
                    Response r = c.get("/hello");
                    return new Seen(r.code(), r.text());
                }
            });
            step("a relaying man in the middle fails confirmation", "4.01", () -> {
                try (MitmRelay mitm = new MitmRelay(remote, DtlsSettings.defaults())) {
                    Client victim = newClient();
                    try {
                        victim.pair(openPassword(mitm.address(), "kitchen-sesame", "victim").build());
                        return new Seen("2.01", "paired through the relay!");
                    } catch (PairingException e) {
                        return new Seen(code(e), "relay " + mitm.fingerprint().shortHex() + " relayed "
                                + mitm.relayed() + " requests; the device refused the MACs; victim knows "
                                + victim.knownDevices().list().size() + " devices");
                    }
                }
            });
            step("a wrong password is refused", "4.01", () -> {
                newClient().pair(openPassword(remote, "kitchen-sesam3", "mallory").build());
                return new Seen("2.01", "paired with a wrong password!");
            });
            step("guessing on is throttled", "4.29", () -> {
                for (int i = 0; i < 6; i++) {
                    try {
                        newClient().pair(openPassword(remote, "guess-" + i + "-xyz", "mallory").build());
                    } catch (PairingException e) {
                        if (e instanceof PairingThrottledException) {
                            return new Seen("4.29", "after " + (i + 1) + " more guesses: " + e.getMessage());
                        }
                    }
                }
                return new Seen("4.01", "never throttled");
            });
            out.printf("%nusers on the device: %s%n", app.iam.state().users().stream()
                    .map(u -> u.username() + " (" + u.role() + ", " + u.fingerprints().size() + " key)").toList());
        }
        out.printf("%s: %d steps, %d unexpected%n", failures == 0 ? "demo passed" : "DEMO FAILED", number, failures);
        return failures == 0 ? 0 : 1;
    }

    private static PairingRequest.Builder openPassword(InetSocketAddress address, String password, String username) {
        return PairingRequest.passwordOpen(address).password(password).username(username);
    }
}
