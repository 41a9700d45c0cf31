package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;

/** {@code GET /iam/me} → the user this connection's key belongs to; 4.04 if it is not paired. */
final class GetMe extends IamEndpoint<Void> {
    GetMe(Iam iam) {
        // no action: every paired client may read its own user; an unpaired one gets 4.04
        super(iam, Method.GET, "iam/me", null);
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    Reply change(Call call, Void none) throws Refusal {
        return Reply.content(IamRequests.user(iam.userOf(call.clientFingerprint())
                .orElseThrow(() -> Refusal.notFound("not paired"))));
    }
}
