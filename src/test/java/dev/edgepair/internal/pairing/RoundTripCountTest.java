package dev.edgepair.internal.pairing;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.pairing.PairingString;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/**
 * spec/pairing.md: with a pairing string, a pairing is two round trips after the DTLS handshake. Counted on the wire
 * by a proxy that delays every datagram 30 ms each way (so flights that do not wait for each other travel together)
 * and counts the client's application-data flights: a flight is what the client sends after the device's last
 * application data reached it.
 */
@EndToEnd
class RoundTripCountTest {
    @TempDir
    Path dir;

    private PairingFixture f;
    private DelayCountingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen());
        f.enableOpenPassword();
        proxy = new DelayCountingProxy(f.device.remoteAddress(), 30);
    }

    @AfterEach
    void stop() {
        proxy.close();
        f.close();
    }

    @Test
    void passwordOpenFromAPairingStringIsTwoRoundTripsAfterTheHandshake() throws Exception {
        Client c = PairingFixture.newClient();
        c.pair(PairingString.parse("p=pr-test,d=de-test,pwd=" + PairingFixture.OPEN_PASSWORD), proxy.address(),
                "rtt-ann", "phone");
        assertThat(proxy.clientFlights()).isEqualTo(2);
        assertThat(f.iam.state().user("rtt-ann")).isPresent();
    }

    @Test
    void tokenFromAPairingStringIsTwoRoundTripsAfterTheHandshake() throws Exception {
        CborMap t = DeviceConnection.cbor(f.adminConn.post("/iam/pairing-tokens",
                CborMap.builder().put("Username", "rtt-tom").put("Role", "Guest").build()));
        Client c = PairingFixture.newClient();
        c.pair(PairingString.parse("p=pr-test,d=de-test,tid=" + t.text("Id", 8) + ",pwd=" + t.text("Token", 32)),
                proxy.address(), null, "phone");
        assertThat(proxy.clientFlights()).isEqualTo(2);
    }

    @Test
    void withoutTheDeviceIdsTheClientAsksForThemFirst() throws Exception {
        Client c = PairingFixture.newClient();
        c.pair(PairingRequest.passwordOpen(proxy.address()).password(PairingFixture.OPEN_PASSWORD).username("rtt-bob").keyName("phone").build());
        assertThat(proxy.clientFlights()).isEqualTo(3);
    }

    /** A UDP proxy for one client with a fixed delay each way, counting the client's application-data flights. */
    static final class DelayCountingProxy implements AutoCloseable {
        private static final int APPLICATION_DATA = 23;
        private final DatagramSocket front;
        private final DatagramSocket back;
        private final InetSocketAddress device;
        private final int delayMillis;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private volatile SocketAddress client;
        private volatile boolean running = true;
        private int flights;
        private boolean deviceAnsweredSinceLastFlight = true;

        DelayCountingProxy(InetSocketAddress device, int delayMillis) throws Exception {
            this.device = device;
            this.delayMillis = delayMillis;
            this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            pump(front, true);
            pump(back, false);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) front.getLocalSocketAddress();
        }

        synchronized int clientFlights() {
            return flights;
        }

        private synchronized void seen(boolean fromClient, byte[] data) {
            if (data.length == 0 || (data[0] & 0xff) != APPLICATION_DATA) {
                return;
            }
            if (fromClient) {
                if (deviceAnsweredSinceLastFlight) {
                    flights++;
                    deviceAnsweredSinceLastFlight = false;
                }
            } else {
                deviceAnsweredSinceLastFlight = true;
            }
        }

        private void pump(DatagramSocket socket, boolean fromClient) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                while (running) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                        if (fromClient) {
                            client = p.getSocketAddress();
                        }
                        SocketAddress to = fromClient ? device : client;
                        DatagramSocket via = fromClient ? back : front;
                        timer.schedule(() -> {
                            seen(fromClient, data);
                            try {
                                via.send(new DatagramPacket(data, data.length, to));
                            } catch (Exception e) {
                                // closed
                            }
                        }, delayMillis, TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        if (!running) {
                            return;
                        }
                    }
                }
            }, "delay-proxy");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            running = false;
            front.close();
            back.close();
            timer.shutdownNow();
        }
    }
}
