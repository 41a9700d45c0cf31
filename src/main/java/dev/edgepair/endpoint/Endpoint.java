package dev.edgepair.endpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.edgepair.wire.WireException;

/**
 * One method on one path pattern, such as {@code PUT iam/users/{username}/role}: one class per endpoint, EdgePair's and
 * an application's. Every request runs the same pipeline, in this order:
 * <ol>
 * <li>{@link #read}: the path parameters and the body become a request value (a bad one is 4.00 naming the field);</li>
 * <li>{@link #authorize}: the access check, by default the endpoint's action against the device's
 * {@link AccessControl} with the request's {@link #attributes} (4.03);</li>
 * <li>{@link #act}: the action, which answers with a {@link Reply} or refuses with a {@link Refusal}.</li>
 * </ol>
 * Nothing an endpoint throws escapes: an unexpected exception is answered 5.00 and logged by the device.
 *
 * @param <R> the request value the endpoint reads
 */
public abstract class Endpoint<R> {

    /** The CoAP request methods an endpoint answers. */
    public enum Method {
        /** CoAP GET. */
        GET,
        /** CoAP POST. */
        POST,
        /** CoAP PUT. */
        PUT,
        /** CoAP DELETE. */
        DELETE
    }

    private final Method method;
    private final List<String> pattern;
    private final String action;

    /**
     * An endpoint guarded by an IAM action.
     *
     * @param method the method it answers
     * @param pattern the path, segments separated by {@code /}, parameters in braces: {@code iam/users/{username}};
     *        a last segment {@code **} matches any number of further segments (a relay)
     * @param action the action the caller needs, such as {@code Hello:Get}; null for an endpoint that decides access
     *        itself in {@link #authorize} (the pairing endpoints, whose callers are not paired yet)
     * @throws IllegalArgumentException if the pattern is empty or has an empty segment
     */
    protected Endpoint(Method method, String pattern, String action) {
        this.method = Objects.requireNonNull(method);
        List<String> segments = List.of(pattern.replaceAll("^/+|/+$", "").split("/", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("bad path pattern: " + pattern);
        }
        this.pattern = segments;
        this.action = action;
    }

    /**
     * Step 1: reads the path parameters and the body into the request value. Decoding only: no access decisions and no
     * changes here.
     *
     * @param call the request
     * @param params the path parameters by name
     * @return the request value
     * @throws Refusal 4.00 for a bad parameter or body
     * @throws WireException a bad CBOR field, answered 4.00 naming it
     */
    protected abstract R read(Call call, Map<String, String> params) throws Refusal, WireException;

    /**
     * Step 2: the access check. By default the caller needs this endpoint's action, with {@link #attributes} of the
     * request; endpoints without an action allow every caller here.
     *
     * @param call the request
     * @param request the request value from {@link #read}
     * @param access the device's access control
     * @throws Refusal 4.03 when denied (or another code the endpoint's own rule gives)
     */
    protected void authorize(Call call, R request, AccessControl access) throws Refusal {
        if (action != null) {
            access.check(call, action, attributes(request));
        }
    }

    /**
     * The request attributes that policy conditions may test, for example {@code IAM:Username} of the user a request
     * is about. None by default.
     *
     * @param request the request value
     * @return the attributes
     */
    protected Map<String, String> attributes(R request) {
        return Map.of();
    }

    /**
     * Step 3: performs the request.
     *
     * @param call the request
     * @param request the request value from {@link #read}
     * @return the answer
     * @throws Refusal the answer when the request cannot be performed
     */
    protected abstract Reply act(Call call, R request) throws Refusal;

    /**
     * Runs the pipeline for one request; the device calls it.
     *
     * @param call the request
     * @param params the path parameters, from {@link #match}
     * @param access the device's access control
     * @return the answer
     * @throws Refusal the answer when the request is refused
     */
    public final Reply handle(Call call, Map<String, String> params, AccessControl access) throws Refusal {
        R request;
        try {
            request = read(call, params);
        } catch (WireException e) {
            throw Refusal.badRequest(e.getMessage());
        }
        return authorizeAndAct(call, request, access);
    }

    /**
     * Steps 2 and 3 as the pipeline runs them: {@link #authorize}, then {@link #act}. An endpoint whose action changes
     * what access decisions read overrides this to make both one step (the device's IAM endpoints and pairing modes:
     * no change can come between a decision and the change it allows, spec/iam.md, "Decisions and changes").
     *
     * @param call the request
     * @param request the request value from {@link #read}
     * @param access the device's access control
     * @return the answer
     * @throws Refusal the answer when the request is refused
     */
    protected Reply authorizeAndAct(Call call, R request, AccessControl access) throws Refusal {
        authorize(call, request, access);
        return act(call, request);
    }

    /**
     * The method this endpoint answers.
     *
     * @return the method
     */
    public final Method method() {
        return method;
    }

    /**
     * The path pattern, such as {@code iam/users/{username}/role}.
     *
     * @return the pattern
     */
    public final String pattern() {
        return String.join("/", pattern);
    }

    /**
     * The action a caller needs, or null when the endpoint decides access itself.
     *
     * @return the action or null
     */
    public final String action() {
        return action;
    }

    /**
     * Matches a request path against the pattern.
     *
     * @param path the request path segments
     * @return the path parameters by name if the path matches, else null
     */
    public final Map<String, String> match(List<String> path) {
        boolean rest = pattern.get(pattern.size() - 1).equals("**");
        if (rest ? path.size() < pattern.size() - 1 : path.size() != pattern.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (rest && i == pattern.size() - 1) {
                params.put("**", String.join("/", path.subList(i, path.size())));
                break;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), path.get(i));
            } else if (!p.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    /**
     * The fixed segments before the first parameter, where the device mounts the endpoint.
     *
     * @return the leading fixed segments
     */
    public final List<String> fixedPrefix() {
        List<String> prefix = new ArrayList<>();
        for (String p : pattern) {
            if (p.startsWith("{") || p.equals("**")) {
                break;
            }
            prefix.add(p);
        }
        return List.copyOf(prefix);
    }

    @Override
    public String toString() {
        return method + " " + pattern();
    }
}
