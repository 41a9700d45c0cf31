package dev.edgepair.internal.iam;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.internal.endpoint.IamRefusals;

/**
 * An {@code /iam/...} endpoint: the endpoint pipeline, whose action is an IAM read or change; a refused change is
 * answered here, once, through {@link IamRefusals}. A change's access decision and the change run as one step
 * ({@link Iam#atomically}); a read decides on the saved state and shows only what is saved.
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
    protected final Reply authorizeAndAct(Call call, R request, AccessControl access) throws Refusal {
        if (method() == Method.GET) {
            return super.authorizeAndAct(call, request, access);
        }
        return iam.atomically(() -> super.authorizeAndAct(call, request, access));
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
