package dev.edgepair.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.edgepair.client.Client;
import dev.edgepair.iam.IamState;
import dev.edgepair.pairing.Codes;
import dev.edgepair.pairing.DeviceSecrets;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.pairing.PairingTokens;
import dev.edgepair.pairing.PasswordPairing;
import dev.edgepair.transport.Dtls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgepair device}: run a device. */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Run a device.",
        subcommands = {DeviceCommand.Run.class})
final class DeviceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a device with its keys and state in --home (created on first run) until SIGINT/SIGTERM.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--home", required = true, description = "Device home directory.")
        Path home;

        @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: all).")
        String bind;

        @Option(names = "--local-port", defaultValue = "5592", description = "Local (LAN) listener port; 0 = any.")
        int localPort;

        @Option(names = "--remote-port", defaultValue = "5684", description = "Remote listener port; 0 = any.")
        int remotePort;

        @Option(names = "--open-password", description = "Turn on password-open pairing with this password "
                + "(8-64 characters); 'generate' makes one.")
        String openPassword;

        @Option(names = "--product-id", description = "Product id on first run (default: made up).")
        String productId;

        @Option(names = "--device-id", description = "Device id on first run (default: made up).")
        String deviceId;

        @Option(names = "--window-minutes", defaultValue = "15",
                description = "Password pairing window after start, minutes; 0 = always open.")
        int windowMinutes;

        @Option(names = "--qr-png", description = "Also write the pairing string's QR code to this PNG file.")
        Path qrPng;

        @Option(names = "--no-first-boot-token", description = "Do not issue the owner token on first run.")
        boolean noFirstBootToken;

        @Override
        public Integer call() throws Exception {
            DeviceHome dh = DeviceHome.open(home, productId, deviceId);
            InetAddress bindAddress = InetAddress.getByName(bind);
            PasswordPairing.Options options = PasswordPairing.Options.defaults();
            options = windowMinutes == 0 ? options.alwaysOpen()
                    : options.withWindowAfterStart(Duration.ofMinutes(windowMinutes));
            DeviceApp app = DeviceApp.start(dh, new InetSocketAddress(bindAddress, localPort),
                    new InetSocketAddress(bindAddress, remotePort), options, Dtls.Settings.defaults());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close(); // every change was saved when it was made; this only stops the listeners
                System.out.println("device stopped; state saved in " + dh.stateFile());
                stop.countDown();
            }, "edgepair-shutdown"));
            String host = bindAddress.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                    : bindAddress.getHostAddress();
            InetSocketAddress shownRemote = new InetSocketAddress(host, app.device.remoteAddress().getPort());
            System.out.println("fingerprint: " + dh.identity.fingerprint().hex());
            System.out.println("product: " + dh.productId + "  device: " + dh.deviceId + "  home: " + dh.dir);
            System.out.println("local: coaps://" + host + ":" + app.device.localAddress().getPort());
            System.out.println("remote: coaps://" + host + ":" + app.device.remoteAddress().getPort());
            String password = null;
            if (openPassword != null) {
                password = openPassword.equals("generate") ? Codes.newPassword() : openPassword;
                String problem = Codes.passwordProblem(password);
                if (problem != null) {
                    System.err.println("edgepair: --open-password: " + problem);
                    app.close();
                    return 2;
                }
                app.iam.setOpenPairingSecret(new DeviceSecrets(dh.productId, dh.deviceId).password("", password));
                app.iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
            }
            PairingString shown = new PairingString(dh.productId, dh.deviceId, null, password, null,
                    dh.identity.fingerprint(), Client.format(shownRemote));
            if (dh.firstRun && !noFirstBootToken) {
                // for the initial user: pairing with it is what local-initial would do (spec/iam.md)
                PairingTokens.IssuedToken t = PairingTokens.issue(app.iam, app.pairing.secrets(),
                        app.iam.state().initialUsername(), "Administrator", 30L * 24 * 3600,
                        Instant.now().getEpochSecond());
                PairingString label = new PairingString(dh.productId, dh.deviceId, null, t.token(), t.id(),
                        dh.identity.fingerprint(), Client.format(shownRemote));
                System.out.println("first boot: owner token (shown only now; print it on the label): "
                        + label.format());
                if (password == null) {
                    shown = label;
                }
            }
            String text = shown.password() == null ? shown.format() + " (add pwd=<password> to pair)"
                    : shown.format();
            System.out.println("pairing string: " + text);
            if (shown.password() != null) {
                System.out.print(Qr.terminal(shown.format()));
                if (qrPng != null) {
                    Qr.png(shown.format(), qrPng);
                    System.out.println("QR code written to " + qrPng);
                }
            }
            System.out.println("pairing: " + modes(app, options));
            System.out.flush();
            stop.await();
            return 0;
        }

        private static String modes(DeviceApp app, PasswordPairing.Options options) {
            IamState s = app.iam.state();
            List<String> m = new ArrayList<>();
            if (s.localInitialPairing() && app.iam.initialUserUnpaired()) {
                m.add("local-initial (until " + s.initialUsername() + " is paired)");
            }
            if (s.localOpenPairing()) {
                m.add("local-open");
            }
            String window = options.windowAfterStart() == null ? "always"
                    : "until " + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault())
                    .format(Instant.now().plus(options.windowAfterStart()));
            if (s.passwordOpenPairing() && s.openPairingSecret() != null) {
                m.add("password-open (window " + window + ")");
            }
            if (s.passwordInvitePairing()) {
                m.add("password-invite (window " + window + ")");
            }
            if (!s.tokens().isEmpty()) {
                m.add("token (" + s.tokens().size() + " live)");
            }
            return m.isEmpty() ? "none open" : String.join(", ", m);
        }
    }
}
