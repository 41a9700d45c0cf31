package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.User;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/users} → {@code {"Users": [username...]}}; action {@code IAM:ListUsers}. */
final class ListUsers extends Endpoint {
    private final Iam iam;

    ListUsers(Iam iam) {
        super("GET", "iam/users");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        iam.check(call, "IAM:ListUsers");
        return Reply.cbor(ResponseCode.CONTENT, CborMap.builder()
                .put("Users", iam.state().users().stream().map(User::username).toList()).build());
    }
}
