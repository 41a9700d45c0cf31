package dev.edgepair.cli;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.net.DtlsSettings;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.edgepair.client.Client;
import dev.edgepair.device.Device;
import dev.edgepair.discovery.Announcement;
import dev.edgepair.discovery.Announcer;
import dev.edgepair.discovery.Discovery;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.IamStateException;
import dev.edgepair.iam.PairingToken;
import dev.edgepair.internal.protocol.PairingPasswords;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.internal.iam.PairingTokens;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.storage.AtomicFiles;
import dev.edgepair.internal.transport.Dtls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgepair device}: run a device, and talk to the running one ({@code window open}). */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Run a device.",
        subcommands = {DeviceCommand.Run.class, DeviceControl.Window.class})
final class DeviceCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** A mistake in the arguments: exit 2, one line. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a device with its keys and state in --home (created on first run) until SIGINT/SIGTERM.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--home", required = true, description = "Device home directory.")
        Path home;

        @Option(names = "--bind", description = "Address both listeners bind to (default: all addresses).")
        String bind;

        @Option(names = "--local-bind", description = "Address of the local (LAN) listener (default: --bind, else "
                + "all addresses; only on-link clients count as local).")
        String localBind;

        @Option(names = "--remote-bind", description = "Address of the remote listener (default: --bind, else all).")
        String remoteBind;

        @Option(names = "--local-port", defaultValue = "5592", description = "Local (LAN) listener port; 0 = any.")
        int localPort;

        @Option(names = "--remote-port", defaultValue = "5684", description = "Remote listener port; 0 = any.")
        int remotePort;

        @Option(names = "--advertise", description = "host:port to put in pairing strings, QR codes and the owner "
                + "token (default: this host's LAN address and the remote port).")
        String advertise;

        @Option(names = "--expose-local-beyond-lan", description = "Accept local pairing modes from any source that "
                + "reaches the local listener, not only on-link ones. Dangerous on a host with a public address.")
        boolean exposeLocal;

        @Option(names = "--no-mdns", description = "Do not announce the device on the LAN (mDNS/DNS-SD).")
        boolean noMdns;

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

        @Option(names = "--qr-png", description = "Also write the pairing string's QR code to this PNG file "
                + "(mode 0600: it holds a secret).")
        Path qrPng;

        @Option(names = "--no-first-boot-token", description = "Do not issue the owner token on first run.")
        boolean noFirstBootToken;

        @Option(names = "--new-owner-token", description = "Revoke the unused owner token, if any, and issue a new "
                + "one (Administrator, 30 days).")
        boolean newOwnerToken;

        @Override
        public Integer call() throws Exception {
            // 1. Arguments, addresses and ports, before anything is written.
            checkPort("--local-port", localPort);
            checkPort("--remote-port", remotePort);
            if (windowMinutes < 0) {
                throw new UsageError("--window-minutes " + windowMinutes + ": give 0 (always open) or more");
            }
            checkId("--product-id", productId);
            checkId("--device-id", deviceId);
            String password = null;
            if (openPassword != null) {
                password = openPassword.equals("generate") ? PairingPasswords.newPassword() : openPassword;
                String problem = PairingPasswords.passwordProblem(password);
                if (problem != null) {
                    throw new UsageError("--open-password: " + problem);
                }
            }
            InetSocketAddress local = new InetSocketAddress(hostAddress(localBind != null ? "--local-bind"
                    : "--bind", localBind != null ? localBind : bind), localPort);
            InetSocketAddress remote = new InetSocketAddress(hostAddress(remoteBind != null ? "--remote-bind"
                    : "--bind", remoteBind != null ? remoteBind : bind), remotePort);
            if (localPort != 0 && localPort == remotePort && (local.getAddress().isAnyLocalAddress()
                    || remote.getAddress().isAnyLocalAddress() || local.getAddress().equals(remote.getAddress()))) {
                throw new UsageError("--local-port and --remote-port are both " + localPort
                        + ": the two listeners need different ports");
            }
            InetSocketAddress advertised = advertise == null ? null : parseAdvertise(advertise);
            probe(local, "local", "--local-port", remote, "remote", "--remote-port");
            if (exposeLocal) {
                System.err.println("edgepair: WARNING: --expose-local-beyond-lan: local pairing modes (local-initial, "
                        + "local-open) accept any source that reaches " + Client.format(local)
                        + ", not only on-link ones; on a host with a public address anyone may pair");
            }

            // 2. The home: locked, key and ids; device.json only once the device runs.
            PairingOptions options = PairingOptions.defaults();
            options = windowMinutes == 0 ? options.alwaysOpen()
                    : options.withWindowAfterStart(Duration.ofMinutes(windowMinutes));
            DeviceHome dh = DeviceHome.open(home, productId, deviceId);
            DeviceApp app;
            try {
                app = DeviceApp.start(dh, local, remote, options, DtlsSettings.defaults(), exposeLocal);
            } catch (IOException e) {
                dh.close();
                if (e.getMessage() != null && e.getMessage().contains("listener could not bind")) {
                    throw new UsageError(e.getMessage() + "; is another device running? Choose other ports with "
                            + "--local-port/--remote-port");
                }
                throw e;
            } catch (IamStateException e) {
                dh.close();
                throw new UsageError(dh.stateFile() + " cannot be read (" + e.getMessage() + "): restore it from "
                        + "a backup, or move it away to start with no users");
            } catch (RuntimeException e) {
                dh.close();
                throw e;
            }
            CountDownLatch stop = new CountDownLatch(1);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "edgepair-device-watch");
                t.setDaemon(true);
                return t;
            });
            Announcer[] announcer = new Announcer[1];
            DeviceControl control = null;
            try {
                if (password != null) {
                    app.iam.setOpenPairingSecret(new DeviceSecretDerivation(dh.productId, dh.deviceId).password("", password));
                    app.iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
                }
                InetAddress lan = Discovery.preferredLanAddress();
                InetSocketAddress shownLocal = shown(null, app.device.localAddress(), lan);
                InetSocketAddress shownRemote = shown(advertised, app.device.remoteAddress(), lan);
                String a = advertised != null ? advertise : Client.format(shownRemote);
                PairingString label = ownerToken(dh, app, a);
                if (dh.firstRun) {
                    dh.completeFirstBoot();
                }
                control = DeviceControl.listen(dh.controlSocket(), app);
                printStart(dh, app, local, remote, shownLocal, a, password, label, options);
                if (!noMdns) {
                    announcer[0] = announce(dh, app, local);
                }
                PairingEvents events = new PairingEvents(app.iam);
                String ownerTokenId = label == null ? null : label.tokenId();
                ticker.scheduleWithFixedDelay(() -> {
                    events.check();
                    if (ownerTokenId != null && app.iam.state().token(ownerTokenId).isEmpty()) {
                        try {
                            Files.deleteIfExists(dh.ownerTokenFile()); // used (or revoked): nothing to keep
                        } catch (IOException e) {
                            // tried again next tick; the next start removes it too
                        }
                    }
                    if (announcer[0] != null) {
                        announcer[0].update(announcement(dh, app));
                    }
                }, 1, 1, TimeUnit.SECONDS);
            } catch (IOException | RuntimeException | IamStateException | dev.edgepair.iam.IamException e) {
                ticker.shutdownNow();
                if (control != null) {
                    control.close();
                }
                app.close();
                dh.close();
                throw e;
            }
            DeviceControl ctl = control;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ticker.shutdownNow();
                if (announcer[0] != null) {
                    announcer[0].close(); // goodbye packets: browsers drop the device now
                }
                if (ctl != null) {
                    ctl.close();
                }
                app.close(); // every change was saved when it was made; this only stops the listeners
                dh.close();
                System.out.println("device stopped; state saved in " + dh.stateFile());
                stop.countDown();
            }, "edgepair-shutdown"));
            stop.await();
            return 0;
        }

        private void printStart(DeviceHome dh, DeviceApp app, InetSocketAddress local, InetSocketAddress remote,
                                InetSocketAddress shownLocal, String a, String password, PairingString label,
                                PairingOptions options) throws IOException {
            System.out.println("fingerprint: " + dh.identity.fingerprint().hex());
            System.out.println("product: " + dh.productId + "  device: " + dh.deviceId + "  home: " + dh.dir);
            System.out.println("local: coaps://" + Client.format(shownLocal));
            System.out.println("remote: coaps://" + a);
            System.out.println("listening: local " + listening(local, app.device.localAddress())
                    + (exposeLocal ? " (local modes from any source)" : " (local modes for on-link clients only)")
                    + ", remote " + listening(remote, app.device.remoteAddress()));
            PairingString shown = null;
            if (password != null) {
                shown = new PairingString(dh.productId, dh.deviceId, null, password, null, dh.identity.fingerprint(),
                        a);
            }
            if (label != null) {
                System.out.println((dh.firstRun || newOwnerToken ? "first boot: owner token (Administrator, "
                        + "one use; print it on the label): " : "owner token (unused): ") + label.format());
                System.out.println("owner token saved in " + dh.ownerTokenFile() + " (mode 0600) until it is used");
                if (shown == null) {
                    shown = label;
                }
            }
            if (shown == null) {
                System.out.println("pairing string: " + new PairingString(dh.productId, dh.deviceId, null, null, null,
                        dh.identity.fingerprint(), a).format() + " (add pwd=<password> to pair)");
            } else {
                System.out.println("pairing string: " + shown.format());
                System.out.print(Qr.terminal(shown.format()));
                if (qrPng != null) {
                    Qr.png(shown.format(), qrPng);
                    System.out.println("QR code written to " + qrPng.toAbsolutePath() + " (mode 0600)");
                }
            }
            System.out.println("pairing: " + modes(app, options));
            System.out.flush();
        }

        /**
         * The owner token: issued on the first successful start (or with --new-owner-token) and kept in a 0600
         * file until used; on later starts shown again while it is live. Null when there is none.
         */
        private PairingString ownerToken(DeviceHome dh, DeviceApp app, String a) throws Exception {
            Path file = dh.ownerTokenFile();
            if (Files.exists(file)) {
                PairingString kept = PairingString.parse(Files.readString(file).trim());
                boolean live = app.iam.state().token(kept.tokenId())
                        .filter(t -> !t.expiredAt(Instant.now().getEpochSecond())).isPresent();
                if (live && !newOwnerToken) {
                    return kept;
                }
                if (live) {
                    app.iam.deleteToken(kept.tokenId());
                }
                Files.delete(file);
            }
            if (!(dh.firstRun && !noFirstBootToken) && !newOwnerToken) {
                return null;
            }
            // for the initial user: pairing with it is what local-initial would do (spec/iam.md)
            PairingString label = app.pairing.token(app.iam.state().initialUsername(), "Administrator",
                    Duration.ofDays(30)).withAddress(a);
            AtomicFiles.writeAtomically(file, (label.format() + "\n").getBytes(java.nio.charset.StandardCharsets
                    .US_ASCII), true);
            return label;
        }

        private Announcer announce(DeviceHome dh, DeviceApp app, InetSocketAddress local) {
            try {
                List<InetAddress> on;
                if (local.getAddress().isAnyLocalAddress()) {
                    on = Discovery.lanAddresses();
                } else if (local.getAddress().isLoopbackAddress()) {
                    System.out.println("mdns: off (the local listener is on loopback)");
                    return null;
                } else {
                    on = List.of(local.getAddress());
                }
                if (on.isEmpty()) {
                    System.out.println("mdns: off (no LAN interface)");
                    return null;
                }
                Announcer announcer = Announcer.start(on, app.device.localAddress().getPort(),
                        announcement(dh, app));
                System.out.println("mdns: announced as " + announcement(dh, app).instanceName() + "."
                        + Discovery.SERVICE_TYPE.replaceAll("\\.$", "") + " on " + on.stream()
                        .map(InetAddress::getHostAddress).toList());
                return announcer;
            } catch (IOException e) {
                System.out.println("mdns: off (" + e.getMessage() + ")");
                return null;
            }
        }

        private static Announcement announcement(DeviceHome dh, DeviceApp app) {
            return new Announcement(dh.productId, dh.deviceId, dh.identity.fingerprint(), openModes(app));
        }

        /** The pairing modes a client could use now, by the names of {@code GET /iam/pairing}. */
        static List<String> openModes(DeviceApp app) {
            IamState s = app.iam.state();
            List<String> m = new ArrayList<>();
            if (s.localInitialPairing() && app.iam.initialUserUnpaired()) {
                m.add("local-initial");
            }
            if (s.localOpenPairing()) {
                m.add("local-open");
            }
            boolean window = app.pairing.window().isOpen();
            if (window && s.passwordOpenPairing() && s.openPairingSecret() != null) {
                m.add("password-open");
            }
            if (window && s.passwordInvitePairing()) {
                m.add("password-invite");
            }
            long now = Instant.now().getEpochSecond();
            if (s.tokens().stream().anyMatch(t -> !t.expiredAt(now))) {
                m.add("token");
            }
            return m;
        }

        private static String modes(DeviceApp app, PairingOptions options) {
            IamState s = app.iam.state();
            List<String> m = new ArrayList<>();
            if (s.localInitialPairing() && app.iam.initialUserUnpaired()) {
                m.add("local-initial (until an administrator has paired)");
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

        private static void checkPort(String option, int port) throws UsageError {
            if (port < 0 || port > 65535) {
                throw new UsageError(option + " " + port + ": a UDP port is 0-65535 (0 = any free port)");
            }
        }

        private static void checkId(String option, String id) throws UsageError {
            if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new UsageError(option + " '" + Safe.text(id) + "': ids are 1-64 of [A-Za-z0-9._-], "
                        + "starting with a letter or digit");
            }
        }

        /** The bind address: the wildcard by default, else one of this host's addresses. */
        private static InetAddress hostAddress(String option, String host) throws UsageError {
            if (host == null) {
                return new InetSocketAddress(0).getAddress();
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new UsageError(option + " " + Safe.text(host) + ": no such host; give an address of this "
                        + "machine, e.g. 0.0.0.0 (all) or 127.0.0.1");
            }
            try {
                if (!address.isAnyLocalAddress() && NetworkInterface.getByInetAddress(address) == null) {
                    throw new UsageError(option + " " + Safe.text(host) + ": " + address.getHostAddress()
                            + " is not an address of this machine");
                }
            } catch (SocketException e) {
                // cannot tell: let the bind decide
            }
            return address;
        }

        private static InetSocketAddress parseAdvertise(String hostPort) throws UsageError {
            try {
                InetSocketAddress a = Client.parseAddress(hostPort);
                if (a.getPort() < 1 || a.getPort() > 65535) {
                    throw new IOException("bad port");
                }
                return a;
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageError("--advertise " + Safe.text(hostPort) + ": give host:port (IPv6 in brackets)");
            }
        }

        /** Binds both addresses at once, then lets go: a clash is found before anything is written. */
        private static void probe(InetSocketAddress a, String aName, String aOption, InetSocketAddress b,
                                  String bName, String bOption) throws UsageError {
            try (DatagramSocket first = bindOrExplain(a, aName, aOption);
                 DatagramSocket second = bindOrExplain(b, bName, bOption)) {
                // both bound: the ports are free
                first.getLocalPort();
                second.getLocalPort();
            }
        }

        private static DatagramSocket bindOrExplain(InetSocketAddress a, String name, String option)
                throws UsageError {
            try {
                DatagramSocket s = new DatagramSocket(null);
                s.setReuseAddress(false);
                s.bind(a);
                return s;
            } catch (SocketException e) {
                throw new UsageError("cannot listen on UDP " + Client.format(a) + " (" + name + " listener): "
                        + (e.getMessage() == null ? "in use" : e.getMessage().replaceAll(" \\(.*\\)$", ""))
                        + "; another device running? Choose another " + option + " or stop it");
            }
        }

        /** What to show for a listener: the advertised address, else its bind address, else the LAN address. */
        private static InetSocketAddress shown(InetSocketAddress advertised, InetSocketAddress bound, InetAddress lan) {
            if (advertised != null) {
                return advertised;
            }
            if (!bound.getAddress().isAnyLocalAddress()) {
                return bound;
            }
            return new InetSocketAddress(lan != null ? lan : InetAddress.getLoopbackAddress(), bound.getPort());
        }

        private static String listening(InetSocketAddress requested, InetSocketAddress bound) {
            return (requested.getAddress().isAnyLocalAddress() ? "*" : Client.format(requested).replaceAll(":\\d+$",
                    "")) + ":" + bound.getPort();
        }
    }
}
