package dev.edgepair.device;

import java.util.List;

/**
 * Every method and path a device answers, read from {@link Device#endpoints()}. Tests that must cover every endpoint
 * compare their table with this list, so a new endpoint without a check fails them.
 */
public final class Routes {
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
        return device.endpoints().stream().map(e -> new Route(e.method().name(), e.pattern())).toList();
    }
}
