package dev.edgepair.adversarial;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP proxy on loopback between clients and a device that drops, duplicates, delays and so reorders datagrams in
 * both directions. Each client address gets its own upstream socket, so the device sees one peer per client.
 */
final class HostileUdpProxy implements AutoCloseable {
    final AtomicInteger forwarded = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger duplicated = new AtomicInteger();
    final AtomicInteger delayed = new AtomicInteger();

    private final DatagramSocket front;
    private final InetSocketAddress upstream;
    private final double drop;
    private final double duplicate;
    private final int maxDelayMillis;
    private final Random random;
    private final Map<SocketAddress, DatagramSocket> backs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private volatile boolean running = true;

    HostileUdpProxy(InetSocketAddress upstream, double drop, double duplicate, int maxDelayMillis, long seed)
            throws IOException {
        this.upstream = upstream;
        this.drop = drop;
        this.duplicate = duplicate;
        this.maxDelayMillis = maxDelayMillis;
        this.random = new Random(seed);
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::pumpFromClients, "hostile-proxy-front");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    private void pumpFromClients() {
        byte[] buf = new byte[65536];
        while (running) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                SocketAddress client = p.getSocketAddress();
                DatagramSocket back = backs.computeIfAbsent(client, this::openBack);
                send(back, java.util.Arrays.copyOf(p.getData(), p.getLength()), upstream);
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private DatagramSocket openBack(SocketAddress client) {
        try {
            DatagramSocket back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                while (running) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        back.receive(p);
                        send(front, java.util.Arrays.copyOf(p.getData(), p.getLength()), client);
                    } catch (IOException e) {
                        if (!running) {
                            return;
                        }
                    }
                }
            }, "hostile-proxy-back");
            t.setDaemon(true);
            t.start();
            return back;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(DatagramSocket via, byte[] data, SocketAddress to) {
        double roll;
        int copies;
        int delay;
        synchronized (random) {
            roll = random.nextDouble();
            copies = random.nextDouble() < duplicate ? 2 : 1;
            delay = random.nextInt(maxDelayMillis + 1);
        }
        if (roll < drop) {
            dropped.incrementAndGet();
            return;
        }
        if (copies == 2) {
            duplicated.incrementAndGet();
        }
        if (delay > 0) {
            delayed.incrementAndGet();
        }
        for (int i = 0; i < copies; i++) {
            int d = delay + i * 3;
            timer.schedule(() -> {
                try {
                    via.send(new DatagramPacket(data, data.length, to));
                    forwarded.incrementAndGet();
                } catch (IOException e) {
                    // socket closed
                }
            }, d, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        running = false;
        front.close();
        backs.values().forEach(DatagramSocket::close);
        timer.shutdownNow();
    }
}
