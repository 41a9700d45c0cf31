package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.PairingToken;

/** {@code DELETE /iam/pairing-tokens/{id}} → 2.02: revokes a token; 4.04 if there is none. */
final class DeletePairingToken extends IamEndpoint<String> {
    DeletePairingToken(Iam iam) {
        super(iam, Method.DELETE, "iam/pairing-tokens/{id}", "IAM:DeletePairingToken");
    }

    @Override
    protected String read(Call call, Map<String, String> params) throws Refusal {
        String id = params.get("id");
        if (!PairingToken.isValidId(id)) {
            throw Refusal.badRequest("token ids are 8 lowercase hex characters");
        }
        return id;
    }

    @Override
    Reply change(Call call, String id) throws IamException {
        iam.deleteToken(id);
        return Reply.deleted();
    }
}
