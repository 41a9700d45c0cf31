package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.PairingToken;

/** {@code DELETE /iam/pairing-tokens/{id}} → 2.02: revokes a token; 4.04 if there is none. */
final class DeletePairingToken extends Endpoint {
    private final Iam iam;

    DeletePairingToken(Iam iam) {
        super("DELETE", "iam/pairing-tokens/{id}");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        iam.check(call, "IAM:DeletePairingToken");
        String id = params.get("id");
        if (!PairingToken.isValidId(id)) {
            throw Refusal.badRequest("token ids are 8 lowercase hex characters");
        }
        try {
            iam.deleteToken(id);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.DELETED);
    }
}
