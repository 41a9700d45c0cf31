package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/roles} → {@code {"Roles": [id...]}}; action {@code IAM:ListRoles}. */
final class ListRoles extends Endpoint {
    private final Iam iam;

    ListRoles(Iam iam) {
        super("GET", "iam/roles");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        iam.check(call, "IAM:ListRoles");
        return Reply.cbor(ResponseCode.CONTENT, CborMap.builder().put("Roles", iam.config().roleIds()).build());
    }
}
