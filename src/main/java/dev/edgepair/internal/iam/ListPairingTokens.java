package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/pairing-tokens} → {@code {Tokens: [{Id, Username, Role, Expires}]}} (never the secret). */
final class ListPairingTokens extends Endpoint {
    private final Iam iam;

    ListPairingTokens(Iam iam) {
        super("GET", "iam/pairing-tokens");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        iam.check(call, "IAM:ListPairingTokens");
        return Reply.cbor(ResponseCode.CONTENT, CborMap.builder().putMaps("Tokens", iam.state().tokens().stream()
                .map(t -> CborMap.builder().put("Id", t.id()).put("Username", t.username()).put("Role", t.role())
                        .put("Expires", t.expiresAtEpochSecond()).build())
                .toList()).build());
    }
}
