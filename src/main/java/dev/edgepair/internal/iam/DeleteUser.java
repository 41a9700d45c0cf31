package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;

/** {@code DELETE /iam/users/{username}} → 2.02; action {@code IAM:DeleteUser} with {@code IAM:Username}. */
final class DeleteUser extends Endpoint {
    private final Iam iam;

    DeleteUser(Iam iam) {
        super("DELETE", "iam/users/{username}");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        String username = IamHandlers.username(params);
        iam.check(call, "IAM:DeleteUser", IamHandlers.about(username));
        try {
            iam.deleteUser(username);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.DELETED);
    }
}
