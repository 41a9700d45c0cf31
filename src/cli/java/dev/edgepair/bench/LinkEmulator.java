package dev.edgepair.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP proxy on loopback that emulates a link between clients and a device: every datagram is delayed by a fixed
 * one-way time in each direction (so one round trip costs twice the delay) and, optionally, dropped with a fixed
 * probability (seeded). Each client address gets its own upstream socket ("session"), so the device sees one peer
 * per client.
 *
 * <p>It counts round trips per session: a round trip is a flight of datagrams from the client followed by a flight
 * from the device (a client datagram that comes after a device datagram starts a new flight). A DTLS 1.2 handshake
 * with a cookie is three; each CoAP request and its piggy-backed response is one; a close_notify nobody answers is
 * none.
 *
 * <p>Bounded: loopback addresses only, at most {@link #MAX_SESSIONS} sessions (the oldest is closed for a new one),
 * at most {@link #MAX_QUEUED} datagrams in flight (more are dropped and counted).
 */
public final class LinkEmulator implements AutoCloseable {
    static final int MAX_SESSIONS = 512;
    static final int MAX_QUEUED = 10_000;

    private final DatagramSocket front;
    private final InetSocketAddress upstream;
    private final long delayNanos;
    private final double loss;
    private final Random random;
    private final Map<SocketAddress, Session> sessions = new LinkedHashMap<>();
    private final List<Integer> finished = new ArrayList<>();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "link-emulator-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    public LinkEmulator(InetSocketAddress upstream, Duration oneWayDelay, double loss, long seed) throws IOException {
        if (!upstream.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the link emulator only forwards to loopback, not " + upstream);
        }
        if (oneWayDelay.isNegative() || oneWayDelay.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("one-way delay must be 0-5 s");
        }
        if (!(loss >= 0 && loss < 0.5)) {
            throw new IllegalArgumentException("loss must be in [0, 0.5)");
        }
        this.upstream = upstream;
        this.delayNanos = oneWayDelay.toNanos();
        this.loss = loss;
        this.random = new Random(seed);
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::pumpFromClients, "link-emulator-front");
        t.setDaemon(true);
        t.start();
    }

    /** Where clients send to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    public long dropped() {
        return dropped.get();
    }

    /**
     * The round-trip counts of every session since the last call (one per client connection), and closes those
     * sessions. Call it between measurements, when no connection is open.
     */
    public synchronized List<Integer> takeRoundTrips() {
        for (Session s : sessions.values()) {
            s.close();
            finished.add(s.roundTrips);
        }
        sessions.clear();
        List<Integer> out = new ArrayList<>(finished);
        finished.clear();
        return out;
    }

    private synchronized Session session(SocketAddress client) throws IOException {
        Session s = sessions.get(client);
        if (s == null) {
            if (sessions.size() >= MAX_SESSIONS) {
                Iterator<Session> oldest = sessions.values().iterator();
                Session old = oldest.next();
                oldest.remove();
                old.close();
                finished.add(old.roundTrips);
            }
            s = new Session(client);
            sessions.put(client, s);
        }
        return s;
    }

    private void pumpFromClients() {
        byte[] buf = new byte[65536];
        while (running) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                front.receive(p);
                Session s = session(p.getSocketAddress());
                s.fromClient();
                forward(s.back, new DatagramPacket(p.getData().clone(), p.getLength(), upstream));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void forward(DatagramSocket out, DatagramPacket packet) {
        boolean lost;
        synchronized (random) {
            lost = loss > 0 && random.nextDouble() < loss;
        }
        if (lost || queued.incrementAndGet() > MAX_QUEUED) {
            if (!lost) {
                queued.decrementAndGet();
            }
            dropped.incrementAndGet();
            return;
        }
        timer.schedule(() -> {
            queued.decrementAndGet();
            try {
                out.send(packet);
            } catch (IOException e) {
                // session closed meanwhile
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** One client address: its upstream socket and its flight counter. */
    private final class Session {
        final SocketAddress client;
        final DatagramSocket back;
        int roundTrips;
        private boolean clientSpoke;

        Session(SocketAddress client) throws IOException {
            this.client = client;
            this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(this::pumpFromDevice, "link-emulator-back");
            t.setDaemon(true);
            t.start();
        }

        synchronized void fromClient() {
            clientSpoke = true;
        }

        synchronized void fromDevice() {
            if (clientSpoke) {
                roundTrips++;
                clientSpoke = false;
            }
        }

        void pumpFromDevice() {
            byte[] buf = new byte[65536];
            while (!back.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    back.receive(p);
                    fromDevice();
                    forward(front, new DatagramPacket(p.getData().clone(), p.getLength(), client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        void close() {
            back.close();
        }
    }

    @Override
    public void close() {
        running = false;
        front.close();
        synchronized (this) {
            sessions.values().forEach(Session::close);
        }
        timer.shutdownNow();
    }
}
