package dev.edgepair.internal.endpoint;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;

import java.util.List;
import java.util.Map;

import dev.edgepair.wire.WireException;

/**
 * A resource that answers a subtree (for example {@code /iam/users/...}) by routing each request to the
 * {@link Endpoint} whose method and path pattern match: 4.04 when no pattern matches the path, 4.05 when one matches
 * but not for this method.
 */
public final class RoutedResource extends DeviceResource {
    private final List<Endpoint> endpoints;

    public RoutedResource(String name, List<? extends Endpoint> endpoints) {
        super(name, true);
        this.endpoints = List.copyOf(endpoints);
    }

    /** The endpoints routed here, for tests that list every endpoint. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    protected Reply get(Call call) throws Refusal, WireException {
        return route("GET", call);
    }

    @Override
    protected Reply post(Call call) throws Refusal, WireException {
        return route("POST", call);
    }

    @Override
    protected Reply put(Call call) throws Refusal, WireException {
        return route("PUT", call);
    }

    @Override
    protected Reply delete(Call call) throws Refusal, WireException {
        return route("DELETE", call);
    }

    private Reply route(String method, Call call) throws Refusal, WireException {
        boolean pathKnown = false;
        for (Endpoint e : endpoints) {
            Map<String, String> params = e.match(call.path());
            if (params != null) {
                pathKnown = true;
                if (e.method().equals(method)) {
                    return e.handle(call, params);
                }
            }
        }
        throw pathKnown ? Refusal.methodNotAllowed() : Refusal.notFound("no such resource");
    }
}
