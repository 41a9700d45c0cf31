package dev.edgepair.device;

import dev.edgepair.endpoint.Call;
import dev.edgepair.internal.endpoint.DeviceResource;
import dev.edgepair.internal.endpoint.RoutedResource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.californium.core.server.resources.Resource;

/**
 * Every method and path a device answers, read from its CoAP resource tree: the endpoints of each
 * {@link RoutedResource} and the overridden methods of every other {@link DeviceResource}. Tests that must cover
 * every endpoint compare their table with this list, so a new endpoint without a check fails them.
 */
public final class Routes {
    private static final List<String> METHODS = List.of("get", "post", "put", "delete");

    /** {@code GET iam/users/{username}}. */
    public record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Routes() {
    }

    public static List<Route> of(Device device) {
        List<Route> out = new ArrayList<>();
        walk(device.resourceRoot(), "", out);
        return out;
    }

    private static void walk(Resource resource, String prefix, List<Route> out) {
        for (Resource child : resource.getChildren()) {
            String path = prefix.isEmpty() ? child.getName() : prefix + "/" + child.getName();
            if (child instanceof RoutedResource routed) {
                routed.endpoints().forEach(e -> out.add(new Route(e.method(), e.pattern())));
            } else if (child instanceof DeviceResource) {
                for (String m : METHODS) {
                    if (overrides(child.getClass(), m)) {
                        out.add(new Route(m.toUpperCase(java.util.Locale.ROOT), path));
                    }
                }
            }
            walk(child, path, out);
        }
    }

    private static boolean overrides(Class<?> c, String method) {
        for (Class<?> k = c; k != DeviceResource.class && k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == 1 && m.getParameterTypes()[0] == Call.class) {
                    return true;
                }
            }
        }
        return false;
    }
}
