package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;

/** {@code DELETE /iam/users/{username}/fingerprints/{fingerprint}} → 2.02; action {@code IAM:SetUserFingerprint}. */
final class DeleteUserFingerprint extends Endpoint {
    private final Iam iam;

    DeleteUserFingerprint(Iam iam) {
        super("DELETE", "iam/users/{username}/fingerprints/{fingerprint}");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        String username = IamHandlers.username(params);
        var fingerprint = IamHandlers.fingerprint(params);
        iam.check(call, "IAM:SetUserFingerprint", Map.of("IAM:Username", username, "IAM:Fingerprint",
                fingerprint.hex()));
        try {
            iam.deleteFingerprint(username, fingerprint);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.DELETED);
    }
}
