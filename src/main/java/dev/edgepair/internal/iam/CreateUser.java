package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * {@code POST /iam/users {Username, DisplayName?, Role?}} → 2.01 and the user; action {@code IAM:CreateUser}.
 * Role defaults to the open-pairing role. 4.09 if the username exists.
 */
final class CreateUser extends IamEndpoint<CreateUser.Request> {
    record Request(String username, String displayName, String role) {
    }

    CreateUser(Iam iam) {
        super(iam, Method.POST, "iam/users", "IAM:CreateUser");
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal, WireException {
        CborMap body = call.cbor().onlyKeys("Username", "DisplayName", "Role");
        return new Request(body.text("Username", 64), body.optionalText("DisplayName", 64).orElse(""),
                body.optionalText("Role", 64).orElse(iam.state().openPairingRole()));
    }

    @Override
    Reply change(Call call, Request r) throws IamException {
        return Reply.created(IamRequests.user(iam.createUser(r.username(), r.displayName(), r.role())));
    }
}
