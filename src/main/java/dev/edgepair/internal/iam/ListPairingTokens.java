package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/pairing-tokens} → {@code {Tokens: [{Id, Username, Role, Expires}]}} (never the secret). */
final class ListPairingTokens extends IamEndpoint<Void> {
    ListPairingTokens(Iam iam) {
        super(iam, Method.GET, "iam/pairing-tokens", "IAM:ListPairingTokens");
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    Reply change(Call call, Void none) {
        return Reply.content(CborMap.builder().putMaps("Tokens", iam.state().tokens().stream()
                .map(t -> CborMap.builder().put("Id", t.id()).put("Username", t.username()).put("Role", t.role())
                        .put("Expires", t.expiresAtEpochSecond()).build())
                .toList()).build());
    }
}
