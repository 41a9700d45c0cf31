package dev.edgepair.internal.iam;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.internal.endpoint.IamRefusals;

/**
 * An {@code /iam/...} endpoint: the endpoint pipeline, whose action is an IAM read or change; a refused change is
 * answered here, once, through {@link IamRefusals}.
 *
 * @param <R> the request value
 */
abstract class IamEndpoint<R> extends Endpoint<R> {
    final Iam iam;

    IamEndpoint(Iam iam, Method method, String pattern, String action) {
        super(method, pattern, action);
        this.iam = iam;
    }

    @Override
    protected final Reply act(Call call, R request) throws Refusal {
        try {
            return change(call, request);
        } catch (IamException e) {
            throw IamRefusals.of(e);
        }
    }

    /** The IAM read or change of the request. */
    abstract Reply change(Call call, R request) throws Refusal, IamException;
}
