package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.User;

/** {@code GET /iam/me} → the user this connection's key belongs to; 4.04 if it is not paired. */
final class GetMe extends Endpoint {
    private final Iam iam;

    GetMe(Iam iam) {
        super("GET", "iam/me");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        User u = iam.userOf(call.clientFingerprint()).orElseThrow(() -> Refusal.notFound("not paired"));
        return Reply.cbor(ResponseCode.CONTENT, IamHandlers.user(u));
    }
}
