package dev.edgepair.demo;

import dev.edgepair.net.DtlsSettings;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import dev.edgepair.endpoint.Call;
import dev.edgepair.device.Device;
import dev.edgepair.internal.endpoint.ConnectionCall;
import dev.edgepair.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.List;
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
    private final DtlsSettings dtls;
    private final Map<ConnectionKey, ClientTransport> upstreams = new ConcurrentHashMap<>();
    private volatile int relayed;

    /** A relay in front of {@code upstream}, listening on loopback. */
    public MitmRelay(InetSocketAddress upstream, DtlsSettings dtls) throws java.io.IOException {
        this.upstream = upstream;
        this.dtls = dtls;
        InetSocketAddress loopback = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
        Device.Builder b = Device.builder().identity(key).productId("mitm").deviceId("mitm").localAddress(loopback)
                .remoteAddress(loopback).dtlsSettings(dtls);
        relays("pake", "iam", "hello").forEach(b::endpoint);
        this.front = b.build().start();
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

    /** Every method on every path below each prefix, relayed; no access check (a relay has none). */
    private List<Endpoint<?>> relays(String... prefixes) {
        List<Endpoint<?>> out = new ArrayList<>();
        for (String prefix : prefixes) {
            for (Endpoint.Method m : Endpoint.Method.values()) {
                out.add(new Endpoint<Void>(m, prefix + "/**", null) {
                    @Override
                    protected Void read(Call call, Map<String, String> params) {
                        return null;
                    }

                    @Override
                    protected Reply act(Call call, Void none) throws Refusal {
                        return forward(m.name(), call);
                    }
                });
            }
        }
        return out;
    }

    private Reply forward(String method, Call call) throws Refusal {
        try {
            ClientTransport up = upstreams.computeIfAbsent(ConnectionCall.context(call).connection(), k -> {
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
            int c = Integer.parseInt(code[0]) * 32 + Integer.parseInt(code[1]);
            if (c >> 5 != 2) {
                throw Refusal.of(c, new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return Reply.of(c, r.payload(), r.contentFormat());
        } catch (Refusal e) {
            throw e;
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
