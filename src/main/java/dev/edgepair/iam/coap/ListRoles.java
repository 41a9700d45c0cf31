package dev.edgepair.iam.coap;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.device.Call;
import dev.edgepair.device.Endpoint;
import dev.edgepair.device.Refusal;
import dev.edgepair.device.Reply;
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
