package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/roles} → {@code {"Roles": [id...]}}; action {@code IAM:ListRoles}. */
final class ListRoles extends IamEndpoint<Void> {
    ListRoles(Iam iam) {
        super(iam, Method.GET, "iam/roles", "IAM:ListRoles");
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    Reply change(Call call, Void none) {
        return Reply.content(CborMap.builder().put("Roles", iam.config().roleIds()).build());
    }
}
