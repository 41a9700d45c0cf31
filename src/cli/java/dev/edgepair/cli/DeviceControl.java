package dev.edgepair.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The running device's control socket: a Unix domain socket {@code control.sock} in the device home (mode 0700, so
 * only the device's own user reaches it; nothing on the network does). One request line, one answer line:
 * {@code window-open <minutes>} answers {@code ok <epoch second the window closes>}.
 */
final class DeviceControl implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PairingEvents.LOGGER);
    static final int MAX_MINUTES = 24 * 60;
    private final ServerSocketChannel server;
    private final Path path;
    private final Thread thread;

    private DeviceControl(ServerSocketChannel server, Path path, DeviceApp app) {
        this.server = server;
        this.path = path;
        this.thread = new Thread(() -> serve(app), "edgepair-control");
        thread.setDaemon(true);
        thread.start();
    }

    /** Listens on {@code path} (the caller holds the home lock, so a file there is stale); null if it cannot. */
    static DeviceControl listen(Path path, DeviceApp app) {
        try {
            Files.deleteIfExists(path);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            return new DeviceControl(server, path, app);
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("control: off (" + e.getMessage() + "); `device window open` will not reach this "
                    + "device");
            return null;
        }
    }

    private void serve(DeviceApp app) {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                String request = readLine(c);
                String answer = answer(request, app);
                c.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private static String answer(String request, DeviceApp app) {
        String[] parts = request.trim().split(" ");
        if (parts.length == 2 && parts[0].equals("window-open") && parts[1].matches("[0-9]{1,5}")) {
            int minutes = Integer.parseInt(parts[1]);
            if (minutes < 1 || minutes > MAX_MINUTES) {
                return "error minutes are 1-" + MAX_MINUTES;
            }
            app.pairing.window().open(Duration.ofMinutes(minutes));
            Instant until = Instant.now().plus(Duration.ofMinutes(minutes));
            LOG.info("password pairing window opened for {} min from the device side", minutes);
            return "ok " + until.getEpochSecond();
        }
        return "error unknown request";
    }

    static String readLine(SocketChannel c) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        while (buf.hasRemaining()) {
            if (c.read(buf) < 0) {
                break;
            }
            if (buf.position() > 0 && buf.get(buf.position() - 1) == '\n') {
                break;
            }
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort: the next start removes a stale socket file
        }
    }

    /** {@code edgepair device window open --home DIR [--minutes N]}. */
    @Command(name = "window", mixinStandardHelpOptions = true,
            description = "Open the running device's password pairing window (open and invite) again.")
    static final class Window implements Callable<Integer> {
        @Parameters(paramLabel = "open", description = "open")
        String action;

        @Option(names = "--home", required = true, description = "The running device's home directory.")
        Path home;

        @Option(names = "--minutes", defaultValue = "15", description = "How long, 1-" + MAX_MINUTES + " minutes.")
        int minutes;

        @Override
        public Integer call() throws Exception {
            if (!action.equals("open")) {
                throw new DeviceCommand.UsageError("window " + Safe.text(action) + ": the only action is 'open'");
            }
            if (minutes < 1 || minutes > MAX_MINUTES) {
                throw new DeviceCommand.UsageError("--minutes " + minutes + ": give 1-" + MAX_MINUTES);
            }
            Path socket = home.resolve("control.sock");
            if (!Files.isDirectory(home)) {
                throw new IOException("no device home at " + home);
            }
            if (HomeLock.holder(home) < 0 || !Files.exists(socket)) {
                throw new IOException("no device is running with home " + home + "; start it with "
                        + "`edgepair device run --home " + home + "` (a start opens the window)");
            }
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                c.write(ByteBuffer.wrap(("window-open " + minutes + "\n").getBytes(StandardCharsets.UTF_8)));
                String answer = readLine(c);
                if (!answer.startsWith("ok ")) {
                    throw new IOException("the device refused: " + Safe.text(answer));
                }
                Instant until = Instant.ofEpochSecond(Long.parseLong(answer.substring(3).trim()));
                System.out.println("password pairing window open until " + DateTimeFormatter.ofPattern("HH:mm:ss")
                        .withZone(ZoneId.systemDefault()).format(until) + " (" + minutes + " min)");
                return 0;
            }
        }
    }
}
