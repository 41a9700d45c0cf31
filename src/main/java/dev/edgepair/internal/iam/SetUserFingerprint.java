package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.wire.WireException;

/**
 * {@code PUT /iam/users/{username}/fingerprints/{fingerprint} {Name?}} → 2.04; action {@code IAM:SetUserFingerprint}.
 * 4.09 if the key belongs to another user.
 */
final class SetUserFingerprint extends IamEndpoint<SetUserFingerprint.Request> {
    record Request(String username, Fingerprint fingerprint, String name) {
    }

    SetUserFingerprint(Iam iam) {
        super(iam, Method.PUT, "iam/users/{username}/fingerprints/{fingerprint}", "IAM:SetUserFingerprint");
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal, WireException {
        return new Request(IamRequests.username(params), IamRequests.fingerprint(params),
                call.cbor().onlyKeys("Name").optionalText("Name", 64).orElse(""));
    }

    @Override
    protected Map<String, String> attributes(Request r) {
        return Map.of("IAM:Username", r.username(), "IAM:Fingerprint", r.fingerprint().hex());
    }

    @Override
    Reply change(Call call, Request r) throws IamException {
        iam.setFingerprint(r.username(), r.fingerprint(), r.name());
        return Reply.changed();
    }
}
