package dev.edgepair.device;

import dev.edgepair.net.DtlsSettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import dev.edgepair.identity.Identity;
import dev.edgepair.internal.transport.Dtls;

/** Devices and clients on loopback with free ports and quick DTLS retries, for tests. */
public final class TestDevices {
    /**
     * Quick retries; per-source limits raised because every test client comes from loopback (the limits themselves
     * are tested with their defaults in {@code ConnectionLimitsTest}).
     */
    public static final DtlsSettings FAST = new DtlsSettings(1, Duration.ofMillis(500), 1000, Duration.ofSeconds(5))
            .withPerSourceLimits(1000, 100_000);

    private TestDevices() {
    }

    public static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    public static Device.Builder device(Identity identity) {
        return Device.builder().identity(identity).productId("pr-test").deviceId("de-test")
                .localAddress(loopback()).remoteAddress(loopback()).dtlsSettings(FAST);
    }

    /**
     * One visit: connect to {@code address}, GET {@code path}, close. The answer's code, or "no connection (...)" when
     * the handshake is refused, so that a refusal reads as an assertion's actual value, not as an exception.
     */
    public static String visit(dev.edgepair.client.Client client, InetSocketAddress address, String path) {
        try (dev.edgepair.client.DeviceConnection c = client.connect(address)) {
            return c.get(path).code();
        } catch (java.io.IOException e) {
            return "no connection (" + e.getMessage() + ")";
        }
    }
}
