package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.identity.Fingerprint;

/** {@code DELETE /iam/users/{username}/fingerprints/{fingerprint}} → 2.02; action {@code IAM:SetUserFingerprint}. */
final class DeleteUserFingerprint extends IamEndpoint<DeleteUserFingerprint.Request> {
    record Request(String username, Fingerprint fingerprint) {
    }

    DeleteUserFingerprint(Iam iam) {
        super(iam, Method.DELETE, "iam/users/{username}/fingerprints/{fingerprint}", "IAM:SetUserFingerprint");
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal {
        return new Request(IamRequests.username(params), IamRequests.fingerprint(params));
    }

    @Override
    protected Map<String, String> attributes(Request r) {
        return Map.of("IAM:Username", r.username(), "IAM:Fingerprint", r.fingerprint().hex());
    }

    @Override
    Reply change(Call call, Request r) throws IamException {
        iam.deleteFingerprint(r.username(), r.fingerprint());
        return Reply.deleted();
    }
}
