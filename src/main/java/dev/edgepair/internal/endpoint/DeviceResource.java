package dev.edgepair.internal.endpoint;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;

import java.util.List;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.edgepair.internal.transport.ConnectionChangedException;
import dev.edgepair.internal.transport.DeviceTransport;
import dev.edgepair.internal.transport.RequestContext;
import dev.edgepair.wire.WireException;

/**
 * Base of every device endpoint, EdgePair's and an application's: one subclass per path. It builds the
 * {@link Call} (connection context and body), runs the handler, and turns a {@link Refusal} into its CoAP code with a
 * diagnostic payload, and a {@link WireException} (a bad field) into 4.00 naming the field. Nothing thrown by a handler escapes: an unexpected exception is a 5.00 and is logged.
 *
 * <p>A resource created with {@code wildcard = true} also answers every path below it (for example
 * {@code /iam/users/{username}}); {@link Call#path()} holds the segments.
 */
public abstract class DeviceResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceResource.class);
    private final boolean wildcard;
    private volatile DeviceTransport transport;
    private volatile AccessControl access = AccessControl.ALLOW_ALL;
    private volatile String requiredAction;

    protected DeviceResource(String name) {
        this(name, false);
    }

    protected DeviceResource(String name, boolean wildcard) {
        super(name);
        this.wildcard = wildcard;
    }

    /** Called by the device when the resource is installed; {@code action} (or null) guards every method. */
    public final void bind(DeviceTransport transport, AccessControl access, String action) {
        this.transport = transport;
        this.access = access;
        this.requiredAction = action;
        for (Resource child : getChildren()) {
            if (child instanceof DeviceResource) {
                ((DeviceResource) child).bind(transport, access, null);
            }
        }
    }

    @Override
    public Resource getChild(String name) {
        Resource child = super.getChild(name);
        return child == null && wildcard ? this : child;
    }

    protected Reply get(Call call) throws Refusal, WireException {
        throw notAllowed();
    }

    protected Reply post(Call call) throws Refusal, WireException {
        throw notAllowed();
    }

    protected Reply put(Call call) throws Refusal, WireException {
        throw notAllowed();
    }

    protected Reply delete(Call call) throws Refusal, WireException {
        throw notAllowed();
    }

    private static Refusal notAllowed() {
        return Refusal.methodNotAllowed();
    }

    @Override
    public final void handleGET(CoapExchange exchange) {
        dispatch(exchange, this::get);
    }

    @Override
    public final void handlePOST(CoapExchange exchange) {
        dispatch(exchange, this::post);
    }

    @Override
    public final void handlePUT(CoapExchange exchange) {
        dispatch(exchange, this::put);
    }

    @Override
    public final void handleDELETE(CoapExchange exchange) {
        dispatch(exchange, this::delete);
    }

    private void dispatch(CoapExchange exchange, Handler handler) {
        try {
            DeviceTransport t = transport;
            if (t == null) {
                throw Refusal.unavailable("resource not installed on a device");
            }
            RequestContext context;
            try {
                context = t.context(exchange);
            } catch (ConnectionChangedException e) {
                throw Refusal.unavailable(e.getMessage());
            }
            byte[] body = exchange.getRequestPayload();
            List<String> path = exchange.getRequestOptions().getUriPath();
            Call call = new Call(context, body == null ? new byte[0] : body, path);
            if (requiredAction != null) {
                access.check(call, requiredAction);
            }
            Reply reply = handler.handle(call);
            if (reply.contentFormat() == MediaTypeRegistry.UNDEFINED) {
                exchange.respond(reply.code());
            } else {
                exchange.respond(reply.code(), reply.body(), reply.contentFormat());
            }
        } catch (WireException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        } catch (Refusal r) {
            if (r.maxAgeSeconds() >= 0) {
                exchange.setMaxAge(r.maxAgeSeconds());
            }
            exchange.respond(r.code(), r.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
        } catch (RuntimeException e) {
            LOG.warn("handler of {} failed", getURI(), e);
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "internal error", MediaTypeRegistry.TEXT_PLAIN);
        }
    }
}
