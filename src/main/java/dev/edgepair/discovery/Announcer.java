package dev.edgepair.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a device on the LAN with mDNS/DNS-SD: one jmDNS responder per address (each created with an explicit
 * host name, {@code edgepair-<productId>-<deviceId>}), the service {@link Discovery#SERVICE_TYPE} on the device's
 * local listener port. {@link #update} changes the TXT record (the open pairing modes); {@link #close} withdraws the
 * service (goodbye packets) and stops the responders.
 */
public final class Announcer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);
    private final List<JmDNS> responders;
    private final List<ServiceInfo> services;
    private Announcement current;

    private Announcer(List<JmDNS> responders, List<ServiceInfo> services, Announcement current) {
        this.responders = responders;
        this.services = services;
        this.current = current;
    }

    /**
     * Starts one responder on each address and registers the service with {@code port} (the local listener's).
     * An address where mDNS cannot start is skipped with a warning; none at all is an {@link IOException}.
     *
     * @param addresses the LAN addresses to answer on, for example {@link Discovery#lanAddresses()}
     * @param port the device's local listener port
     * @param announcement what to announce
     * @return the running announcer; {@link #close} it when the device stops
     * @throws IOException if no responder could start (the last failure)
     */
    public static Announcer start(List<InetAddress> addresses, int port, Announcement announcement)
            throws IOException {
        List<JmDNS> responders = new ArrayList<>();
        List<ServiceInfo> services = new ArrayList<>();
        String host = Discovery.hostLabel("edgepair-" + announcement.instanceName());
        IOException last = null;
        for (InetAddress address : addresses) {
            JmDNS jmdns = null;
            try {
                jmdns = JmDNS.create(address, host);
                ServiceInfo info = ServiceInfo.create(Discovery.SERVICE_TYPE, announcement.instanceName(), port, 0, 0,
                        announcement.txt());
                jmdns.registerService(info);
                responders.add(jmdns);
                services.add(info);
                LOG.info("announcing {} on {} (mDNS)", announcement.instanceName(), address.getHostAddress());
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot announce on {}: {}", address.getHostAddress(), e.toString());
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                if (jmdns != null) {
                    jmdns.close();
                }
            }
        }
        if (responders.isEmpty()) {
            throw last != null ? last : new IOException("no address to announce on");
        }
        return new Announcer(responders, services, announcement);
    }

    /**
     * Replaces the TXT record if it changed (a pairing mode opened or closed).
     *
     * @param announcement the announcement now; the instance name is expected to stay the same
     */
    public synchronized void update(Announcement announcement) {
        if (announcement.equals(current)) {
            return;
        }
        current = announcement;
        for (ServiceInfo info : services) {
            info.setText(announcement.txt());
        }
        LOG.info("announcement updated: modes {}", announcement.modes());
    }

    /**
     * What is announced now.
     *
     * @return the announcement of {@link #start} or of the last {@link #update}
     */
    public synchronized Announcement current() {
        return current;
    }

    /** Withdraws the service and stops every responder. */
    @Override
    public synchronized void close() {
        for (JmDNS jmdns : responders) {
            try {
                jmdns.unregisterAllServices();
                jmdns.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("mDNS responder did not close cleanly: {}", e.toString());
            }
        }
        responders.clear();
    }
}
