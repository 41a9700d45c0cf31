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
 * {@code PUT /iam/users/{username}/fingerprints/{fingerprint} {Name?}} → 2.04; action {@code IAM:SetUserFingerprint}.
 * 4.09 if the key belongs to another user.
 */
final class SetUserFingerprint extends Endpoint {
    private final Iam iam;

    SetUserFingerprint(Iam iam) {
        super("PUT", "iam/users/{username}/fingerprints/{fingerprint}");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal, WireException {
        String username = IamHandlers.username(params);
        var fingerprint = IamHandlers.fingerprint(params);
        String name = call.cbor().onlyKeys("Name").optionalText("Name", 64).orElse("");
        iam.check(call, "IAM:SetUserFingerprint", Map.of("IAM:Username", username, "IAM:Fingerprint",
                fingerprint.hex()));
        try {
            iam.setFingerprint(username, fingerprint, name);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.CHANGED);
    }
}
