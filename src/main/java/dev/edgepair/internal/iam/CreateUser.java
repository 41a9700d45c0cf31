package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
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
final class CreateUser extends Endpoint {
    private final Iam iam;

    CreateUser(Iam iam) {
        super("POST", "iam/users");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal, WireException {
        iam.check(call, "IAM:CreateUser");
        CborMap body = call.cbor().onlyKeys("Username", "DisplayName", "Role");
        try {
            return Reply.cbor(ResponseCode.CREATED, IamHandlers.user(iam.createUser(body.text("Username", 64),
                    body.optionalText("DisplayName", 64).orElse(""),
                    body.optionalText("Role", 64).orElse(iam.state().openPairingRole()))));
        } catch (IamException e) {
            throw e.toRefusal();
        }
    }
}
