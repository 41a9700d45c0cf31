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

/** {@code PUT /iam/users/{username}/display-name {DisplayName}} → 2.04; action {@code IAM:SetUserDisplayName}. */
final class SetUserDisplayName extends Endpoint {
    private final Iam iam;

    SetUserDisplayName(Iam iam) {
        super("PUT", "iam/users/{username}/display-name");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal, WireException {
        String username = IamHandlers.username(params);
        String name = call.cbor().onlyKeys("DisplayName").text("DisplayName", 64);
        iam.check(call, "IAM:SetUserDisplayName", IamHandlers.about(username));
        try {
            iam.setDisplayName(username, name);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.CHANGED);
    }
}
