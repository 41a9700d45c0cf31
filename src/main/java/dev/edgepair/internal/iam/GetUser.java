package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.User;

/** {@code GET /iam/users/{username}} → the user; action {@code IAM:GetUser} with {@code IAM:Username}. */
final class GetUser extends Endpoint {
    private final Iam iam;

    GetUser(Iam iam) {
        super("GET", "iam/users/{username}");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        String username = IamHandlers.username(params);
        iam.check(call, "IAM:GetUser", IamHandlers.about(username));
        User u = iam.state().user(username).orElseThrow(() -> Refusal.notFound("no user " + username));
        return Reply.cbor(ResponseCode.CONTENT, IamHandlers.user(u));
    }
}
