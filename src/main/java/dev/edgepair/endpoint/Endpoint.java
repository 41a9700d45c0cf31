package dev.edgepair.endpoint;

import dev.edgepair.internal.endpoint.RoutedResource;

import java.util.Map;

import dev.edgepair.wire.WireException;

/**
 * One method on one path pattern, such as {@code PUT iam/users/{username}/role}: one class per endpoint, routed by
 * {@link RoutedResource}. Parameters in braces arrive in {@code params}.
 */
public abstract class Endpoint {
    private final String method;
    private final String[] pattern;

    protected Endpoint(String method, String pattern) {
        this.method = method;
        this.pattern = pattern.replaceAll("^/+|/+$", "").split("/");
    }

    public abstract Reply handle(Call call, Map<String, String> params) throws Refusal, WireException;

    public String method() {
        return method;
    }

    /** The path pattern, such as {@code iam/users/{username}/role}. */
    public String pattern() {
        return String.join("/", pattern);
    }

    /** The parameters if the path matches the pattern, else null. */
    public Map<String, String> match(java.util.List<String> path) {
        if (path.size() != pattern.length) {
            return null;
        }
        Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), path.get(i));
            } else if (!p.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }
}
