package dev.edgepair.demo;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.device.Device;
import dev.edgepair.internal.endpoint.DeviceResource;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.internal.transport.Dtls;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.transport.ClientTransport;
import dev.edgepair.internal.transport.ConnectionKey;

/**
 * A man in the middle: terminates DTLS towards the client with its own key, opens its own DTLS connection to the
 * real device (one per client connection), and relays every CoAP request and response unchanged.
 */
public final class MitmRelay implements AutoCloseable {
    private final Identity key = Identity.generate();
    private final Device front;
    private final InetSocketAddress upstream;
    private final Dtls.Settings dtls;
    private final Map<ConnectionKey, ClientTransport> upstreams = new ConcurrentHashMap<>();
    private volatile int relayed;

    /** A relay in front of {@code upstream}, listening on loopback. */
    public MitmRelay(InetSocketAddress upstream, Dtls.Settings dtls) throws java.io.IOException {
        this.upstream = upstream;
        this.dtls = dtls;
        InetSocketAddress loopback = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
        this.front = Device.builder().identity(key).productId("mitm").deviceId("mitm").localAddress(loopback)
                .remoteAddress(loopback).dtlsSettings(dtls)
                .resource("pake", new Relay("pake")).resource("iam", new Relay("iam"))
                .resource("hello", new Relay("hello")).build().start();
    }

    public InetSocketAddress address() {
        return front.remoteAddress();
    }

    /** The relay's own key, which its victims see instead of the device's. */
    public dev.edgepair.identity.Fingerprint fingerprint() {
        return key.fingerprint();
    }

    /** How many requests it relayed. */
    public int relayed() {
        return relayed;
    }

    private final class Relay extends DeviceResource {
        Relay(String name) {
            super(name, true);
        }

        @Override
        protected Reply get(Call call) throws Refusal {
            return forward("GET", call);
        }

        @Override
        protected Reply post(Call call) throws Refusal {
            return forward("POST", call);
        }

        @Override
        protected Reply put(Call call) throws Refusal {
            return forward("PUT", call);
        }

        @Override
        protected Reply delete(Call call) throws Refusal {
            return forward("DELETE", call);
        }
    }

    private Reply forward(String method, Call call) throws Refusal {
        try {
            ClientTransport up = upstreams.computeIfAbsent(call.context().connection(), k -> {
                try {
                    return ClientTransport.connect(key, upstream, null, dtls);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String path = "/" + String.join("/", call.path());
            byte[] body = call.body();
            ClientTransport.Reply r = switch (method) {
                case "GET" -> up.get(path);
                case "DELETE" -> up.delete(path);
                case "PUT" -> up.put(path, body, 60);
                default -> up.post(path, body, 60);
            };
            relayed++;
            String[] code = r.code().split("\\.");
            return Reply.raw(ResponseCode.valueOf(Integer.parseInt(code[0]) * 32 + Integer.parseInt(code[1])),
                    r.payload(), r.contentFormat());
        } catch (Exception e) {
            throw Refusal.unavailable("relay failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        upstreams.values().forEach(ClientTransport::close);
        front.close();
    }
}
