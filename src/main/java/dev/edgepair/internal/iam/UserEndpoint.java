package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.iam.Iam;

/**
 * An endpoint about one user ({@code /iam/users/{username}/...}): policy conditions see the user as
 * {@code IAM:Username} (for example "a Standard user manages only their own user").
 *
 * @param <R> the request value
 */
abstract class UserEndpoint<R> extends IamEndpoint<R> {
    UserEndpoint(Iam iam, Method method, String pattern, String action) {
        super(iam, method, pattern, action);
    }

    /** The user the request is about. */
    abstract String username(R request);

    @Override
    protected final Map<String, String> attributes(R request) {
        return Map.of("IAM:Username", username(request));
    }
}
