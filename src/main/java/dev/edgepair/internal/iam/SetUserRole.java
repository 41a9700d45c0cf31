package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/**
 * {@code PUT /iam/users/{username}/role {Role}} → 2.04; action {@code IAM:SetUserRole} with {@code IAM:Username}
 * and {@code IAM:RoleId}. 4.00 for an unknown role.
 */
final class SetUserRole extends IamEndpoint<SetUserRole.Request> {
    record Request(String username, String role) {
    }

    SetUserRole(Iam iam) {
        super(iam, Method.PUT, "iam/users/{username}/role", "IAM:SetUserRole");
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal, WireException {
        return new Request(IamRequests.username(params), call.cbor().onlyKeys("Role").text("Role", 64));
    }

    @Override
    protected Map<String, String> attributes(Request r) {
        return Map.of("IAM:Username", r.username(), "IAM:RoleId", r.role());
    }

    @Override
    Reply change(Call call, Request r) throws IamException {
        iam.setRole(r.username(), r.role());
        return Reply.changed();
    }
}
