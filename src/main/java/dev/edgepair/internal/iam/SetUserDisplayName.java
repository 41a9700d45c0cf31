package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/** {@code PUT /iam/users/{username}/display-name {DisplayName}} → 2.04; action {@code IAM:SetUserDisplayName}. */
final class SetUserDisplayName extends UserEndpoint<SetUserDisplayName.Request> {
    record Request(String username, String displayName) {
    }

    SetUserDisplayName(Iam iam) {
        super(iam, Method.PUT, "iam/users/{username}/display-name", "IAM:SetUserDisplayName");
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal, WireException {
        return new Request(IamRequests.username(params),
                call.cbor().onlyKeys("DisplayName").text("DisplayName", 64));
    }

    @Override
    String username(Request r) {
        return r.username();
    }

    @Override
    Reply change(Call call, Request r) throws IamException {
        iam.setDisplayName(r.username(), r.displayName());
        return Reply.changed();
    }
}
