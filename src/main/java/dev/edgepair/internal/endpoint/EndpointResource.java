package dev.edgepair.internal.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.internal.transport.ConnectionChangedException;
import dev.edgepair.internal.transport.DeviceTransport;
import dev.edgepair.internal.transport.RequestContext;

/**
 * The Californium side of the endpoint framework: one resource per first path segment ({@code iam}, {@code pake},
 * {@code hello}) answers its whole subtree by routing each request to the {@link Endpoint} whose pattern and method
 * match (4.04 when no pattern matches the path, 4.05 when one matches for another method), runs the endpoint's
 * pipeline, and turns the outcome into the CoAP answer. Nothing thrown by an endpoint escapes.
 */
public final class EndpointResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointResource.class);

    private final List<Endpoint<?>> endpoints;
    private final DeviceTransport transport;
    private final AccessControl access;

    /**
     * @param name the first path segment
     * @param endpoints the endpoints below it
     * @param transport the device transport (request contexts)
     * @param access the device's access control
     */
    public EndpointResource(String name, List<Endpoint<?>> endpoints, DeviceTransport transport,
            AccessControl access) {
        super(name);
        this.endpoints = List.copyOf(endpoints);
        this.transport = transport;
        this.access = access;
    }

    /**
     * Mounts endpoints on a device's CoAP server: one resource per first path segment answers its whole subtree.
     *
     * @param transport the device transport
     * @param endpoints every endpoint of the device
     * @param access the device's access control
     * @throws IllegalArgumentException if a path starts with a parameter or two endpoints share method and path
     */
    public static void mount(DeviceTransport transport, List<Endpoint<?>> endpoints, AccessControl access) {
        Map<String, List<Endpoint<?>>> byFirst = new LinkedHashMap<>();
        for (Endpoint<?> e : endpoints) {
            String first = e.pattern().split("/", 2)[0];
            if (first.startsWith("{") || first.equals("**")) {
                throw new IllegalArgumentException("an endpoint path must start with a fixed segment: " + e);
            }
            for (Endpoint<?> other : byFirst.getOrDefault(first, List.of())) {
                if (other.method() == e.method() && other.pattern().equals(e.pattern())) {
                    throw new IllegalArgumentException("two endpoints for " + e);
                }
            }
            byFirst.computeIfAbsent(first, k -> new ArrayList<>()).add(e);
        }
        Resource root = transport.server().getRoot();
        byFirst.forEach((first, list) -> root.add(new EndpointResource(first, list, transport, access)));
    }

    /** @return the endpoints routed here, in installation order */
    public List<Endpoint<?>> endpoints() {
        return endpoints;
    }

    @Override
    public Resource getChild(String name) {
        return this;
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        dispatch(exchange, Endpoint.Method.GET);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        dispatch(exchange, Endpoint.Method.POST);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        dispatch(exchange, Endpoint.Method.PUT);
    }

    @Override
    public void handleDELETE(CoapExchange exchange) {
        dispatch(exchange, Endpoint.Method.DELETE);
    }

    private void dispatch(CoapExchange exchange, Endpoint.Method method) {
        try {
            RequestContext context;
            try {
                context = transport.context(exchange);
            } catch (ConnectionChangedException e) {
                throw Refusal.unavailable(e.getMessage());
            }
            byte[] body = exchange.getRequestPayload();
            ConnectionCall call = new ConnectionCall(context, body == null ? new byte[0] : body,
                    exchange.getRequestOptions().getUriPath());
            Reply reply = route(method, call);
            if (reply.contentFormat() == Reply.NONE) {
                exchange.respond(ResponseCode.valueOf(reply.code()));
            } else {
                exchange.respond(ResponseCode.valueOf(reply.code()), reply.body(), reply.contentFormat());
            }
        } catch (Refusal r) {
            if (r.maxAgeSeconds() >= 0) {
                exchange.setMaxAge(r.maxAgeSeconds());
            }
            exchange.respond(ResponseCode.valueOf(r.code()), r.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        } catch (RuntimeException e) {
            LOG.warn("endpoint below /{} failed", getName(), e);
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "internal error", MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    private Reply route(Endpoint.Method method, ConnectionCall call) throws Refusal {
        boolean pathKnown = false;
        for (Endpoint<?> e : endpoints) {
            Map<String, String> params = e.match(call.path());
            if (params != null) {
                pathKnown = true;
                if (e.method() == method) {
                    return e.handle(call, params, access);
                }
            }
        }
        throw pathKnown ? Refusal.methodNotAllowed() : Refusal.notFound("no such resource");
    }
}
