package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/**
 * {@code PUT /iam/users/{username}/role {Role}} → 2.04; action {@code IAM:SetUserRole} with {@code IAM:Username}
 * and {@code IAM:RoleId}. 4.00 for an unknown role.
 */
final class SetUserRole extends Endpoint {
    private final Iam iam;

    SetUserRole(Iam iam) {
        super("PUT", "iam/users/{username}/role");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal, WireException {
        String username = IamHandlers.username(params);
        String role = call.cbor().onlyKeys("Role").text("Role", 64);
        iam.check(call, "IAM:SetUserRole", Map.of("IAM:Username", username, "IAM:RoleId", role));
        try {
            iam.setRole(username, role);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.CHANGED);
    }
}
