package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.internal.protocol.DeviceSecrets;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * {@code PUT /iam/users/{username}/password {Password}} → 2.04: invites the user (password-invite pairing, once).
 * Only the password's J-PAKE secret is stored. 4.00 shorter than 8 characters; action {@code IAM:SetUserPassword}.
 */
final class SetUserPassword extends Endpoint {
    private final Iam iam;
    private final DeviceSecrets secrets;

    SetUserPassword(Iam iam, DeviceSecrets secrets) {
        super("PUT", "iam/users/{username}/password");
        this.iam = iam;
        this.secrets = secrets;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal, WireException {
        String username = IamHandlers.username(params);
        CborMap body = call.cbor().onlyKeys("Password");
        iam.check(call, "IAM:SetUserPassword", IamHandlers.about(username));
        String password = IamHandlers.password(body, "Password");
        try {
            iam.setInvitation(username, secrets.password(username, password));
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.CHANGED);
    }
}
