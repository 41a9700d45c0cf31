package dev.edgepair.pairing;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.device.Call;
import dev.edgepair.device.Device;
import dev.edgepair.device.DeviceResource;
import dev.edgepair.device.Refusal;
import dev.edgepair.device.Reply;
import dev.edgepair.device.TestDevices;
import dev.edgepair.identity.Identity;
import dev.edgepair.transport.ClientTransport;
import dev.edgepair.transport.ConnectionKey;

/**
 * A man in the middle: terminates DTLS towards the client with its own key, opens its own DTLS connection to the
 * real device (one per client connection), and relays every CoAP request and response unchanged.
 */
final class MitmRelay implements AutoCloseable {
    final Identity key = Identity.generate();
    final Device front;
    private final InetSocketAddress upstream;
    private final Map<ConnectionKey, ClientTransport> upstreams = new ConcurrentHashMap<>();
    volatile int relayed;

    MitmRelay(InetSocketAddress upstream) throws Exception {
        this.upstream = upstream;
        this.front = TestDevices.device(key).resource("pake", new Relay("pake")).resource("iam", new Relay("iam"))
                .resource("hello", new Relay("hello")).build().start();
    }

    InetSocketAddress address() {
        return front.remoteAddress();
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
                    return ClientTransport.connect(key, upstream, null, TestDevices.FAST);
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
