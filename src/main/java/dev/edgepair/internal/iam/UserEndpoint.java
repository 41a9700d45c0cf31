package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
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

    /** An endpoint whose whole request is the {@code {username}} of its path. */
    abstract static class ByUsername extends UserEndpoint<String> {
        ByUsername(Iam iam, Method method, String pattern, String action) {
            super(iam, method, pattern, action);
        }

        @Override
        protected final String read(Call call, Map<String, String> params) throws Refusal {
            return IamRequests.username(params);
        }

        @Override
        final String username(String request) {
            return request;
        }
    }
}
