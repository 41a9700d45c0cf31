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
}
